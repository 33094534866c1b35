import { calculatePrice, freightFor, mergeLines } from './pricing';

const rule = { flatFee: 800, freeThreshold: 9900 };

describe('calculatePrice', () => {
  it('sums lines and adds freight below the threshold', () => {
    const r = calculatePrice(
      [
        { skuId: 1, unitPrice: 1990, quantity: 2 },
        { skuId: 2, unitPrice: 550, quantity: 1 },
      ],
      rule,
    );
    expect(r.lines.map((l) => l.lineTotal)).toEqual([3980, 550]);
    expect(r.subtotal).toBe(4530);
    expect(r.freight).toBe(800);
    expect(r.discount).toBe(0);
    expect(r.total).toBe(5330);
  });

  it('waives freight at the threshold exactly', () => {
    const r = calculatePrice([{ skuId: 1, unitPrice: 9900, quantity: 1 }], rule);
    expect(r.freight).toBe(0);
    expect(r.total).toBe(9900);
    expect(freightFor(9899, rule)).toBe(800);
  });

  it('clamps a discount to the goods subtotal and keeps freight', () => {
    const r = calculatePrice([{ skuId: 1, unitPrice: 1000, quantity: 1 }], rule, 5000);
    expect(r.discount).toBe(1000);
    expect(r.total).toBe(800);
    expect(calculatePrice([{ skuId: 1, unitPrice: 1000, quantity: 1 }], rule, -50).discount).toBe(0);
  });

  it('rejects bad quantities, prices and empty orders', () => {
    expect(() => calculatePrice([], rule)).toThrow(RangeError);
    expect(() => calculatePrice([{ skuId: 1, unitPrice: 100, quantity: 0 }], rule)).toThrow(RangeError);
    expect(() => calculatePrice([{ skuId: 1, unitPrice: 100, quantity: 1.5 }], rule)).toThrow(RangeError);
    expect(() => calculatePrice([{ skuId: 1, unitPrice: 10.5, quantity: 1 }], rule)).toThrow(RangeError);
    expect(() => calculatePrice([{ skuId: 1, unitPrice: -1, quantity: 1 }], rule)).toThrow(RangeError);
  });

  it('merges repeated SKUs', () => {
    expect(mergeLines([{ skuId: 3, quantity: 1 }, { skuId: 4, quantity: 2 }, { skuId: 3, quantity: 5 }])).toEqual([
      { skuId: 3, quantity: 6 },
      { skuId: 4, quantity: 2 },
    ]);
  });
});
