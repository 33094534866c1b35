import { render } from '@testing-library/react'
import { RefundCard } from './refund-card'
import { refund } from '../../../__fixtures__/order'

describe('RefundCard', () => {
  it('shows the type, state, amount and reason of a whole-order after-sale', () => {
    const { container } = render(<RefundCard refund={refund({ amount: 3000, reason: '拍错了' })} />)
    const card = container.querySelector('.refund-card') as HTMLElement
    expect(card.getAttribute('data-status')).toBe('pending_review')
    expect(card.querySelector('.refund-card__type')?.textContent).toBe('仅退款')
    expect(card.querySelector('.refund-card__status')?.textContent).toBe('待审核')
    expect(card.querySelector('.refund-card__amount')?.textContent).toBe('¥30.00')
    expect(card.querySelector('.refund-card__reason')?.textContent).toBe('拍错了')
    expect(card.textContent).toContain('整单退款')
    expect(card.querySelector('.refund-card__reject')).toBeNull()
  })

  it('lists the lines of a partial refund and the reject reason', () => {
    const { container } = render(
      <RefundCard
        refund={refund({
          type: 'return_refund',
          status: 'rejected',
          rejectReason: '商品已签收超过7天',
          lines: [{ skuId: 3, title: '烟台红富士苹果', specs: { 重量: '2.5kg装' }, quantity: 2, amount: 5980 }],
        })}
      />,
    )
    expect(container.querySelector('.refund-card__type')?.textContent).toBe('退货退款')
    expect(container.querySelector('.refund-card__status')?.textContent).toBe('已拒绝')
    expect(container.querySelector('.refund-card__line')?.textContent).toBe('烟台红富士苹果（2.5kg装） ×2')
    expect(container.querySelector('.refund-card__reject')?.textContent).toBe('商品已签收超过7天')
  })

  it('marks a succeeded refund 退款成功 and an automatic one 系统退款', () => {
    const { container } = render(<RefundCard refund={refund({ source: 'late_payment', status: 'succeeded', completedAt: '2025-11-22T04:00:00.000Z' })} />)
    expect(container.querySelector('.refund-card__status')?.textContent).toBe('退款成功')
    expect(container.querySelector('.refund-card__type')?.textContent).toBe('系统退款')
    expect(container.textContent).toContain('到账时间')
  })

  it('calls a failed group’s refund 拼团退款 and says why', () => {
    const { container } = render(<RefundCard refund={refund({ source: 'group_failed', status: 'succeeded', reason: '拼团未成功', completedAt: '2025-11-22T04:00:00.000Z' })} />)
    expect(container.querySelector('.refund-card__type')?.textContent).toBe('拼团退款')
    expect(container.querySelector('.refund-card__reason')?.textContent).toBe('拼团未成功，支付款自动原路退回')
    expect(container.textContent).toContain('发起时间')
  })
})
