import { Injectable } from '@nestjs/common';
import type { OrderEvent, OrderLifecycleEvent, OrderStatus } from '@linli/shared';
import type { EntityManager } from 'typeorm';
import type { Order } from './entities/order.entity';

/** A transition an order won: the order as it is now, the event that moved it, and where it came from. */
export interface OrderTransitionPayload {
  order: Order;
  transition: OrderEvent;
  from: OrderStatus;
  actor: string;
}

/** What goes back with a refund that succeeded: the lines and the money of each. */
export interface RefundedGoods {
  refundId: number;
  amount: number;
  /** The whole order is refunded now (its status became `refunded`). */
  whole: boolean;
  /** The goods never left the store (unshipped, or waiting at a pickup store): stock comes back. */
  restock: boolean;
  lines: { skuId: number; productId: number; quantity: number; amount: number }[];
}

/** The typed map of order lifecycle events and what each handler receives. */
export interface OrderLifecyclePayloads {
  created: { order: Pick<Order, 'id' | 'userId' | 'kind' | 'groupId' | 'fulfilment' | 'total'> };
  paid: OrderTransitionPayload;
  shipped: OrderTransitionPayload;
  ready_for_pickup: OrderTransitionPayload;
  picked_up: OrderTransitionPayload;
  completed: OrderTransitionPayload;
  cancelled: OrderTransitionPayload;
  expired: OrderTransitionPayload;
  refunded: OrderTransitionPayload & { refund: RefundedGoods };
}

export type OrderLifecycleHandler<E extends OrderLifecycleEvent> = (m: EntityManager, payload: OrderLifecyclePayloads[E]) => Promise<void>;

/**
 * Who hears an order's lifecycle. Handlers run inside the transaction that moved the order, after its conditional
 * UPDATE won, so they run exactly once and roll back with it: what must hold with the order (stock, reservations,
 * quotas; later coupons and commission) registers here. Handlers run in registration order; a failing handler
 * fails the transition. Work after commit (messages to WeChat) does not belong here.
 */
@Injectable()
export class OrderLifecycle {
  private readonly handlers = new Map<OrderLifecycleEvent, { name: string; handle: OrderLifecycleHandler<never> }[]>();

  /** `name` says who handles, for logs and for a newcomer reading `describe()`. */
  on<E extends OrderLifecycleEvent>(event: E, name: string, handle: OrderLifecycleHandler<E>): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), { name, handle: handle as OrderLifecycleHandler<never> }]);
  }

  has(event: OrderLifecycleEvent): boolean {
    return (this.handlers.get(event)?.length ?? 0) > 0;
  }

  async emit<E extends OrderLifecycleEvent>(m: EntityManager, event: E, payload: OrderLifecyclePayloads[E]): Promise<void> {
    for (const h of this.handlers.get(event) ?? []) await (h.handle as OrderLifecycleHandler<E>)(m, payload);
  }

  /** Event → handler names, in order. */
  describe(): Record<string, string[]> {
    return Object.fromEntries([...this.handlers].map(([event, hs]) => [event, hs.map((h) => h.name)]));
  }
}
