import type { EntityManager } from 'typeorm';
import type { Order } from './entities/order.entity';
import { OrderLifecycle, OrderTransitionPayload } from './order-lifecycle';

describe('OrderLifecycle', () => {
  const m = {} as EntityManager;
  const payload = { order: { id: 1, kind: 'flash' } as Order, transition: 'cancel', from: 'pending_payment', actor: 'system' } as OrderTransitionPayload;

  it('runs the handlers of an event in registration order, and only those', async () => {
    const lifecycle = new OrderLifecycle();
    const heard: string[] = [];
    lifecycle.on('cancelled', 'first', async () => void heard.push('first'));
    lifecycle.on('expired', 'other event', async () => void heard.push('expired'));
    lifecycle.on('cancelled', 'second', async (_m, p) => void heard.push(`second:${p.order.id}`));
    expect(lifecycle.has('cancelled')).toBe(true);
    expect(lifecycle.has('shipped')).toBe(false);
    await lifecycle.emit(m, 'cancelled', payload);
    expect(heard).toEqual(['first', 'second:1']);
    expect(lifecycle.describe()).toEqual({ cancelled: ['first', 'second'], expired: ['other event'] });
  });

  it('lets a failing handler fail the transition (its transaction rolls back), and stops there', async () => {
    const lifecycle = new OrderLifecycle();
    const after = jest.fn();
    lifecycle.on('cancelled', 'broken', () => Promise.reject(new Error('no')));
    lifecycle.on('cancelled', 'after', after);
    await expect(lifecycle.emit(m, 'cancelled', payload)).rejects.toThrow('no');
    expect(after).not.toHaveBeenCalled();
  });
});
