import { ErrorCode } from '@linli/shared';
import { allocateUnits, heldKey, LockedItem } from './flash-allocation';

const items = (entries: [number, Partial<LockedItem>][]) =>
  new Map(entries.map(([id, item]) => [id, { left: 10, stopped: false, perUserLimit: 2, ...item }]));
const buy = (userId: number, quantity = 1, itemId = 1) => ({ itemId, userId, quantity });

describe('allocateUnits', () => {
  it('accepts in arrival order until the units run out', () => {
    const requests = [buy(1), buy(2), buy(3), buy(4)];
    const result = allocateUnits(requests, items([[1, { left: 3 }]]), new Map());
    expect(result.accepted).toEqual(requests.slice(0, 3));
    expect(result.refused).toEqual([{ request: requests[3], code: ErrorCode.FlashSoldOut }]);
    expect(result.taken.get(1)).toBe(3);
  });

  it('counts what the buyer already holds and what earlier purchases in the batch gave them', () => {
    const requests = [buy(1), buy(1), buy(2, 2)];
    const result = allocateUnits(requests, items([[1, { perUserLimit: 2 }]]), new Map([[heldKey(1, 1), 1], [heldKey(1, 2), 1]]));
    expect(result.accepted).toEqual([requests[0]]);
    expect(result.refused.map((r) => r.code)).toEqual([ErrorCode.PurchaseLimitExceeded, ErrorCode.PurchaseLimitExceeded]);
  });

  it('lets a smaller purchase take the last unit after a larger one was refused', () => {
    const requests = [buy(1, 2), buy(2, 1)];
    const result = allocateUnits(requests, items([[1, { left: 1 }]]), new Map());
    expect(result.refused).toEqual([{ request: requests[0], code: ErrorCode.FlashSoldOut }]);
    expect(result.accepted).toEqual([requests[1]]);
    expect(result.taken.get(1)).toBe(1);
  });

  it('refuses a stopped or missing item as ended and takes nothing from it', () => {
    const requests = [buy(1, 1, 1), buy(2, 1, 2)];
    const result = allocateUnits(requests, items([[1, { stopped: true }]]), new Map());
    expect(result.accepted).toEqual([]);
    expect(result.refused.map((r) => r.code)).toEqual([ErrorCode.FlashEnded, ErrorCode.FlashEnded]);
    expect(result.taken.size).toBe(0);
  });

  it('keeps items apart and leaves its inputs untouched', () => {
    const held = new Map([[heldKey(2, 1), 1]]);
    const locked = items([[1, { left: 1 }], [2, { left: 1 }]]);
    const result = allocateUnits([buy(1, 1, 1), buy(1, 1, 2), buy(2, 1, 1)], locked, held);
    expect(result.accepted.map((r) => [r.itemId, r.userId])).toEqual([[1, 1], [2, 1]]);
    expect([...result.taken]).toEqual([[1, 1], [2, 1]]);
    expect(locked.get(1)!.left).toBe(1);
    expect(held.get(heldKey(2, 1))).toBe(1);
  });
});
