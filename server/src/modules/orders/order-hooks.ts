import { Injectable } from '@nestjs/common';

/** What a payment provider says about an order that reached its deadline. */
export type ExpiryDecision = 'paid' | 'released';

/**
 * What the orders module asks of the payments module without depending on it: whether an expired order was paid
 * after all. What must hold with an order's transaction is not here: it listens on OrderLifecycle.
 */
@Injectable()
export class OrderHooks {
  private expiryGuard: ((orderId: number) => Promise<ExpiryDecision>) | null = null;

  setExpiryGuard(guard: (orderId: number) => Promise<ExpiryDecision>): void {
    this.expiryGuard = guard;
  }

  /** 'released' means nothing at the payment provider holds the order: it may be cancelled. */
  beforeExpiry(orderId: number): Promise<ExpiryDecision> {
    return this.expiryGuard ? this.expiryGuard(orderId) : Promise.resolve('released');
  }
}
