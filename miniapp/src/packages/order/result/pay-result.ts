import { OrderStatus, PaymentStatus, type OrderView } from '@linli/shared'
import type { PayHint } from '../../../services/payment'

/**
 * What the result page shows, decided from the order the server returns. The payment callback's hint
 * only sets whether "支付确认中" stays up while the order is unpaid (only after WeChat reported success).
 */

export const POLL_INTERVAL_MS = 1000
/** Stop asking after this long; the order detail keeps the truth. */
export const POLL_LIMIT_MS = 30_000

/** How long to show the spinner while the order still waits for payment. */
export const CONFIRM_GRACE_MS: Record<PayHint | 'none', number> = {
  // WeChat said it succeeded: the notification may take a while to arrive.
  success: POLL_LIMIT_MS,
  // The cashier sent the shopper back without saying how it went (H5): the first answer is shown at once
  // (the simulator and WeChat have settled a completed payment by then); a late payment still turns it into 支付成功.
  none: 0,
  // The shopper closed the payment sheet (放弃支付): say 支付未完成 at once.
  cancel: 0,
}

export type PayResultState = 'confirming' | 'success' | 'unpaid'

export interface PayResultDecision {
  state: PayResultState
  keepPolling: boolean
}

/** States an order reaches only by being paid. */
const PAID_STATES: readonly OrderStatus[] = [
  OrderStatus.Grouping,
  OrderStatus.Paid,
  OrderStatus.Shipped,
  OrderStatus.Completed,
  OrderStatus.Refunding,
  OrderStatus.Refunded,
]

/** Paid: the order moved on, or the payment is confirmed and the order is about to follow. */
export function isOrderPaid(order: Pick<OrderView, 'status' | 'payment'>): boolean {
  if (PAID_STATES.includes(order.status)) return true
  return order.status === OrderStatus.PendingPayment && order.payment?.status === PaymentStatus.Success
}

/** A payment that arrived after the order closed: the server returns it on its own. */
export function isLatePayment(order: Pick<OrderView, 'status' | 'payment'>): boolean {
  return order.status === OrderStatus.Cancelled && order.payment?.status === PaymentStatus.Success
}

/** The shopper may still pay: pending, not confirmed, before the deadline. */
export function canRetryPayment(order: Pick<OrderView, 'status' | 'payment' | 'payDeadline'>, now: number = Date.now()): boolean {
  return (
    order.status === OrderStatus.PendingPayment &&
    order.payment?.status !== PaymentStatus.Success &&
    new Date(order.payDeadline).getTime() > now
  )
}

/** Given the latest order and how long the page has been polling: what to show, and whether to ask again. */
export function decidePayResult(
  order: Pick<OrderView, 'status' | 'payment'>,
  elapsedMs: number,
  hint: PayHint | null = null,
): PayResultDecision {
  if (isOrderPaid(order)) return { state: 'success', keepPolling: false }
  if (order.status !== OrderStatus.PendingPayment) return { state: 'unpaid', keepPolling: false }
  if (elapsedMs >= POLL_LIMIT_MS) return { state: 'unpaid', keepPolling: false }
  const grace = CONFIRM_GRACE_MS[hint ?? 'none']
  return { state: elapsedMs < grace ? 'confirming' : 'unpaid', keepPolling: true }
}

export function parsePayHint(value: string | undefined): PayHint | null {
  return value === 'success' || value === 'cancel' ? value : null
}

/** A paid group-buy order leads on to its group: 「查看拼团」 on the result page. */
export function paidGroupId(order: Pick<OrderView, 'kind' | 'groupId'> | null): number | null {
  return order && order.kind === 'group' && order.groupId ? order.groupId : null
}

/** What to tell the shopper under 支付成功. */
export function paidNote(order: Pick<OrderView, 'kind' | 'status'>): string {
  if (order.kind !== 'group') return '商家正在备货，请耐心等待'
  if (order.status === OrderStatus.Grouping) return '拼团中，邀请好友参团，人满即发货'
  if (order.status === OrderStatus.Refunding || order.status === OrderStatus.Refunded) return '拼团未成功，款项将原路退回'
  return '拼团成功，商家正在备货'
}

export const PAY_RESULT_TITLE: Record<PayResultState, string> = {
  confirming: '支付确认中',
  success: '支付成功',
  unpaid: '支付未完成',
}
