import type { SkuView } from '@linli/shared'
import { describeSelection, findSku, initialSelection, isValueDisabled, toggleValue } from './sku-selection'

const dims = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['S', 'M'] },
]
const skus: SkuView[] = [
  { id: 1, specs: { 颜色: '红', 尺码: 'S' }, price: 100, originalPrice: 100, stock: 0, sales: 0 },
  { id: 2, specs: { 颜色: '红', 尺码: 'M' }, price: 110, originalPrice: 110, stock: 3, sales: 0 },
  { id: 3, specs: { 颜色: '蓝', 尺码: 'S' }, price: 120, originalPrice: 120, stock: 4, sales: 0 },
  // 蓝 M does not exist at all
]

describe('sku selection', () => {
  it('finds the SKU only when every dimension is chosen', () => {
    expect(findSku(skus, dims, { 颜色: '红' })).toBeNull()
    expect(findSku(skus, dims, { 颜色: '红', 尺码: 'M' })?.id).toBe(2)
    expect(findSku(skus, dims, { 颜色: '蓝', 尺码: 'M' })).toBeNull()
  })

  it('treats a product without dimensions as its single SKU', () => {
    expect(findSku([skus[1]], [], {})?.id).toBe(2)
  })

  it('disables a value only in combination with what is already chosen', () => {
    // S is in stock in 蓝, so it is open while nothing is chosen…
    expect(isValueDisabled(skus, {}, '尺码', 'S')).toBe(false)
    // …but 红 S is sold out and 蓝 M does not exist.
    expect(isValueDisabled(skus, { 颜色: '红' }, '尺码', 'S')).toBe(true)
    expect(isValueDisabled(skus, { 颜色: '蓝' }, '尺码', 'M')).toBe(true)
    expect(isValueDisabled(skus, { 颜色: '蓝' }, '尺码', 'S')).toBe(false)
    // Changing the value of the same dimension ignores its current value.
    expect(isValueDisabled(skus, { 颜色: '红', 尺码: 'M' }, '颜色', '蓝')).toBe(true)
    expect(isValueDisabled(skus, { 颜色: '蓝', 尺码: 'S' }, '颜色', '红')).toBe(true)
  })

  it('starts from the preferred SKU when it has stock, else the first in stock', () => {
    expect(initialSelection(skus, 3)).toEqual({ 颜色: '蓝', 尺码: 'S' })
    expect(initialSelection(skus, 1)).toEqual({ 颜色: '红', 尺码: 'M' })
    expect(initialSelection(skus.map((s) => ({ ...s, stock: 0 })))).toEqual({})
  })

  it('toggles a value on and off', () => {
    expect(toggleValue({}, '颜色', '红')).toEqual({ 颜色: '红' })
    expect(toggleValue({ 颜色: '红' }, '颜色', '红')).toEqual({})
    expect(toggleValue({ 颜色: '红' }, '颜色', '蓝')).toEqual({ 颜色: '蓝' })
  })

  it('describes the selection or what is missing', () => {
    expect(describeSelection(dims, { 颜色: '红', 尺码: 'M' })).toBe('红 / M')
    expect(describeSelection(dims, { 颜色: '红' })).toBe('请选择 尺码')
  })
})
