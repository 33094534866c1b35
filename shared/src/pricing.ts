import { chargesFreight, Fulfilment } from './fulfilment';
import { Fen, assertFen } from './money';

/**
 * The one pricing pipeline. Every price the server charges is computed here from database prices and
 * server-made adjustments; the mini program only displays the result. Stages run in this fixed order:
 *
 *   1. promotion price   a line's unit price replaced by an activity price (flash, group)
 *   2. promotion discount an amount off each unit of a line (group tier, 团长优惠)
 *   3. order discount    an amount off the goods of the whole order (a coupon), prorated over the lines in fen
 *   4. freight           the store's freight rule on the goods left to pay, then any freight waiver (包邮)
 *
 * An adjustment with `combinable: false` applies only alone: it is skipped if another price-lowering
 * adjustment already applied to a line it touches, and once applied it keeps later ones off those lines.
 * Skipped adjustments are reported, never silently lost. Pickup orders pay no freight.
 */

/** Freight: a flat fee, waived when the goods to pay reach a threshold. */
export interface FreightRule {
  flatFee: Fen;
  freeThreshold: Fen;
}

/** Who granted an adjustment; kept on the result so an order can say where its price came from. */
export type AdjustmentSource = 'flash' | 'group' | 'group_tier' | 'group_leader' | 'coupon' | 'store' | 'community';

export type Adjustment =
  /** Stage 1: the line is sold at `unitPrice` instead of its base price. */
  | { kind: 'promotion_price'; source: AdjustmentSource; skuId: number; unitPrice: Fen; combinable: boolean; label: string }
  /** Stage 2: `perUnit` off each unit of the line; a unit never drops below 1 fen (a promotion does not give goods away). */
  | { kind: 'promotion_discount'; source: AdjustmentSource; skuId: number; perUnit: Fen; combinable: boolean; label: string }
  /**
   * Stage 3: `amount` off the order's goods (clamped to them), spread over the lines. `skuIds` limits it to some lines
   * (a coupon for some products only): only they are clamped to, prorated over, and checked for combination.
   */
  | { kind: 'order_discount'; source: AdjustmentSource; amount: Fen; combinable: boolean; label: string; skuIds?: number[] }
  /** Stage 4: the freight rule (the last one given wins). */
  | { kind: 'freight_rule'; source: AdjustmentSource; rule: FreightRule; combinable: true; label: string }
  /** Stage 4: no freight for this order. */
  | { kind: 'freight_waiver'; source: AdjustmentSource; combinable: true; label: string };

export type AdjustmentKind = Adjustment['kind'];

/** The order the stages run in; also the order `applied` is reported in. */
export const ADJUSTMENT_STAGES: readonly AdjustmentKind[] = ['promotion_price', 'promotion_discount', 'order_discount', 'freight_rule', 'freight_waiver'];

export interface PricingLineInput {
  skuId: number;
  /** The SKU's own price, from the database. */
  basePrice: Fen;
  quantity: number;
}

export interface PricedLine {
  skuId: number;
  quantity: number;
  basePrice: Fen;
  /** After promotion prices and promotion discounts. */
  unitPrice: Fen;
  /** unitPrice × quantity. */
  lineTotal: Fen;
  /** This line's part of the order discounts. */
  discountShare: Fen;
  /** What the shopper pays for this line: lineTotal − discountShare. Refunds and commission use it. */
  netAmount: Fen;
}

export interface AppliedAdjustment {
  kind: AdjustmentKind;
  source: AdjustmentSource;
  label: string;
  /** Money this adjustment took off (freight waivers: the freight waived). */
  amount: Fen;
}

export interface PriceBreakdown {
  lines: PricedLine[];
  /** Sum of line totals (after promotion prices and discounts). */
  subtotal: Fen;
  /** What the promotions (stages 1–2) took off the base prices. */
  promotionSavings: Fen;
  /** Order-level discounts (stage 3). */
  discount: Fen;
  freight: Fen;
  /** subtotal − discount + freight = Σ netAmount + freight. */
  total: Fen;
  applied: AppliedAdjustment[];
  skipped: { kind: AdjustmentKind; source: AdjustmentSource; label: string; reason: string }[];
}

export const MAX_LINE_QUANTITY = 999;

export function freightFor(goods: Fen, rule: FreightRule): Fen {
  if (goods <= 0) return 0;
  return goods >= rule.freeThreshold ? 0 : rule.flatFee;
}

/** The store's freight rule as an adjustment: every delivery order starts from it. */
export function storeFreight(rule: FreightRule): Adjustment {
  return { kind: 'freight_rule', source: 'store', rule, combinable: true, label: '运费' };
}

interface WorkingLine extends PricedLine {
  /** A non-combinable adjustment holds this line. */
  exclusive: boolean;
  /** Some price-lowering adjustment already applied to this line. */
  discounted: boolean;
}

/**
 * Prices an order. Lines must name distinct SKUs (merge them first with `mergeLines`). The result does not depend
 * on the order of lines or of adjustments within a stage beyond the documented stage order.
 */
export function priceOrder(input: { lines: PricingLineInput[]; adjustments?: Adjustment[]; fulfilment?: Fulfilment }): PriceBreakdown {
  const { lines, adjustments = [], fulfilment = 'delivery' } = input;
  if (lines.length === 0) throw new RangeError('an order needs at least one line');
  const seen = new Set<number>();
  const work: WorkingLine[] = lines.map((l) => {
    if (seen.has(l.skuId)) throw new RangeError(`sku ${l.skuId} appears twice; merge lines first`);
    seen.add(l.skuId);
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_LINE_QUANTITY) throw new RangeError(`bad quantity ${l.quantity} for sku ${l.skuId}`);
    assertFen(l.basePrice);
    if (l.basePrice < 0) throw new RangeError(`negative price for sku ${l.skuId}`);
    return { skuId: l.skuId, quantity: l.quantity, basePrice: l.basePrice, unitPrice: l.basePrice, lineTotal: 0, discountShare: 0, netAmount: 0, exclusive: false, discounted: false };
  });
  const applied: AppliedAdjustment[] = [];
  const skipped: PriceBreakdown['skipped'] = [];
  const byStage = (kind: AdjustmentKind) => adjustments.filter((a) => a.kind === kind);
  const skip = (a: Adjustment, reason: string) => skipped.push({ kind: a.kind, source: a.source, label: a.label, reason });
  /** Whether `a` may apply to these lines now, by the combination rule. */
  const combines = (a: Adjustment, on: WorkingLine[]) => !on.some((l) => l.exclusive) && (a.combinable || !on.some((l) => l.discounted));

  // 1–2. Line promotions.
  for (const kind of ['promotion_price', 'promotion_discount'] as const) {
    for (const a of byStage(kind)) {
      if (a.kind !== 'promotion_price' && a.kind !== 'promotion_discount') continue;
      const line = work.find((l) => l.skuId === a.skuId);
      if (!line) {
        skip(a, 'not in this order');
        continue;
      }
      if (!combines(a, [line])) {
        skip(a, 'does not combine with another promotion on this line');
        continue;
      }
      const before = line.unitPrice;
      if (a.kind === 'promotion_price') {
        assertFen(a.unitPrice);
        if (a.unitPrice < 0) throw new RangeError(`negative promotion price for sku ${a.skuId}`);
        line.unitPrice = Math.min(line.unitPrice, a.unitPrice);
      } else {
        assertFen(a.perUnit);
        if (a.perUnit < 0) throw new RangeError(`negative promotion discount for sku ${a.skuId}`);
        line.unitPrice = Math.max(Math.min(1, line.unitPrice), line.unitPrice - a.perUnit);
      }
      line.discounted = true;
      line.exclusive ||= !a.combinable;
      applied.push({ kind: a.kind, source: a.source, label: a.label, amount: (before - line.unitPrice) * line.quantity });
    }
  }
  for (const l of work) {
    l.lineTotal = assertFen(l.unitPrice * l.quantity);
    l.netAmount = l.lineTotal;
  }

  // 3. Order discounts, each prorated over the lines it may touch.
  for (const a of byStage('order_discount')) {
    if (a.kind !== 'order_discount') continue;
    assertFen(a.amount);
    if (a.amount < 0) throw new RangeError('negative order discount');
    const scoped = a.skuIds ? work.filter((l) => a.skuIds!.includes(l.skuId)) : work;
    if (!scoped.length) {
      skip(a, 'no line in its scope');
      continue;
    }
    if (!combines(a, scoped)) {
      skip(a, 'does not combine with the promotions in this order');
      continue;
    }
    const base = scoped.reduce((sum, l) => sum + l.netAmount, 0);
    const amount = Math.min(a.amount, base);
    const shares = prorate(amount, scoped.map((l) => ({ key: l.skuId, weight: l.netAmount })));
    scoped.forEach((l, i) => {
      l.discountShare += shares[i];
      l.netAmount -= shares[i];
      l.discounted = true;
      l.exclusive ||= !a.combinable;
    });
    applied.push({ kind: a.kind, source: a.source, label: a.label, amount });
  }

  const subtotal = work.reduce((sum, l) => sum + l.lineTotal, 0);
  const discount = work.reduce((sum, l) => sum + l.discountShare, 0);
  const goodsToPay = subtotal - discount;

  // 4. Freight on what is left to pay for the goods. Pickup has none.
  let freight = 0;
  if (chargesFreight(fulfilment)) {
    const rules = byStage('freight_rule');
    const rule = rules[rules.length - 1];
    if (rule?.kind === 'freight_rule') freight = freightFor(goodsToPay, rule.rule);
    for (const a of byStage('freight_waiver')) {
      if (freight > 0) applied.push({ kind: a.kind, source: a.source, label: a.label, amount: freight });
      freight = 0;
    }
  }

  return {
    lines: work.map(({ exclusive: _e, discounted: _d, ...l }) => l),
    subtotal,
    promotionSavings: work.reduce((sum, l) => sum + (l.basePrice - l.unitPrice) * l.quantity, 0),
    discount,
    freight,
    total: goodsToPay + freight,
    applied,
    skipped,
  };
}

/**
 * Splits `amount` fen over parts in proportion to their weights, exactly: each part gets the floor of its exact
 * share, then the fen left over go one each to the largest remainders, ties to the smaller key. No part gets more
 * than its weight when amount ≤ Σ weights. BigInt keeps amount × weight exact beyond 2^53.
 */
export function prorate(amount: Fen, parts: { key: number; weight: Fen }[]): Fen[] {
  assertFen(amount);
  const total = parts.reduce((sum, p) => sum + BigInt(assertFen(p.weight)), 0n);
  if (amount === 0 || total === 0n) return parts.map(() => 0);
  if (amount < 0 || BigInt(amount) > total) throw new RangeError(`cannot spread ${amount} over ${total}`);
  const exact = parts.map((p) => {
    const product = BigInt(amount) * BigInt(p.weight);
    return { floor: product / total, remainder: product % total };
  });
  const shares = exact.map((e) => Number(e.floor));
  let left = amount - shares.reduce((sum, s) => sum + s, 0);
  const order = parts.map((_, i) => i).sort((a, b) => {
    const byRemainder = exact[b].remainder - exact[a].remainder;
    if (byRemainder !== 0n) return byRemainder > 0n ? 1 : -1;
    return parts[a].key - parts[b].key;
  });
  for (const i of order) {
    if (left === 0) break;
    shares[i]++;
    left--;
  }
  return shares;
}

/** Merges repeated SKUs in a request so one SKU is one line. */
export function mergeLines<T extends { skuId: number; quantity: number }>(lines: T[]): { skuId: number; quantity: number }[] {
  const bySku = new Map<number, number>();
  for (const l of lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.quantity);
  return [...bySku.entries()].map(([skuId, quantity]) => ({ skuId, quantity }));
}
