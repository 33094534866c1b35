import { fireEvent, render } from '@testing-library/react'
import { PayResultPanel, type PayResultPanelProps } from './pay-result-panel'
import { order, pendingOrder } from '../../../__fixtures__/order'

function renderPanel(props: Partial<PayResultPanelProps> & Pick<PayResultPanelProps, 'state'>) {
  const handlers = { onRetry: jest.fn(), onViewOrder: jest.fn(), onContinue: jest.fn() }
  const utils = render(<PayResultPanel order={null} {...handlers} {...props} />)
  const $ = (selector: string) => utils.container.querySelector(selector) as HTMLElement | null
  return { ...utils, ...handlers, $ }
}

describe('PayResultPanel', () => {
  it('shows 支付确认中 with a spinner before the server has answered', () => {
    const { $ } = renderPanel({ state: 'confirming' })
    expect($('#pay-result-status')?.textContent).toBe('支付确认中')
    expect($('.pay-result__spinner')).not.toBeNull()
    expect($('#pay-result-retry')).toBeNull()
  })

  it('shows 支付成功 with the amount paid, 查看订单 and 继续逛逛', () => {
    const { $, onViewOrder, onContinue } = renderPanel({ state: 'success', order: order({ total: 3000, payment: { status: 'success', amount: 2990, paidAt: null } }) })
    expect($('#pay-result-status')?.textContent).toBe('支付成功')
    expect($('.pay-result__amount')?.textContent).toBe('¥29.90')
    fireEvent.click($('#pay-result-order')!)
    fireEvent.click($('#pay-result-home')!)
    expect(onViewOrder).toHaveBeenCalledTimes(1)
    expect(onContinue).toHaveBeenCalledTimes(1)
    expect($('#pay-result-retry')).toBeNull()
  })

  it('offers 重新支付 while the order is still payable', () => {
    const { $, onRetry } = renderPanel({ state: 'unpaid', order: pendingOrder() })
    expect($('#pay-result-status')?.textContent).toBe('支付未完成')
    expect($('.pay-result__countdown')).not.toBeNull()
    fireEvent.click($('#pay-result-retry')!)
    expect(onRetry).toHaveBeenCalledTimes(1)
    expect($('#pay-result-order')).not.toBeNull()
  })

  it('offers only 查看订单 once the order was cancelled', () => {
    const { $, container } = renderPanel({ state: 'unpaid', order: order({ status: 'cancelled', payment: { status: 'closed', amount: 3000, paidAt: null } }) })
    expect($('#pay-result-status')?.textContent).toBe('支付未完成')
    expect($('#pay-result-retry')).toBeNull()
    expect(container.textContent).toContain('订单已取消')
  })

  it('tells the shopper a late payment goes back to them', () => {
    const { container } = renderPanel({ state: 'unpaid', order: order({ status: 'cancelled' }) })
    expect(container.textContent).toContain('原路退回')
  })

  it('leads a paid group order on to its group with 查看拼团', () => {
    const onViewGroup = jest.fn()
    const { $, container } = renderPanel({ state: 'success', order: order({ kind: 'group', groupId: 12, status: 'grouping' }), onViewGroup })
    expect($('#pay-result-status')?.textContent).toBe('支付成功')
    expect(container.textContent).toContain('拼团中，邀请好友参团')
    fireEvent.click($('#pay-result-group')!)
    expect(onViewGroup).toHaveBeenCalledWith(12)
  })

  it('offers no 查看拼团 for an ordinary order or before the payment is confirmed', () => {
    const onViewGroup = jest.fn()
    expect(renderPanel({ state: 'success', order: order(), onViewGroup }).$('#pay-result-group')).toBeNull()
    expect(renderPanel({ state: 'confirming', order: pendingOrder({ kind: 'group', groupId: 12 }), onViewGroup }).$('#pay-result-group')).toBeNull()
  })
})
