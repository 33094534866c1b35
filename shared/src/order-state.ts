/**
 * The order lifecycle. Every allowed transition lives here and nowhere else;
 * the server refuses any change not listed. Refund states join in the payments issue.
 */
export const OrderStatus = {
  PendingPayment: 'pending_payment',
  Paid: 'paid',
  Shipped: 'shipped',
  Completed: 'completed',
  Cancelled: 'cancelled',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export const ORDER_STATUSES: readonly OrderStatus[] = Object.values(OrderStatus);

/** What caused a transition; kept on the order's history. */
export type OrderEvent = 'pay' | 'ship' | 'confirm_receipt' | 'auto_complete' | 'cancel' | 'expire';

const TRANSITIONS: Record<OrderEvent, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  pay: { from: [OrderStatus.PendingPayment], to: OrderStatus.Paid },
  ship: { from: [OrderStatus.Paid], to: OrderStatus.Shipped },
  confirm_receipt: { from: [OrderStatus.Shipped], to: OrderStatus.Completed },
  auto_complete: { from: [OrderStatus.Shipped], to: OrderStatus.Completed },
  cancel: { from: [OrderStatus.PendingPayment], to: OrderStatus.Cancelled },
  expire: { from: [OrderStatus.PendingPayment], to: OrderStatus.Cancelled },
};

/** The states from which `event` may fire. Used to build conditional UPDATEs. */
export function sourceStates(event: OrderEvent): readonly OrderStatus[] {
  return TRANSITIONS[event].from;
}

/** The state `event` leads to from `from`, or null when the transition is not allowed. */
export function nextOrderStatus(from: OrderStatus, event: OrderEvent): OrderStatus | null {
  const t = TRANSITIONS[event];
  return t.from.includes(from) ? t.to : null;
}

export function canTransition(from: OrderStatus, event: OrderEvent): boolean {
  return nextOrderStatus(from, event) !== null;
}

/** Which events a shopper can trigger on an order in a given state (drives buttons). */
export function shopperActions(status: OrderStatus): OrderEvent[] {
  return (['cancel', 'confirm_receipt'] as const).filter((e) => canTransition(status, e));
}

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '待发货',
  shipped: '待收货',
  completed: '已完成',
  cancelled: '已取消',
};

export function isTerminal(status: OrderStatus): boolean {
  return status === OrderStatus.Completed || status === OrderStatus.Cancelled;
}
