import type { OrderEvent } from './order-state';

/**
 * How an order reaches the shopper, separate from how it was bought (the promotion kind):
 * - `delivery`: shipped with a carrier and tracking number, then received (confirmed, or automatically after N days);
 * - `pickup`: collected at a pickup store: made ready, then picked up. No freight, no address, no automatic completion.
 */
export type Fulfilment = 'delivery' | 'pickup';
export const FULFILMENTS: readonly Fulfilment[] = ['delivery', 'pickup'];

export type FulfilmentStatus = 'awaiting' | 'shipped' | 'received' | 'ready_for_pickup' | 'picked_up';

type Step = { from: FulfilmentStatus; to: FulfilmentStatus };

/** Each fulfilment's own machine: which order events move it, from where to where. */
const FULFILMENT_MACHINES: Record<Fulfilment, Partial<Record<OrderEvent, Step>>> = {
  delivery: {
    ship: { from: 'awaiting', to: 'shipped' },
    confirm_receipt: { from: 'shipped', to: 'received' },
    auto_complete: { from: 'shipped', to: 'received' },
  },
  pickup: {
    mark_ready: { from: 'awaiting', to: 'ready_for_pickup' },
    pick_up: { from: 'ready_for_pickup', to: 'picked_up' },
  },
};

/** Every event that belongs to some fulfilment (the rest are payment, cancellation and refund events). */
export const FULFILMENT_EVENTS: readonly OrderEvent[] = [...new Set(FULFILMENTS.flatMap((f) => Object.keys(FULFILMENT_MACHINES[f]) as OrderEvent[]))];

/** The fulfilment status `event` leads to from `from`, or null when this fulfilment has no such step. */
export function nextFulfilmentStatus(fulfilment: Fulfilment, from: FulfilmentStatus, event: OrderEvent): FulfilmentStatus | null {
  const step = FULFILMENT_MACHINES[fulfilment][event];
  return step && step.from === from ? step.to : null;
}

/** Whether `event` is a step of this fulfilment at all (a pickup order cannot ship; a delivery order cannot be picked up). */
export function fulfilmentAllows(fulfilment: Fulfilment, event: OrderEvent): boolean {
  return !FULFILMENT_EVENTS.includes(event) || FULFILMENT_MACHINES[fulfilment][event] !== undefined;
}

/** Delivery completes by itself N days after shipping; a pickup completes when it is picked up, never by timer. */
export function autoCompletes(fulfilment: Fulfilment): boolean {
  return fulfilment === 'delivery';
}

/** Pickup orders pay no freight. */
export function chargesFreight(fulfilment: Fulfilment): boolean {
  return fulfilment === 'delivery';
}

export const FULFILMENT_LABEL: Record<Fulfilment, string> = { delivery: '快递配送', pickup: '门店自提' };
