import { Fulfilment, fulfilmentAllows } from './fulfilment';

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
  /** A pickup order waits at its store (待自提). */
  ReadyForPickup: 'ready_for_pickup',
  Completed: 'completed',
  Cancelled: 'cancelled',
  /** A whole-order after-sale is open (applied, approved or being refunded). */
  Refunding: 'refunding',
  Refunded: 'refunded',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export const ORDER_STATUSES: readonly OrderStatus[] = Object.values(OrderStatus);

/** What caused a transition; kept on the order's history. */
export type OrderEvent =
  | 'pay' | 'pay_into_group' | 'group_succeed' | 'group_fail' | 'ship' | 'confirm_receipt' | 'auto_complete' | 'mark_ready' | 'pick_up'
  | 'cancel' | 'expire' | 'apply_refund' | 'reject_refund' | 'refund' | 'partial_refund';

/** States an order can be in when an after-sale is applied for, and can return to when it is rejected. */
export const REFUNDABLE_ORDER_STATUSES: readonly OrderStatus[] = [OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.ReadyForPickup, OrderStatus.Completed];

/** `to: 'same'`: the event is recorded (and heard) but the status stays, as for a refund of some lines. */
const TRANSITIONS: Record<Exclude<OrderEvent, 'reject_refund'>, { from: readonly OrderStatus[]; to: OrderStatus | 'same' }> = {
  pay: { from: [OrderStatus.PendingPayment], to: OrderStatus.Paid },
  /** A group-buy order's payment: it waits for the group. */
  pay_into_group: { from: [OrderStatus.PendingPayment], to: OrderStatus.Grouping },
  group_succeed: { from: [OrderStatus.Grouping], to: OrderStatus.Paid },
  /** The group failed: the whole payment goes back. */
  group_fail: { from: [OrderStatus.Grouping], to: OrderStatus.Refunding },
  ship: { from: [OrderStatus.Paid], to: OrderStatus.Shipped },
  confirm_receipt: { from: [OrderStatus.Shipped], to: OrderStatus.Completed },
  auto_complete: { from: [OrderStatus.Shipped], to: OrderStatus.Completed },
  /** Pickup: the goods wait at the store. */
  mark_ready: { from: [OrderStatus.Paid], to: OrderStatus.ReadyForPickup },
  /** Pickup: the shopper collected the goods; this completes the order. */
  pick_up: { from: [OrderStatus.ReadyForPickup], to: OrderStatus.Completed },
  cancel: { from: [OrderStatus.PendingPayment], to: OrderStatus.Cancelled },
  expire: { from: [OrderStatus.PendingPayment], to: OrderStatus.Cancelled },
  apply_refund: { from: REFUNDABLE_ORDER_STATUSES, to: OrderStatus.Refunding },
  /** A whole-order refund completes; a line refund that covers what is left completes the order's refund too. */
  refund: { from: [OrderStatus.Refunding, ...REFUNDABLE_ORDER_STATUSES], to: OrderStatus.Refunded },
  /** Some lines were refunded; the rest of the order goes on. */
  partial_refund: { from: REFUNDABLE_ORDER_STATUSES, to: 'same' },
};

/** The states from which `event` may fire. Used to build conditional UPDATEs. */
export function sourceStates(event: OrderEvent): readonly OrderStatus[] {
  return event === 'reject_refund' ? [OrderStatus.Refunding] : TRANSITIONS[event].from;
}

/**
 * The state `event` leads to from `from`, or null when the transition is not allowed.
 * `reject_refund` returns the order to the state it had before the after-sale (`resumeTo`).
 */
export function nextOrderStatus(from: OrderStatus, event: OrderEvent, resumeTo?: OrderStatus, fulfilment: Fulfilment = 'delivery'): OrderStatus | null {
  if (event === 'reject_refund') {
    return from === OrderStatus.Refunding && resumeTo && REFUNDABLE_ORDER_STATUSES.includes(resumeTo) ? resumeTo : null;
  }
  if (!fulfilmentAllows(fulfilment, event)) return null;
  const t = TRANSITIONS[event];
  if (!t.from.includes(from)) return null;
  return t.to === 'same' ? from : t.to;
}

export function canTransition(from: OrderStatus, event: OrderEvent, fulfilment: Fulfilment = 'delivery'): boolean {
  return nextOrderStatus(from, event, OrderStatus.Paid, fulfilment) !== null;
}

/**
 * The lifecycle events an order transition announces to the handlers that must hold with it (stock, reservations,
 * quotas; later coupons and commission). `paid` is heard for every kind: a payment, a group order's payment into its
 * group, and the group's success that moves it on (handlers tell them apart by the transition).
 * `refunded` is heard for a whole and for a partial refund, with the lines and amounts.
 */
export type OrderLifecycleEvent = 'created' | 'paid' | 'shipped' | 'ready_for_pickup' | 'picked_up' | 'completed' | 'cancelled' | 'expired' | 'refunded';

export const LIFECYCLE_EVENTS_OF: Record<OrderEvent, readonly OrderLifecycleEvent[]> = {
  pay: ['paid'],
  pay_into_group: ['paid'],
  group_succeed: ['paid'],
  /** The money is owed back: `refunded` is heard when the refund succeeds. */
  group_fail: [],
  ship: ['shipped'],
  confirm_receipt: ['completed'],
  auto_complete: ['completed'],
  mark_ready: ['ready_for_pickup'],
  pick_up: ['picked_up', 'completed'],
  cancel: ['cancelled'],
  expire: ['expired'],
  apply_refund: [],
  reject_refund: [],
  refund: ['refunded'],
  partial_refund: ['refunded'],
};

/** How an order was bought: ordinary checkout, a group-buy seat, a flash-sale reservation, a red packet a shopper pays for, or a community campaign picked up at a store. */
export type OrderKind = 'normal' | 'group' | 'flash' | 'packet' | 'community';

/**
 * What each kind means to the order core. `stock`: whose stock the order holds: the SKU's (taken by the placement
 * service) or the promotion's own (the flash sale's item stock), so the core knows whether SKU stock comes back.
 * `payEvent`: what a payment does (a group order waits for its group). A new promotion adds a row here.
 */
export const ORDER_KINDS: Record<OrderKind, { stock: 'sku' | 'promotion'; payEvent: Extract<OrderEvent, 'pay' | 'pay_into_group'> }> = {
  normal: { stock: 'sku', payEvent: 'pay' },
  group: { stock: 'sku', payEvent: 'pay_into_group' },
  flash: { stock: 'promotion', payEvent: 'pay' },
  /** A red packet: no goods, one line for the packet's value; it has no after-sale (unclaimed value goes back at expiry). */
  packet: { stock: 'promotion', payEvent: 'pay' },
  /** A community campaign (社区团购): SKU stock plus the campaign's own cap, picked up at a store. */
  community: { stock: 'sku', payEvent: 'pay' },
};

/** Which events a shopper can trigger on an order in a given state (drives buttons). */
export function shopperActions(status: OrderStatus): OrderEvent[] {
  return (['cancel', 'confirm_receipt'] as const).filter((e) => canTransition(status, e));
}

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  grouping: '待成团',
  paid: '待发货',
  shipped: '待收货',
  ready_for_pickup: '待自提',
  completed: '已完成',
  cancelled: '已取消',
  refunding: '退款中',
  refunded: '已退款',
};

export function isTerminal(status: OrderStatus): boolean {
  return status === OrderStatus.Completed || status === OrderStatus.Cancelled || status === OrderStatus.Refunded;
}
