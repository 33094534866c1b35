import { fireEvent, render, screen } from '@testing-library/react'
import type { ProductDetailView, SkuView } from '@linli/shared'
import { SkuPicker, type SkuPickerProps } from './index'

function sku(id: number, weight: string, flavour: string, price: number, stock: number): SkuView {
  return { id, specs: { 重量: weight, 口味: flavour }, price, originalPrice: price + 500, stock, sales: 0 }
}

/** 辣味 is sold out in every weight; 1kg 原味 has only 2 left. */
const product: Pick<ProductDetailView, 'title' | 'cover' | 'price' | 'specDimensions' | 'skus'> = {
  title: '土鸡蛋',
  cover: '/media/products/eggs.svg',
  price: 1990,
  specDimensions: [
    { name: '重量', values: ['500g', '1kg'] },
    { name: '口味', values: ['原味', '辣味'] },
  ],
  skus: [sku(11, '500g', '原味', 1990, 5), sku(12, '500g', '辣味', 2190, 0), sku(13, '1kg', '原味', 3590, 2), sku(14, '1kg', '辣味', 3790, 0)],
}

function renderPicker(props: Partial<SkuPickerProps> = {}) {
  const onConfirm = jest.fn()
  const utils = render(<SkuPicker visible product={product} mode='cart' onClose={jest.fn()} onConfirm={onConfirm} {...props} />)
  return { ...utils, onConfirm }
}

const chip = (container: HTMLElement, value: string) => {
  const el = container.querySelector(`.sku-chip[data-value="${value}"]`)
  if (!el) throw new Error(`no chip ${value}`)
  return el as HTMLElement
}
const stepperValue = (container: HTMLElement) => container.querySelector('.stepper-value')?.textContent
const confirmButton = (container: HTMLElement) => container.querySelector('#sku-confirm') as HTMLElement

describe('SkuPicker', () => {
  it('shows one chip per spec value, grouped by dimension', () => {
    const { container } = renderPicker()
    expect(screen.getByText('重量')).toBeTruthy()
    expect(screen.getByText('口味')).toBeTruthy()
    const chips = Array.from(container.querySelectorAll('.sku-chip')).map((c) => c.textContent)
    expect(chips).toEqual(['500g', '1kg', '原味', '辣味'])
  })

  it('starts on the first SKU in stock and shows its price and stock', () => {
    const { container } = renderPicker()
    expect(chip(container, '500g').className).toContain('sku-chip--active')
    expect(chip(container, '原味').className).toContain('sku-chip--active')
    expect(container.querySelector('.sku-picker__price')?.textContent).toBe('¥19.90')
    expect(screen.getByText('库存 5 件')).toBeTruthy()
  })

  it('disables a value whose every combination is out of stock, and ignores taps on it', () => {
    const { container } = renderPicker()
    const spicy = chip(container, '辣味')
    expect(spicy.className).toContain('sku-chip--disabled')
    fireEvent.click(spicy)
    expect(spicy.className).not.toContain('sku-chip--active')
    expect(chip(container, '原味').className).toContain('sku-chip--active')
  })

  it('switches SKU when another chip is tapped and shows that SKU’s price and stock', () => {
    const { container } = renderPicker()
    fireEvent.click(chip(container, '1kg'))
    expect(chip(container, '1kg').className).toContain('sku-chip--active')
    expect(container.querySelector('.sku-picker__price')?.textContent).toBe('¥35.90')
    expect(screen.getByText('库存 2 件')).toBeTruthy()
  })

  it('limits the quantity to the chosen SKU’s stock', () => {
    const { container } = renderPicker()
    fireEvent.click(chip(container, '1kg'))
    const plus = container.querySelector('.stepper-plus') as HTMLElement
    fireEvent.click(plus)
    fireEvent.click(plus)
    fireEvent.click(plus)
    expect(stepperValue(container)).toBe('2')
    expect(plus.className).toContain('is-disabled')
  })

  it('clamps the quantity when switching to a SKU with less stock', () => {
    const { container } = renderPicker()
    const plus = container.querySelector('.stepper-plus') as HTMLElement
    for (let i = 0; i < 4; i++) fireEvent.click(plus)
    expect(stepperValue(container)).toBe('5')
    fireEvent.click(chip(container, '1kg'))
    expect(stepperValue(container)).toBe('2')
  })

  it('confirms with the chosen skuId and quantity', () => {
    const { container, onConfirm } = renderPicker()
    fireEvent.click(chip(container, '1kg'))
    fireEvent.click(container.querySelector('.stepper-plus') as HTMLElement)
    fireEvent.click(confirmButton(container))
    expect(onConfirm).toHaveBeenCalledTimes(1)
    expect(onConfirm).toHaveBeenCalledWith({ skuId: 13, quantity: 2 })
  })

  it('will not confirm until every dimension is chosen', () => {
    const { container, onConfirm } = renderPicker()
    fireEvent.click(chip(container, '原味')) // tapping the chosen value clears it
    expect(confirmButton(container).textContent).toBe('请选择 口味')
    fireEvent.click(confirmButton(container))
    expect(onConfirm).not.toHaveBeenCalled()
  })

  it('starts from the given SKU and labels the button by mode', () => {
    const { container, onConfirm } = renderPicker({ initialSkuId: 13, mode: 'buy' })
    expect(confirmButton(container).textContent).toBe('立即购买')
    fireEvent.click(confirmButton(container))
    expect(onConfirm).toHaveBeenCalledWith({ skuId: 13, quantity: 1 })
  })

  it('caps the quantity at 999 even with more stock', () => {
    const big = { ...product, specDimensions: [], skus: [{ ...sku(21, '', '', 100, 5000), specs: {} }] }
    const { container } = renderPicker({ product: big })
    const plus = container.querySelector('.stepper-plus') as HTMLElement
    for (let i = 0; i < 1000; i++) fireEvent.click(plus)
    expect(stepperValue(container)).toBe('999')
    expect(plus.className).toContain('is-disabled')
  })

  it('says 已售罄 when nothing is in stock', () => {
    const soldOut = { ...product, skus: product.skus.map((s) => ({ ...s, stock: 0 })) }
    const { container, onConfirm } = renderPicker({ product: soldOut })
    expect(confirmButton(container).textContent).toBe('已售罄')
    expect(container.querySelectorAll('.sku-chip--disabled')).toHaveLength(4)
    fireEvent.click(confirmButton(container))
    expect(onConfirm).not.toHaveBeenCalled()
  })
})
