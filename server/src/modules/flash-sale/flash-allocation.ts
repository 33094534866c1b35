import { ErrorCode } from '@linli/shared';

export interface AllocationRequest {
  itemId: number;
  userId: number;
  quantity: number;
}

/** An item as read under its row lock. */
export interface LockedItem {
  left: number;
  stopped: boolean;
  perUserLimit: number;
}

export type AllocationRefusal = typeof ErrorCode.FlashEnded | typeof ErrorCode.PurchaseLimitExceeded | typeof ErrorCode.FlashSoldOut;

export interface Allocation<T> {
  accepted: T[];
  refused: { request: T; code: AllocationRefusal }[];
  /** Units taken per item, for one conditional decrement each. */
  taken: Map<number, number>;
}

/** The key of `held`: what a buyer already holds (reserved or paid) of an item. */
export const heldKey = (itemId: number, userId: number): string => `${itemId}:${userId}`;

/**
 * Decides a batch of purchases in arrival order: a purchase is accepted if its item is not stopped, the buyer stays
 * within the item's limit counting what they already hold and what this batch gave them, and units are left.
 * A refused purchase takes nothing, so a smaller purchase after it may still fit.
 */
export function allocateUnits<T extends AllocationRequest>(requests: T[], items: Map<number, LockedItem>, held: Map<string, number>): Allocation<T> {
  const left = new Map([...items].map(([id, item]) => [id, item.left]));
  const holding = new Map(held);
  const result: Allocation<T> = { accepted: [], refused: [], taken: new Map() };
  for (const request of requests) {
    const item = items.get(request.itemId);
    const key = heldKey(request.itemId, request.userId);
    const mine = holding.get(key) ?? 0;
    const code = !item || item.stopped ? ErrorCode.FlashEnded
      : mine + request.quantity > item.perUserLimit ? ErrorCode.PurchaseLimitExceeded
        : left.get(request.itemId)! < request.quantity ? ErrorCode.FlashSoldOut
          : null;
    if (code) {
      result.refused.push({ request, code });
      continue;
    }
    left.set(request.itemId, left.get(request.itemId)! - request.quantity);
    holding.set(key, mine + request.quantity);
    result.taken.set(request.itemId, (result.taken.get(request.itemId) ?? 0) + request.quantity);
    result.accepted.push(request);
  }
  return result;
}
