import { fireEvent, render } from '@testing-library/react'
import { GroupSkuSheet, type GroupSkuSheetProps } from './index'
import { campaign } from '../../__fixtures__/group-buy'

function renderSheet(props: Partial<GroupSkuSheetProps> = {}) {
  const onConfirm = jest.fn()
  const utils = render(
    <GroupSkuSheet visible campaign={campaign()} product={{ title: '烟台红富士苹果', cover: '/media/x.svg' }} onClose={jest.fn()} onConfirm={onConfirm} {...props} />,
  )
  const $ = (selector: string) => utils.container.querySelector(selector) as HTMLElement | null
  return { ...utils, onConfirm, $ }
}

describe('GroupSkuSheet', () => {
  it('lets a leader choose the size, with each size’s price and 团长优惠', () => {
    const { container, $, onConfirm } = renderSheet()
    const chips = Array.from(container.querySelectorAll('.group-size-chip')).map((c) => c.textContent)
    expect(chips).toEqual(['2人团 ¥22.90', '3人团 ¥20.90', '5人团 ¥17.90'])
    expect($('#group-leader-discount')?.textContent).toContain('¥1.00')
    expect($('.sku-picker__price')?.textContent).toBe('¥22.90')

    fireEvent.click($('.group-size-chip[data-size="5"]')!)
    expect($('.sku-picker__price')?.textContent).toBe('¥17.90')
    expect($('#sku-confirm')?.textContent).toBe('确定')
    fireEvent.click($('#sku-confirm')!)
    expect(onConfirm).toHaveBeenCalledWith({ skuId: 1, quantity: 1, groupSize: 5 })
  })

  it('prices the size chips for the chosen SKU', () => {
    const { container, $ } = renderSheet()
    fireEvent.click($('.sku-chip[data-value="85mm"]')!)
    expect(Array.from(container.querySelectorAll('.group-size-chip')).map((c) => c.textContent)).toEqual(['2人团 ¥27.70', '3人团 ¥25.70', '5人团 ¥22.70'])
  })

  it('joins at the group’s size: no size choice, no 团长优惠, the member price', () => {
    const { $, onConfirm } = renderSheet({ joinSize: 3 })
    expect($('.group-size-chip')).toBeNull()
    expect($('#group-leader-discount')).toBeNull()
    expect($('.sku-picker__price')?.textContent).toBe('¥21.90')
    fireEvent.click($('#sku-confirm')!)
    expect(onConfirm).toHaveBeenCalledWith({ skuId: 1, quantity: 1, groupSize: 3 })
  })

  it('offers only the campaign’s spec values and stops the quantity at the per-shopper limit', () => {
    const { container, $ } = renderSheet({
      dimensions: [
        { name: '规格', values: ['2.5kg装', '5kg装'] },
        { name: '果径', values: ['75mm', '85mm'] },
      ],
    })
    expect(Array.from(container.querySelectorAll('.sku-chip:not(.group-size-chip)')).map((c) => c.textContent)).toEqual(['2.5kg装', '75mm', '85mm'])
    expect($('.sku-picker__limit')?.textContent).toBe('每人限购3件')
    const plus = $('.stepper-plus')!
    for (let i = 0; i < 5; i++) fireEvent.click(plus)
    expect($('.stepper-value')?.textContent).toBe('3')
  })
})
