import { Fen, assertFen } from './money';

/** Freight: a flat fee, waived when the goods subtotal reaches a threshold. */
export interface FreightRule {
  flatFee: Fen;
  freeThreshold: Fen;
}

export interface PricedLineInput {
  skuId: number;
  unitPrice: Fen;
  quantity: number;
}

export interface PricedLine extends PricedLineInput {
  lineTotal: Fen;
}

export interface PriceBreakdown {
  lines: PricedLine[];
  subtotal: Fen;
  freight: Fen;
  /** Promotions (coupons, campaigns) subtract here; 0 until those issues land. */
  discount: Fen;
  total: Fen;
}

export const MAX_LINE_QUANTITY = 999;

export function freightFor(subtotal: Fen, rule: FreightRule): Fen {
  if (subtotal <= 0) return 0;
  return subtotal >= rule.freeThreshold ? 0 : rule.flatFee;
}

/**
 * The one price calculation. The unit prices come from the database, never from a client.
 * The discount is clamped so the goods part never goes below zero; freight is always paid.
 */
export function calculatePrice(lines: PricedLineInput[], rule: FreightRule, discount: Fen = 0): PriceBreakdown {
  if (lines.length === 0) throw new RangeError('an order needs at least one line');
  const priced = lines.map((l) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_LINE_QUANTITY) {
      throw new RangeError(`bad quantity ${l.quantity} for sku ${l.skuId}`);
    }
    assertFen(l.unitPrice);
    if (l.unitPrice < 0) throw new RangeError(`negative price for sku ${l.skuId}`);
    return { ...l, lineTotal: assertFen(l.unitPrice * l.quantity) };
  });
  const subtotal = priced.reduce((sum, l) => sum + l.lineTotal, 0);
  const appliedDiscount = Math.min(Math.max(0, assertFen(discount)), subtotal);
  const freight = freightFor(subtotal, rule);
  return { lines: priced, subtotal, freight, discount: appliedDiscount, total: subtotal - appliedDiscount + freight };
}

/** Merges repeated SKUs in a request so one SKU is one line. */
export function mergeLines<T extends { skuId: number; quantity: number }>(lines: T[]): { skuId: number; quantity: number }[] {
  const bySku = new Map<number, number>();
  for (const l of lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.quantity);
  return [...bySku.entries()].map(([skuId, quantity]) => ({ skuId, quantity }));
}
