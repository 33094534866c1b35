import {
  OrderStatus, REFUNDABLE_ORDER_STATUSES, RefundStatus, isOpenRefund,
  type ApplyRefundRequest, type OrderLineInput, type OrderView, type RefundType,
} from '@linli/shared'

/** The rules of the after-sale application, apart from the page so they can be checked on their own. */

export type RefundScope = 'whole' | 'lines'

export const REFUND_REASONS = ['不想要了', '拍错了', '商品质量问题', '少件漏发', '其他'] as const
export type RefundReason = (typeof REFUND_REASONS)[number]

/** What the server accepts for `reason`. */
export const MAX_REASON_LENGTH = 200
export const MAX_NOTE_LENGTH = 150

/** 仅退款 once paid; 退货退款 only once there are goods to send back. */
export function allowedRefundTypes(status: OrderStatus): RefundType[] {
  switch (status) {
    case OrderStatus.Paid:
    case OrderStatus.ReadyForPickup:
      return ['refund_only']
    case OrderStatus.Shipped:
    case OrderStatus.Completed:
      return ['refund_only', 'return_refund']
    case OrderStatus.PendingPayment:
    case OrderStatus.Grouping:
    case OrderStatus.Cancelled:
    case OrderStatus.Refunding:
    case OrderStatus.Refunded:
      return []
  }
}

/** Whether the order shows 申请售后: a refundable state, money left to refund, and no after-sale still open. */
export function canApplyRefund(order: Pick<OrderView, 'status' | 'refundableAmount' | 'refunds'>): boolean {
  return (
    REFUNDABLE_ORDER_STATUSES.includes(order.status) &&
    order.refundableAmount > 0 &&
    !order.refunds.some((r) => isOpenRefund(r.status))
  )
}

/** Refunds that still count against the order (rejected and failed ones give nothing back). */
function countsAgainstOrder(status: RefundStatus): boolean {
  return status !== RefundStatus.Rejected && status !== RefundStatus.Failed
}

/** Per SKU, how many units can still be asked back: the line quantity minus units already in refunds. */
export function refundableQuantities(order: Pick<OrderView, 'lines' | 'refunds'>): Record<number, number> {
  const left: Record<number, number> = Object.fromEntries(order.lines.map((l) => [l.skuId, l.quantity]))
  for (const refund of order.refunds) {
    if (!countsAgainstOrder(refund.status)) continue
    if (refund.lines.length === 0) {
      for (const skuId of Object.keys(left)) left[Number(skuId)] = 0
      continue
    }
    for (const line of refund.lines) {
      if (line.skuId in left) left[line.skuId] = Math.max(0, left[line.skuId] - line.quantity)
    }
  }
  return left
}

/** The reason chip, with the shopper's note after it when there is one, within what the server accepts. */
export function composeReason(reason: string, note: string): string {
  const extra = note.trim()
  return (extra ? `${reason}：${extra}` : reason).slice(0, MAX_REASON_LENGTH)
}

export interface RefundForm {
  type: RefundType
  scope: RefundScope
  /** skuId → units to refund; only used when `scope` is 'lines' (0 or absent: not chosen). */
  quantities: Record<number, number>
  reason: RefundReason | null
  note: string
}

export type RefundRequestResult = { ok: true; body: ApplyRefundRequest } | { ok: false; message: string }

/**
 * The request body for the form, or what is missing. Whole order → no `lines`; chosen lines → `lines`
 * with their quantities (capped at what can still be refunded). Amounts are never sent: the server decides.
 */
export function buildRefundRequest(form: RefundForm, order: Pick<OrderView, 'status' | 'lines' | 'refunds'>): RefundRequestResult {
  if (!allowedRefundTypes(order.status).includes(form.type)) {
    return { ok: false, message: form.type === 'return_refund' ? '商品发货后才能申请退货退款' : '该订单暂不能申请售后' }
  }
  if (!form.reason) return { ok: false, message: '请选择退款原因' }
  if (form.reason === '其他' && !form.note.trim()) return { ok: false, message: '请填写具体原因' }
  const reason = composeReason(form.reason, form.note)

  if (form.scope === 'whole') return { ok: true, body: { type: form.type, reason } }

  const left = refundableQuantities(order)
  const lines: OrderLineInput[] = order.lines
    .map((l) => ({ skuId: l.skuId, quantity: Math.min(form.quantities[l.skuId] ?? 0, left[l.skuId] ?? 0) }))
    .filter((l) => l.quantity > 0)
  if (lines.length === 0) return { ok: false, message: '请选择要退款的商品' }
  return { ok: true, body: { type: form.type, reason, lines } }
}
