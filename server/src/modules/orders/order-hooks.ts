import { Injectable } from '@nestjs/common';
import type { OrderEvent, OrderKind } from '@linli/shared';
import type { EntityManager } from 'typeorm';
import type { Order } from './entities/order.entity';

/** What a payment provider says about an order that reached its deadline. */
export type ExpiryDecision = 'paid' | 'released';

/**
 * How a promotion (group-buy, flash sale) takes part in its orders' lifecycle. Both callbacks run inside the
 * transaction that moved the order, after the order's own conditional UPDATE won, so they run exactly once.
 */
export interface OrderKindHandler {
  /** The event a payment fires (a group order waits for its group: `pay_into_group`). */
  payEvent: Extract<OrderEvent, 'pay' | 'pay_into_group'>;
  /** The promotion keeps its own stock (flash sale): the SKU's stock was never taken, so cancelling returns none. */
  ownStock?: boolean;
  paid(m: EntityManager, order: Order): Promise<void>;
  /** The order was cancelled or expired unpaid; its SKU stock (unless `ownStock`) is already back. */
  released(m: EntityManager, order: Order): Promise<void>;
}

/**
 * Lets other modules take part in the order lifecycle without the orders module depending on them:
 * the payments module decides whether an expired order was paid after all;
 * promotions handle their own kinds of order.
 */
@Injectable()
export class OrderHooks {
  private expiryGuard: ((orderId: number) => Promise<ExpiryDecision>) | null = null;
  private readonly kinds = new Map<OrderKind, OrderKindHandler>();

  setExpiryGuard(guard: (orderId: number) => Promise<ExpiryDecision>): void {
    this.expiryGuard = guard;
  }

  /** 'released' means nothing at the payment provider holds the order: it may be cancelled. */
  beforeExpiry(orderId: number): Promise<ExpiryDecision> {
    return this.expiryGuard ? this.expiryGuard(orderId) : Promise.resolve('released');
  }

  handleKind(kind: OrderKind, handler: OrderKindHandler): void {
    this.kinds.set(kind, handler);
  }

  kindHandler(kind: OrderKind): OrderKindHandler | undefined {
    return this.kinds.get(kind);
  }
}
