import fc from 'fast-check';
import { flashPriceAdjustments } from './flash-sale';
import { priceOrder, storeFreight } from './pricing';
import {
  groupPriceAdjustments, GROUP_STATUSES, GroupEvent, GroupStatus, SeatStatus, groupSizes, groupSourceStates, groupUnitPrice, lowestGroupPrice, nextGroupStatus, nextSeatStatus, validateTiers,
} from './group-buy';
import { nextOrderStatus } from './order-state';

describe('group state machine', () => {
  it('opens only when the leader pays, and is abandoned when they do not', () => {
    expect(nextGroupStatus('forming', 'leader_paid')).toBe('open');
    expect(nextGroupStatus('forming', 'leader_unpaid')).toBe('abandoned');
    expect(nextGroupStatus('open', 'leader_paid')).toBeNull();
    expect(nextGroupStatus('forming', 'fill')).toBeNull();
  });

  it('succeeds by filling, by virtual completion or by force; fails by expiry or by force', () => {
    for (const e of ['fill', 'virtual_complete', 'force_success'] as GroupEvent[]) expect(nextGroupStatus('open', e)).toBe('succeeded');
    for (const e of ['expire', 'force_fail'] as GroupEvent[]) expect(nextGroupStatus('open', e)).toBe('failed');
  });

  it('never leaves a closed group', () => {
    const events: GroupEvent[] = ['leader_paid', 'leader_unpaid', 'fill', 'virtual_complete', 'force_success', 'expire', 'force_fail'];
    for (const s of [GroupStatus.Succeeded, GroupStatus.Failed, GroupStatus.Abandoned]) {
      for (const e of events) expect(nextGroupStatus(s, e)).toBeNull();
    }
  });

  it('lists source states consistent with the transitions', () => {
    for (const e of ['fill', 'expire', 'leader_paid'] as GroupEvent[]) {
      for (const s of GROUP_STATUSES) expect(groupSourceStates(e).includes(s)).toBe(nextGroupStatus(s, e) !== null);
    }
  });

  it('moves a seat reserved → paid → refund_due → refunded, or reserved → released', () => {
    expect(nextSeatStatus(SeatStatus.Reserved, 'pay')).toBe('paid');
    expect(nextSeatStatus(SeatStatus.Reserved, 'release')).toBe('released');
    expect(nextSeatStatus(SeatStatus.Paid, 'release')).toBeNull();
    expect(nextSeatStatus(SeatStatus.Paid, 'owe_refund')).toBe('refund_due');
    expect(nextSeatStatus(SeatStatus.RefundDue, 'refund')).toBe('refunded');
    expect(nextSeatStatus(SeatStatus.Refunded, 'refund')).toBeNull();
    expect(nextSeatStatus(SeatStatus.Released, 'pay')).toBeNull();
  });

  it('keeps a group order out of shipping until the group succeeds', () => {
    expect(nextOrderStatus('pending_payment', 'pay_into_group')).toBe('grouping');
    expect(nextOrderStatus('grouping', 'ship')).toBeNull();
    expect(nextOrderStatus('grouping', 'apply_refund')).toBeNull();
    expect(nextOrderStatus('grouping', 'group_succeed')).toBe('paid');
    expect(nextOrderStatus('grouping', 'group_fail')).toBe('refunding');
    expect(nextOrderStatus('refunding', 'refund')).toBe('refunded');
  });
});

describe('group prices', () => {
  it('takes the tier discount for everyone and the leader discount for the leader only', () => {
    expect(groupUnitPrice({ groupPrice: 2990, tierDiscount: 0, leaderDiscount: 200, isLeader: false })).toBe(2990);
    expect(groupUnitPrice({ groupPrice: 2990, tierDiscount: 0, leaderDiscount: 200, isLeader: true })).toBe(2790);
    expect(groupUnitPrice({ groupPrice: 2990, tierDiscount: 500, leaderDiscount: 200, isLeader: false })).toBe(2490);
    expect(groupUnitPrice({ groupPrice: 2990, tierDiscount: 500, leaderDiscount: 200, isLeader: true })).toBe(2290);
  });

  it('never goes below 1 fen', () => {
    expect(groupUnitPrice({ groupPrice: 100, tierDiscount: 90, leaderDiscount: 50, isLeader: true })).toBe(1);
  });

  it('accepts tiers whose sizes and discounts both increase', () => {
    expect(validateTiers(2, [])).toBeNull();
    expect(validateTiers(2, [{ size: 3, discount: 100 }, { size: 5, discount: 300 }])).toBeNull();
    expect(validateTiers(3, [{ size: 3, discount: 100 }])).toMatch(/递增/);
    expect(validateTiers(2, [{ size: 5, discount: 300 }, { size: 4, discount: 400 }])).toMatch(/递增/);
    expect(validateTiers(2, [{ size: 3, discount: 300 }, { size: 5, discount: 300 }])).toMatch(/优惠/);
    expect(validateTiers(2, [{ size: 51, discount: 300 }])).toMatch(/50/);
    expect(validateTiers(2, [{ size: 3, discount: 0 }])).toMatch(/优惠/);
  });

  it('offers the base size first, then the tiers', () => {
    expect(groupSizes(2, [{ size: 5, discount: 300 }])).toEqual([{ size: 2, discount: 0 }, { size: 5, discount: 300 }]);
  });

  it('shows the deepest price a joiner can pay', () => {
    expect(lowestGroupPrice([2990, 1990], 2, [{ size: 5, discount: 300 }])).toBe(1690);
    expect(lowestGroupPrice([2990], 2, [])).toBe(2990);
  });
});

describe('promotion prices through the pipeline', () => {
  it('gives exactly groupUnitPrice per unit, free shipping included, for any group price, tier and leader discount', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.boolean(), fc.integer({ min: 1, max: 99 }),
      (groupPrice, tierDiscount, leaderDiscount, isLeader, quantity) => {
        const input = { groupPrice, tierDiscount, leaderDiscount, isLeader };
        const basePrice = groupPrice + 500;
        const r = priceOrder({ lines: [{ skuId: 1, basePrice, quantity }], adjustments: [storeFreight({ flatFee: 800, freeThreshold: 1e9 }), ...groupPriceAdjustments(1, input)] });
        expect(r.lines[0].unitPrice).toBe(groupUnitPrice(input));
        expect(r).toMatchObject({ freight: 0, total: groupUnitPrice(input) * quantity });
      },
    ));
  });

  it('sells a flash item at its flash price, free shipping, and lets no coupon combine with it', () => {
    const coupon = { kind: 'order_discount' as const, source: 'coupon' as const, amount: 100, combinable: true, label: '券' };
    const r = priceOrder({ lines: [{ skuId: 3, basePrice: 5000, quantity: 2 }], adjustments: [storeFreight({ flatFee: 800, freeThreshold: 9900 }), ...flashPriceAdjustments(3, 990), coupon] });
    expect(r).toMatchObject({ subtotal: 1980, discount: 0, freight: 0, total: 1980 });
    expect(r.skipped).toHaveLength(1);
  });

  it('lets a coupon combine with a flash price when the slot accepts coupons, prorated on the flash price', () => {
    const coupon = { kind: 'order_discount' as const, source: 'coupon' as const, amount: 100, combinable: true, label: '券' };
    const r = priceOrder({ lines: [{ skuId: 3, basePrice: 5000, quantity: 2 }], adjustments: [storeFreight({ flatFee: 800, freeThreshold: 9900 }), ...flashPriceAdjustments(3, 990, true), coupon] });
    expect(r).toMatchObject({ subtotal: 1980, discount: 100, freight: 0, total: 1880 });
    expect(r.lines[0].netAmount).toBe(1880);
    expect(r.skipped).toHaveLength(0);
  });
});
