import { Injectable, Logger } from '@nestjs/common';

/** What a payment provider says about an order that reached its deadline. */
export type ExpiryDecision = 'paid' | 'released';

/**
 * What the orders module asks of the payments module without depending on it: whether an expired order was paid
 * after all, and (after commit) that an order shipped. What must hold with an order's transaction is not here: it
 * listens on OrderLifecycle.
 */
@Injectable()
export class OrderHooks {
  private readonly logger = new Logger(OrderHooks.name);
  private expiryGuard: ((orderId: number) => Promise<ExpiryDecision>) | null = null;
  private readonly shippedListeners: ((orderId: number) => Promise<void>)[] = [];

  setExpiryGuard(guard: (orderId: number) => Promise<ExpiryDecision>): void {
    this.expiryGuard = guard;
  }

  /** 'released' means nothing at the payment provider holds the order: it may be cancelled. */
  beforeExpiry(orderId: number): Promise<ExpiryDecision> {
    return this.expiryGuard ? this.expiryGuard(orderId) : Promise.resolve('released');
  }

  onShipped(listener: (orderId: number) => Promise<void>): void {
    this.shippedListeners.push(listener);
  }

  /** Listeners run after the shipment is committed; their failures are logged, never undo the shipment. */
  async shipped(orderId: number): Promise<void> {
    for (const listener of this.shippedListeners) {
      await listener(orderId).catch((err: unknown) => this.logger.warn({ err, orderId }, 'shipped listener failed'));
    }
  }
}
