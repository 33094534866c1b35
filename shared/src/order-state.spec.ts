import { ORDER_STATUSES, OrderEvent, OrderStatus, canTransition, nextOrderStatus, shopperActions, sourceStates } from './order-state';

describe('order state machine', () => {
  it('follows the happy path pending → paid → shipped → completed', () => {
    let s: OrderStatus = OrderStatus.PendingPayment;
    for (const e of ['pay', 'ship', 'confirm_receipt'] as OrderEvent[]) {
      const next = nextOrderStatus(s, e);
      expect(next).not.toBeNull();
      s = next!;
    }
    expect(s).toBe(OrderStatus.Completed);
  });

  it('cancels only unpaid orders', () => {
    expect(nextOrderStatus('pending_payment', 'cancel')).toBe('cancelled');
    expect(nextOrderStatus('pending_payment', 'expire')).toBe('cancelled');
    for (const s of ['paid', 'shipped', 'completed', 'cancelled'] as OrderStatus[]) {
      expect(canTransition(s, 'cancel')).toBe(false);
      expect(canTransition(s, 'expire')).toBe(false);
    }
  });

  it('never leaves a terminal state', () => {
    const events: OrderEvent[] = ['pay', 'ship', 'confirm_receipt', 'auto_complete', 'cancel', 'expire'];
    for (const s of ['completed', 'cancelled', 'refunded'] as OrderStatus[]) {
      for (const e of events) expect(nextOrderStatus(s, e)).toBeNull();
    }
  });

  it('refuses skipping steps', () => {
    expect(canTransition('pending_payment', 'ship')).toBe(false);
    expect(canTransition('paid', 'confirm_receipt')).toBe(false);
    expect(canTransition('shipped', 'pay')).toBe(false);
  });

  it('lists source states for conditional updates', () => {
    expect(sourceStates('ship')).toEqual(['paid']);
    expect(ORDER_STATUSES).toHaveLength(9);
  });

  it('opens, rejects and completes a whole-order refund', () => {
    for (const s of ['paid', 'shipped', 'completed'] as OrderStatus[]) {
      expect(nextOrderStatus(s, 'apply_refund')).toBe('refunding');
      // A rejected after-sale returns the order to where it was.
      expect(nextOrderStatus('refunding', 'reject_refund', s)).toBe(s);
      // A line refund that covers everything left completes the order's refund directly.
      expect(nextOrderStatus(s, 'refund')).toBe('refunded');
    }
    expect(nextOrderStatus('refunding', 'refund')).toBe('refunded');
    expect(nextOrderStatus('refunding', 'reject_refund', 'cancelled')).toBeNull();
    expect(nextOrderStatus('refunding', 'reject_refund')).toBeNull();
    expect(nextOrderStatus('refunding', 'ship')).toBeNull();
    for (const e of ['apply_refund', 'refund'] as OrderEvent[]) {
      expect(nextOrderStatus('pending_payment', e)).toBeNull();
      expect(nextOrderStatus('cancelled', e)).toBeNull();
      expect(nextOrderStatus('refunded', e)).toBeNull();
    }
  });

  it('offers the shopper the right actions', () => {
    expect(shopperActions('pending_payment')).toEqual(['cancel']);
    expect(shopperActions('shipped')).toEqual(['confirm_receipt']);
    expect(shopperActions('completed')).toEqual([]);
  });
});
