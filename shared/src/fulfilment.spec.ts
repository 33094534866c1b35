import { autoCompletes, chargesFreight, fulfilmentAllows, nextFulfilmentStatus } from './fulfilment';
import { LIFECYCLE_EVENTS_OF, OrderEvent, OrderStatus, nextOrderStatus } from './order-state';

describe('fulfilment machines', () => {
  it('delivery: ship, then receive', () => {
    expect(nextFulfilmentStatus('delivery', 'awaiting', 'ship')).toBe('shipped');
    expect(nextFulfilmentStatus('delivery', 'shipped', 'confirm_receipt')).toBe('received');
    expect(nextFulfilmentStatus('delivery', 'shipped', 'auto_complete')).toBe('received');
    expect(nextFulfilmentStatus('delivery', 'awaiting', 'confirm_receipt')).toBeNull();
    expect(nextFulfilmentStatus('delivery', 'awaiting', 'mark_ready')).toBeNull();
  });

  it('pickup: ready at the store, then picked up; it never ships', () => {
    expect(nextFulfilmentStatus('pickup', 'awaiting', 'mark_ready')).toBe('ready_for_pickup');
    expect(nextFulfilmentStatus('pickup', 'ready_for_pickup', 'pick_up')).toBe('picked_up');
    expect(nextFulfilmentStatus('pickup', 'awaiting', 'pick_up')).toBeNull();
    expect(nextFulfilmentStatus('pickup', 'awaiting', 'ship')).toBeNull();
    expect(fulfilmentAllows('pickup', 'ship')).toBe(false);
    expect(fulfilmentAllows('pickup', 'auto_complete')).toBe(false);
    expect(fulfilmentAllows('pickup', 'cancel')).toBe(true);
  });

  it('completes a delivery by timer, a pickup only on pickup; pickup pays no freight', () => {
    expect(autoCompletes('delivery')).toBe(true);
    expect(autoCompletes('pickup')).toBe(false);
    expect(chargesFreight('pickup')).toBe(false);
  });

  it('moves a pickup order paid → ready_for_pickup → completed, and refuses delivery steps on it', () => {
    expect(nextOrderStatus(OrderStatus.Paid, 'mark_ready', undefined, 'pickup')).toBe('ready_for_pickup');
    expect(nextOrderStatus(OrderStatus.ReadyForPickup, 'pick_up', undefined, 'pickup')).toBe('completed');
    expect(nextOrderStatus(OrderStatus.Paid, 'ship', undefined, 'pickup')).toBeNull();
    expect(nextOrderStatus(OrderStatus.Paid, 'mark_ready', undefined, 'delivery')).toBeNull();
    // A group order waits in `grouping` until its group succeeds: no fulfilment step moves it.
    for (const e of ['ship', 'mark_ready', 'pick_up'] as OrderEvent[]) {
      expect(nextOrderStatus(OrderStatus.Grouping, e, undefined, 'delivery')).toBeNull();
      expect(nextOrderStatus(OrderStatus.Grouping, e, undefined, 'pickup')).toBeNull();
    }
  });

  it('announces picked_up and completed on pickup, and keeps the status on a partial refund', () => {
    expect(LIFECYCLE_EVENTS_OF.pick_up).toEqual(['picked_up', 'completed']);
    expect(nextOrderStatus(OrderStatus.Shipped, 'partial_refund')).toBe('shipped');
    expect(nextOrderStatus(OrderStatus.Refunding, 'partial_refund')).toBeNull();
  });
});
