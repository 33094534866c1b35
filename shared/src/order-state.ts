/**
 * The order lifecycle. Every allowed transition lives here and nowhere else;
 * the server refuses any change not listed. Refund states join in the payments issue.
 */
export const OrderStatus = {
  PendingPayment: 'pending_payment',
  /** A group-buy order is paid and waits for its group to fill (待成团); it cannot ship yet. */
  Grouping: 'grouping',
  Paid: 'paid',
  Shipped: 'shipped',
  Completed: 'completed',
  Cancelled: 'cancelled',
  /** A whole-order after-sale is open (applied, approved or being refunded). */
  Refunding: 'refunding',
  Refunded: 'refunded',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export const ORDER_STATUSES: readonly OrderStatus[] = Object.values(OrderStatus);

/** What caused a transition; kept on the order's history. */
export type OrderEvent = 'pay' | 'pay_into_group' | 'group_succeed' | 'group_fail' | 'ship' | 'confirm_receipt' | 'auto_complete' | 'cancel' | 'expire' | 'apply_refund' | 'reject_refund' | 'refund';

/** States an order can be in when an after-sale is applied for, and can return to when it is rejected. */
export const REFUNDABLE_ORDER_STATUSES: readonly OrderStatus[] = [OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Completed];

const TRANSITIONS: Record<Exclude<OrderEvent, 'reject_refund'>, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  pay: { from: [OrderStatus.PendingPayment], to: OrderStatus.Paid },
  /** A group-buy order's payment: it waits for the group. */
  pay_into_group: { from: [OrderStatus.PendingPayment], to: OrderStatus.Grouping },
  group_succeed: { from: [OrderStatus.Grouping], to: OrderStatus.Paid },
  /** The group failed: the whole payment goes back. */
  group_fail: { from: [OrderStatus.Grouping], to: OrderStatus.Refunding },
  ship: { from: [OrderStatus.Paid], to: OrderStatus.Shipped },
  confirm_receipt: { from: [OrderStatus.Shipped], to: OrderStatus.Completed },
  auto_complete: { from: [OrderStatus.Shipped], to: OrderStatus.Completed },
  cancel: { from: [OrderStatus.PendingPayment], to: OrderStatus.Cancelled },
  expire: { from: [OrderStatus.PendingPayment], to: OrderStatus.Cancelled },
  apply_refund: { from: REFUNDABLE_ORDER_STATUSES, to: OrderStatus.Refunding },
  /** A whole-order refund completes; a line refund that covers what is left completes the order's refund too. */
  refund: { from: [OrderStatus.Refunding, ...REFUNDABLE_ORDER_STATUSES], to: OrderStatus.Refunded },
};

/** The states from which `event` may fire. Used to build conditional UPDATEs. */
export function sourceStates(event: OrderEvent): readonly OrderStatus[] {
  return event === 'reject_refund' ? [OrderStatus.Refunding] : TRANSITIONS[event].from;
}

/**
 * The state `event` leads to from `from`, or null when the transition is not allowed.
 * `reject_refund` returns the order to the state it had before the after-sale (`resumeTo`).
 */
export function nextOrderStatus(from: OrderStatus, event: OrderEvent, resumeTo?: OrderStatus): OrderStatus | null {
  if (event === 'reject_refund') {
    return from === OrderStatus.Refunding && resumeTo && REFUNDABLE_ORDER_STATUSES.includes(resumeTo) ? resumeTo : null;
  }
  const t = TRANSITIONS[event];
  return t.from.includes(from) ? t.to : null;
}

export function canTransition(from: OrderStatus, event: OrderEvent): boolean {
  return nextOrderStatus(from, event, OrderStatus.Paid) !== null;
}

/** Which events a shopper can trigger on an order in a given state (drives buttons). */
export function shopperActions(status: OrderStatus): OrderEvent[] {
  return (['cancel', 'confirm_receipt'] as const).filter((e) => canTransition(status, e));
}

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  grouping: '待成团',
  paid: '待发货',
  shipped: '待收货',
  completed: '已完成',
  cancelled: '已取消',
  refunding: '退款中',
  refunded: '已退款',
};

export function isTerminal(status: OrderStatus): boolean {
  return status === OrderStatus.Completed || status === OrderStatus.Cancelled || status === OrderStatus.Refunded;
}
