import { CONFIRM_GRACE_MS, POLL_LIMIT_MS, canRetryPayment, decidePayResult, isLatePayment, isOrderPaid, paidGroupId, paidNote, parsePayHint } from './pay-result'
import { order, pendingOrder } from '../../../__fixtures__/order'

describe('pay result decision', () => {
  it('is paid once the order has moved past payment, whatever the hint', () => {
    for (const status of ['grouping', 'paid', 'shipped', 'completed', 'refunding', 'refunded'] as const) {
      expect(isOrderPaid(order({ status }))).toBe(true)
      expect(decidePayResult(order({ status }), 0, 'cancel')).toEqual({ state: 'success', keepPolling: false })
    }
  })

  it('is paid when the payment is confirmed even if the order has not caught up yet', () => {
    const confirmed = pendingOrder({ payment: { status: 'success', amount: 3000, paidAt: '2025-11-22T03:01:00.000Z' } })
    expect(decidePayResult(confirmed, 500, null)).toEqual({ state: 'success', keepPolling: false })
  })

  it('keeps the spinner only when WeChat said the payment succeeded', () => {
    expect(decidePayResult(pendingOrder({ payment: null }), 2000, 'success')).toEqual({ state: 'confirming', keepPolling: true })
    // WeChat said success: wait the whole time for the notification.
    expect(decidePayResult(pendingOrder(), POLL_LIMIT_MS - 1000, 'success')).toEqual({ state: 'confirming', keepPolling: true })
  })

  it('says 支付未完成 at once after 放弃支付 or a cashier return, and keeps asking in case the payment lands late', () => {
    expect(decidePayResult(pendingOrder(), 0, 'cancel')).toEqual({ state: 'unpaid', keepPolling: true })
    expect(decidePayResult(pendingOrder(), 0, null)).toEqual({ state: 'unpaid', keepPolling: true })
    expect(CONFIRM_GRACE_MS).toEqual({ success: POLL_LIMIT_MS, none: 0, cancel: 0 })
  })

  it('stops asking after about 30 s', () => {
    expect(POLL_LIMIT_MS).toBe(30_000)
    expect(decidePayResult(pendingOrder(), POLL_LIMIT_MS, 'success')).toEqual({ state: 'unpaid', keepPolling: false })
  })

  it('stops at once, not completed, when the order was cancelled', () => {
    const cancelled = order({ status: 'cancelled', paidAt: null, payment: { status: 'closed', amount: 3000, paidAt: null } })
    expect(decidePayResult(cancelled, 0, 'success')).toEqual({ state: 'unpaid', keepPolling: false })
    expect(isLatePayment(cancelled)).toBe(false)
  })

  it('treats a payment that arrived after the order closed as not completed (it is refunded)', () => {
    const late = order({ status: 'cancelled', payment: { status: 'success', amount: 3000, paidAt: '2025-11-22T03:30:00.000Z' } })
    expect(isOrderPaid(late)).toBe(false)
    expect(isLatePayment(late)).toBe(true)
    expect(decidePayResult(late, 0, 'success')).toEqual({ state: 'unpaid', keepPolling: false })
  })

  it('offers 重新支付 only while the order is pending, unconfirmed and before its deadline', () => {
    const now = Date.parse('2025-11-22T03:10:00.000Z')
    const open = pendingOrder({ payDeadline: '2025-11-22T03:15:00.000Z' })
    expect(canRetryPayment(open, now)).toBe(true)
    expect(canRetryPayment({ ...open, payDeadline: '2025-11-22T03:09:59.000Z' }, now)).toBe(false)
    expect(canRetryPayment({ ...open, payment: { status: 'success', amount: 3000, paidAt: null } }, now)).toBe(false)
    expect(canRetryPayment({ ...open, status: 'cancelled' }, now)).toBe(false)
    expect(canRetryPayment({ ...open, status: 'paid' }, now)).toBe(false)
  })

  it('reads only known hints from the page query', () => {
    expect(parsePayHint('success')).toBe('success')
    expect(parsePayHint('cancel')).toBe('cancel')
    expect(parsePayHint('paid')).toBeNull()
    expect(parsePayHint(undefined)).toBeNull()
  })

  it('sends a paid group order to its group, with a note that fits its state', () => {
    expect(paidGroupId(order({ kind: 'group', groupId: 5 }))).toBe(5)
    expect(paidGroupId(order())).toBeNull()
    expect(paidGroupId(null)).toBeNull()
    expect(paidNote(order({ kind: 'group', status: 'grouping' }))).toContain('拼团中')
    expect(paidNote(order({ kind: 'group', status: 'paid' }))).toContain('拼团成功')
    expect(paidNote(order({ kind: 'normal', status: 'paid' }))).toBe('商家正在备货，请耐心等待')
  })
})
