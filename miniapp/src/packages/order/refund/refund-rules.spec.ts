import {
  MAX_REASON_LENGTH, allowedRefundTypes, buildRefundRequest, canApplyRefund, composeReason, refundableQuantities, type RefundForm,
} from './refund-rules'
import { order, orderLine, pendingOrder, refund } from '../../../__fixtures__/order'

const form = (overrides: Partial<RefundForm> = {}): RefundForm => ({ type: 'refund_only', scope: 'whole', quantities: {}, reason: '不想要了', note: '', ...overrides })

describe('refund rules', () => {
  describe('allowed types', () => {
    it('allows only 仅退款 before shipping', () => {
      expect(allowedRefundTypes('paid')).toEqual(['refund_only'])
    })
    it('allows 退货退款 too once shipped or completed', () => {
      expect(allowedRefundTypes('shipped')).toEqual(['refund_only', 'return_refund'])
      expect(allowedRefundTypes('completed')).toEqual(['refund_only', 'return_refund'])
    })
    it('allows nothing for unpaid, cancelled or refund states', () => {
      for (const status of ['pending_payment', 'cancelled', 'refunding', 'refunded'] as const) expect(allowedRefundTypes(status)).toEqual([])
    })
  })

  describe('申请售后 button', () => {
    it('shows for a paid, shipped or completed order with money left and no open after-sale', () => {
      expect(canApplyRefund(order({ status: 'paid' }))).toBe(true)
      expect(canApplyRefund(order({ status: 'shipped' }))).toBe(true)
      expect(canApplyRefund(order({ status: 'completed', refunds: [refund({ status: 'rejected' })] }))).toBe(true)
    })
    it('hides while an after-sale is open', () => {
      for (const status of ['pending_review', 'approved', 'processing'] as const) {
        expect(canApplyRefund(order({ status: 'shipped', refunds: [refund({ status })] }))).toBe(false)
      }
    })
    it('hides when nothing is left to refund or the state does not allow it', () => {
      expect(canApplyRefund(order({ refundableAmount: 0, refunds: [refund({ status: 'succeeded', amount: 3000 })] }))).toBe(false)
      expect(canApplyRefund(pendingOrder())).toBe(false)
      expect(canApplyRefund(order({ status: 'refunding' }))).toBe(false)
      expect(canApplyRefund(order({ status: 'refunded', refundableAmount: 0 }))).toBe(false)
      expect(canApplyRefund(order({ status: 'cancelled' }))).toBe(false)
    })
  })

  describe('refundable quantities', () => {
    it('subtracts units in refunds that still count, not rejected or failed ones', () => {
      const o = order({
        lines: [orderLine({ skuId: 1, quantity: 3 }), orderLine({ skuId: 2, quantity: 1 })],
        refunds: [
          refund({ id: 1, status: 'succeeded', lines: [{ skuId: 1, title: '商品1', specs: {}, quantity: 2, amount: 2000 }] }),
          refund({ id: 2, status: 'rejected', lines: [{ skuId: 1, title: '商品1', specs: {}, quantity: 1, amount: 1000 }] }),
          refund({ id: 3, status: 'failed', lines: [{ skuId: 2, title: '商品2', specs: {}, quantity: 1, amount: 1000 }] }),
        ],
      })
      expect(refundableQuantities(o)).toEqual({ 1: 1, 2: 1 })
    })
    it('leaves nothing after a whole-order refund', () => {
      expect(refundableQuantities(order({ refunds: [refund({ status: 'succeeded', lines: [] })] }))).toEqual({ 1: 0, 2: 0 })
    })
  })

  describe('reason', () => {
    it('appends the note to the chosen reason', () => {
      expect(composeReason('商品质量问题', '  苹果有磕碰 ')).toBe('商品质量问题：苹果有磕碰')
      expect(composeReason('拍错了', '   ')).toBe('拍错了')
    })
    it('stays within what the server accepts', () => {
      expect(composeReason('其他', 'x'.repeat(400))).toHaveLength(MAX_REASON_LENGTH)
    })
  })

  describe('request body', () => {
    it('sends no lines for the whole order', () => {
      const result = buildRefundRequest(form(), order())
      expect(result).toEqual({ ok: true, body: { type: 'refund_only', reason: '不想要了' } })
      expect(result.ok && 'lines' in result.body).toBe(false)
    })

    it('sends the chosen lines with their quantities, skipping unchosen ones', () => {
      const result = buildRefundRequest(form({ scope: 'lines', quantities: { 1: 1, 2: 0 }, reason: '少件漏发', note: '少了一袋' }), order())
      expect(result).toEqual({ ok: true, body: { type: 'refund_only', reason: '少件漏发：少了一袋', lines: [{ skuId: 1, quantity: 1 }] } })
    })

    it('never asks for more units than can still be refunded', () => {
      const o = order({
        status: 'completed',
        lines: [orderLine({ skuId: 1, quantity: 3 })],
        refunds: [refund({ status: 'succeeded', lines: [{ skuId: 1, title: '商品1', specs: {}, quantity: 2, amount: 2000 }] })],
      })
      const result = buildRefundRequest(form({ type: 'return_refund', scope: 'lines', quantities: { 1: 3 } }), o)
      expect(result).toEqual({ ok: true, body: { type: 'return_refund', reason: '不想要了', lines: [{ skuId: 1, quantity: 1 }] } })
    })

    it('asks for a line when none is chosen', () => {
      expect(buildRefundRequest(form({ scope: 'lines', quantities: { 1: 0 } }), order())).toEqual({ ok: false, message: '请选择要退款的商品' })
    })

    it('asks for a reason, and for details when the reason is 其他', () => {
      expect(buildRefundRequest(form({ reason: null }), order())).toEqual({ ok: false, message: '请选择退款原因' })
      expect(buildRefundRequest(form({ reason: '其他' }), order())).toEqual({ ok: false, message: '请填写具体原因' })
      expect(buildRefundRequest(form({ reason: '其他', note: '包装破损' }), order())).toEqual({ ok: true, body: { type: 'refund_only', reason: '其他：包装破损' } })
    })

    it('refuses 退货退款 before the goods were shipped', () => {
      expect(buildRefundRequest(form({ type: 'return_refund' }), order({ status: 'paid' }))).toEqual({ ok: false, message: '商品发货后才能申请退货退款' })
    })
  })
})
