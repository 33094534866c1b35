/** The WeChat Pay side of an order, and the after-sales (refund) lifecycle. Transitions live here only. */

export const PaymentStatus = {
  /** A prepay exists; the shopper may be paying. */
  Prepaid: 'prepaid',
  Success: 'success',
  /** Closed at WeChat (deadline passed, or the order was cancelled) and never paid. */
  Closed: 'closed',
} as const;
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];

export type PaymentEvent = 'succeed' | 'close';

const PAYMENT_TRANSITIONS: Record<PaymentEvent, { from: readonly PaymentStatus[]; to: PaymentStatus }> = {
  /** A closed payment can still succeed: WeChat reported the money after we closed (it is then refunded). */
  succeed: { from: [PaymentStatus.Prepaid, PaymentStatus.Closed], to: PaymentStatus.Success },
  close: { from: [PaymentStatus.Prepaid], to: PaymentStatus.Closed },
};

export function paymentTransition(event: PaymentEvent): { from: readonly PaymentStatus[]; to: PaymentStatus } {
  return PAYMENT_TRANSITIONS[event];
}

export const RefundStatus = {
  /** Applied for by the shopper, waiting for an operator. */
  PendingReview: 'pending_review',
  /** Approved (or created by the system); the refund API has not confirmed it yet. */
  Approved: 'approved',
  /** WeChat accepted the refund and is processing it. */
  Processing: 'processing',
  Succeeded: 'succeeded',
  Rejected: 'rejected',
  /** WeChat reported the refund CLOSED or ABNORMAL; an operator must look. */
  Failed: 'failed',
} as const;
export type RefundStatus = (typeof RefundStatus)[keyof typeof RefundStatus];
export const REFUND_STATUSES: readonly RefundStatus[] = Object.values(RefundStatus);

export type RefundEvent = 'approve' | 'reject' | 'submit' | 'succeed' | 'fail' | 'retry';

const REFUND_TRANSITIONS: Record<RefundEvent, { from: readonly RefundStatus[]; to: RefundStatus }> = {
  approve: { from: [RefundStatus.PendingReview], to: RefundStatus.Approved },
  reject: { from: [RefundStatus.PendingReview], to: RefundStatus.Rejected },
  /** The refund API accepted the request. */
  submit: { from: [RefundStatus.Approved], to: RefundStatus.Processing },
  /** Success can arrive by notification or by query, even before `submit` was recorded. */
  succeed: { from: [RefundStatus.Approved, RefundStatus.Processing], to: RefundStatus.Succeeded },
  fail: { from: [RefundStatus.Approved, RefundStatus.Processing], to: RefundStatus.Failed },
  /** An operator retries a failed refund with a new refund number. */
  retry: { from: [RefundStatus.Failed], to: RefundStatus.Approved },
};

/** The states from which `event` may fire. Used to build conditional UPDATEs. */
export function refundSourceStates(event: RefundEvent): readonly RefundStatus[] {
  return REFUND_TRANSITIONS[event].from;
}

export function nextRefundStatus(from: RefundStatus, event: RefundEvent): RefundStatus | null {
  const t = REFUND_TRANSITIONS[event];
  return t.from.includes(from) ? t.to : null;
}

/** Refunds that still hold money or goods in question. */
export const OPEN_REFUND_STATUSES: readonly RefundStatus[] = [RefundStatus.PendingReview, RefundStatus.Approved, RefundStatus.Processing];

export function isOpenRefund(status: RefundStatus): boolean {
  return OPEN_REFUND_STATUSES.includes(status);
}

export type RefundType = 'refund_only' | 'return_refund';
export const REFUND_TYPES: readonly RefundType[] = ['refund_only', 'return_refund'];

/** Why a refund exists: a shopper's after-sale, the system returning a payment it cannot keep, or a group-buy that failed. */
export type RefundSource = 'after_sale' | 'late_payment' | 'group_failed' | 'packet_expired' | 'shortage';

export const REFUND_STATUS_LABEL: Record<RefundStatus, string> = {
  pending_review: '待审核',
  approved: '退款中',
  processing: '退款中',
  succeeded: '退款成功',
  rejected: '已拒绝',
  failed: '退款异常',
};

export const REFUND_TYPE_LABEL: Record<RefundType, string> = { refund_only: '仅退款', return_refund: '退货退款' };
