import { Fen, assertFen, formatYuan } from './money';

/**
 * Coupons and red packets: the pure rules both ends agree on. The server decides every amount; the mini program
 * only shows what the server said.
 *
 * - 满减 `threshold_off`: `amount` off when the goods in scope reach `threshold`.
 * - 无门槛 `no_threshold`: `amount` off, no threshold (never more than the goods in scope).
 * - 折扣 `percent_off`: pay `rate`% of the goods in scope (85 = 8.5折), at most `cap` off (0: no cap), with an
 *   optional threshold.
 */
export type CouponType = 'threshold_off' | 'no_threshold' | 'percent_off';
export const COUPON_TYPES: readonly CouponType[] = ['threshold_off', 'no_threshold', 'percent_off'];

export type CouponScope = 'all' | 'categories' | 'products';
export const COUPON_SCOPES: readonly CouponScope[] = ['all', 'categories', 'products'];

/** Where a coupon came from. Sharing is never one of them. */
export type CouponSource = 'centre' | 'product' | 'gift' | 'grant' | 'code' | 'packet';

/** What a coupon takes off and where it applies: copied onto each shopper's coupon when it is claimed. */
export interface CouponTerms {
  type: CouponType;
  /** Fen off (满减, 无门槛). */
  amount: Fen;
  /** Percent paid (折扣), 1–99. */
  rate: number;
  /** Most fen a 折扣 takes off; 0 = no cap. */
  cap: Fen;
  /** Goods in scope must reach this (0 = none). */
  threshold: Fen;
  scope: CouponScope;
  /** Category ids or product ids, by `scope`. */
  scopeIds: number[];
  /** Products never discounted by this coupon, whatever the scope. */
  excludeProductIds: number[];
  /** Whether it may apply on top of a group-buy price / a flash-sale price. */
  combineGroup: boolean;
  combineFlash: boolean;
}

/** A line as the coupon rules see it: its goods after promotion prices, and the promotion on it. */
export interface CouponLine {
  skuId: number;
  productId: number;
  categoryId: number;
  /** After promotion prices and discounts (the pipeline's stages 1–2). */
  lineTotal: Fen;
}

export interface CouponContext {
  lines: CouponLine[];
  /** The promotion the order is bought under. */
  promotion: 'none' | 'group' | 'flash';
  /** The campaign accepts coupons at all (ordinary orders: true). */
  campaignAcceptsCoupons: boolean;
  now: Date;
}

export interface CouponValidity {
  validFrom: Date;
  validTo: Date;
}

/** `gap`: the goods in scope lack this much to reach the threshold (the only refusal more goods would fix). */
export type CouponEvaluation = { ok: true; discount: Fen; skuIds: number[] } | { ok: false; reason: string; gap?: Fen };

export function inScope(terms: Pick<CouponTerms, 'scope' | 'scopeIds' | 'excludeProductIds'>, line: Pick<CouponLine, 'productId' | 'categoryId'>): boolean {
  if (terms.excludeProductIds.includes(line.productId)) return false;
  if (terms.scope === 'categories') return terms.scopeIds.includes(line.categoryId);
  if (terms.scope === 'products') return terms.scopeIds.includes(line.productId);
  return true;
}

/** What the coupon takes off `eligible` fen of goods in scope, before the threshold check. */
export function couponDiscount(terms: Pick<CouponTerms, 'type' | 'amount' | 'rate' | 'cap'>, eligible: Fen): Fen {
  assertFen(eligible);
  if (eligible <= 0) return 0;
  if (terms.type === 'percent_off') {
    const off = eligible - Math.ceil((eligible * terms.rate) / 100);
    return terms.cap > 0 ? Math.min(off, terms.cap) : off;
  }
  return Math.min(terms.amount, eligible);
}

/**
 * Whether a coupon applies to this cart now and what it takes off, or the reason it does not (shown to the shopper).
 * Reasons are checked from the most to the least definitive.
 */
export function evaluateCoupon(terms: CouponTerms, validity: CouponValidity, ctx: CouponContext): CouponEvaluation {
  const now = ctx.now.getTime();
  if (now >= validity.validTo.getTime()) return { ok: false, reason: '已过期' };
  if (now < validity.validFrom.getTime()) return { ok: false, reason: '未到可用时间' };
  if (!ctx.campaignAcceptsCoupons) return { ok: false, reason: ctx.promotion === 'group' ? '该拼团活动不可用券' : ctx.promotion === 'flash' ? '本场秒杀不可用券' : '该活动不可用券' };
  if (ctx.promotion === 'group' && !terms.combineGroup) return { ok: false, reason: '不适用于拼团商品' };
  if (ctx.promotion === 'flash' && !terms.combineFlash) return { ok: false, reason: '不适用于秒杀商品' };
  const lines = ctx.lines.filter((l) => inScope(terms, l));
  if (!lines.length) return { ok: false, reason: '不适用于所选商品' };
  const eligible = lines.reduce((sum, l) => sum + l.lineTotal, 0);
  if (terms.type !== 'no_threshold' && eligible < terms.threshold) return { ok: false, reason: `未满足门槛，还差¥${formatYuan(terms.threshold - eligible)}`, gap: terms.threshold - eligible };
  const discount = couponDiscount(terms, eligible);
  if (discount <= 0) return { ok: false, reason: '不适用于所选商品' };
  return { ok: true, discount, skuIds: lines.map((l) => l.skuId) };
}

/** The coupon an order gets by default: the largest discount, then the one expiring first, then the oldest. */
export function bestCoupon<T extends { id: number; discount: Fen; validTo: Date | string }>(usable: T[]): T | null {
  let best: T | null = null;
  for (const c of usable) {
    if (!best) best = c;
    else if (c.discount !== best.discount) best = c.discount > best.discount ? c : best;
    else {
      const a = new Date(c.validTo).getTime();
      const b = new Date(best.validTo).getTime();
      if (a !== b) best = a < b ? c : best;
      else if (c.id < best.id) best = c;
    }
  }
  return best;
}

/** 满99可用 / 无门槛 / 满50可用 for a 折扣. */
export function couponCondition(terms: Pick<CouponTerms, 'type' | 'threshold'>): string {
  if (terms.type === 'no_threshold' || terms.threshold <= 0) return '无门槛';
  return `满${trimYuan(terms.threshold)}可用`;
}

/** ¥10 / 8.5折 as a ticket shows it. */
export function couponFace(terms: Pick<CouponTerms, 'type' | 'amount' | 'rate'>): string {
  if (terms.type === 'percent_off') return `${(terms.rate / 10).toFixed(terms.rate % 10 ? 1 : 0)}折`;
  return `¥${trimYuan(terms.amount)}`;
}

/** 1000 → "10", 1050 → "10.5", 1055 → "10.55". */
export function trimYuan(fen: Fen): string {
  return formatYuan(fen).replace(/\.?0+$/, '');
}

/** When a claimed coupon is valid: fixed dates, or N days from the claim. */
export function couponValidity(t: { validity: 'fixed' | 'relative'; validFrom: Date | null; validTo: Date | null; validDays: number }, claimedAt: Date): CouponValidity {
  if (t.validity === 'fixed') return { validFrom: t.validFrom!, validTo: t.validTo! };
  return { validFrom: claimedAt, validTo: new Date(claimedAt.getTime() + t.validDays * 86_400_000) };
}

/** A shopper's coupon as it stands: 未使用, 已锁定 (held by an unpaid order), 已使用, or 已过期 (derived from time). */
export type UserCouponStatus = 'unused' | 'locked' | 'used' | 'expired';
export const USER_COUPON_STATUS_LABEL: Record<UserCouponStatus, string> = { unused: '未使用', locked: '待支付订单使用中', used: '已使用', expired: '已过期' };

/** What a stored coupon state means to the shopper at `now`. */
export function shownCouponStatus(stored: 'unused' | 'locked' | 'used', validTo: Date, now = new Date()): UserCouponStatus {
  if (stored === 'unused' && now.getTime() >= validTo.getTime()) return 'expired';
  return stored;
}

// ---- red packets ----

/** 普通 (equal shares), 拼手气 (lucky shares), 专属 (one share for one friend). */
export type RedPacketKind = 'normal' | 'lucky' | 'exclusive';
export const RED_PACKET_KINDS: readonly RedPacketKind[] = ['normal', 'lucky', 'exclusive'];
/** `balance`: a distributor's packet, paid from the withdrawable commission balance. */
export type RedPacketFunding = 'budget' | 'paid' | 'balance';
/**
 * `pending_payment` (a shopper's packet before its payment) → `active` → `finished` (every share claimed) or
 * `expired` (the unclaimed value goes back once). An unpaid packet whose order is cancelled becomes `cancelled`.
 */
export type RedPacketStatus = 'pending_payment' | 'active' | 'finished' | 'expired' | 'cancelled';
export const RED_PACKET_KIND_LABEL: Record<RedPacketKind, string> = { normal: '普通红包', lucky: '拼手气红包', exclusive: '专属红包' };

export const MAX_PACKET_SHARES = 100;

/** A small deterministic PRNG (sfc32) seeded from a string: the same seed gives the same split everywhere. */
export function seededRandom(seed: string): () => number {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  let a = h1 >>> 0, b = h2 >>> 0, c = h3 >>> 0, d = h4 >>> 0;
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const out = (t + d) | 0;
    c = (c + out) | 0;
    return (out >>> 0) / 4294967296;
  };
}

function checkSplit(total: Fen, count: number): void {
  assertFen(total);
  if (!Number.isInteger(count) || count < 1 || count > MAX_PACKET_SHARES) throw new RangeError(`bad share count ${count}`);
  if (total < count) throw new RangeError(`${total} fen cannot give ${count} shares of at least 1 fen`);
}

/**
 * 拼手气: the double-average method, pre-split when the packet is made. Each draw is uniform on
 * [1, 2 × remaining ÷ shares left] fen, kept low enough that every later share still gets 1 fen; the last share
 * takes the rest. The shares add up to `total` exactly and each is at least 1 fen.
 */
export function luckySplit(total: Fen, count: number, seed: string): Fen[] {
  checkSplit(total, count);
  const random = seededRandom(seed);
  const shares: Fen[] = [];
  let remaining = total;
  for (let left = count; left > 1; left--) {
    const max = Math.min(Math.floor((2 * remaining) / left), remaining - (left - 1));
    const draw = 1 + Math.floor(random() * max);
    shares.push(draw);
    remaining -= draw;
  }
  shares.push(remaining);
  return shares;
}

/** 普通: equal shares; when `total` does not divide, the first shares get one fen more. */
export function equalSplit(total: Fen, count: number): Fen[] {
  checkSplit(total, count);
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => base + (i < total % count ? 1 : 0));
}

/** 手气最佳: the largest claimed share, the earliest claim on a tie; only once every share is claimed. */
export function bestLuck<T extends { amount: Fen; claimedAt: string | Date }>(claims: T[], shareCount: number): T | null {
  if (claims.length < shareCount || !claims.length) return null;
  return claims.reduce((best, c) => (c.amount > best.amount || (c.amount === best.amount && new Date(c.claimedAt) < new Date(best.claimedAt)) ? c : best));
}

// ---- API views ----

/** A coupon template as the claim centre and the product page show it, with this shopper's state. */
export interface CouponOfferView {
  id: number;
  title: string;
  type: CouponType;
  amount: Fen;
  rate: number;
  cap: Fen;
  threshold: Fen;
  /** ¥10 / 8.5折. */
  face: string;
  /** 满99可用 / 无门槛. */
  condition: string;
  /** 全场通用 / 指定分类可用 / 指定商品可用. */
  scopeText: string;
  /** 领取后7天内有效 / 2026.12.01-2026.12.31. */
  validityText: string;
  /** Left to issue. */
  remaining: number;
  perUserLimit: number;
  /** How many this shopper holds of it (0 when logged out). */
  claimed: number;
  /** 立即领取 / 已领取 (limit reached) / 已抢光 / 已过期. */
  state: 'available' | 'claimed' | 'sold_out' | 'expired';
}

export interface UserCouponView {
  id: number;
  templateId: number | null;
  packetId: number | null;
  title: string;
  type: CouponType;
  amount: Fen;
  rate: number;
  cap: Fen;
  threshold: Fen;
  face: string;
  condition: string;
  scopeText: string;
  validFrom: string;
  validTo: string;
  status: UserCouponStatus;
  source: CouponSource;
  /** The order holding (locked) or having used it. */
  orderId: number | null;
}

export interface CheckoutCouponsView {
  /** The coupon the price above uses, or null. */
  selectedId: number | null;
  /** The best coupon for this order (what checkout picks when the shopper has not chosen). */
  bestId: number | null;
  usable: (UserCouponView & { discount: Fen })[];
  unusable: (UserCouponView & { reason: string; gap?: Fen })[];
}

/** The cart's nudges: how much more for free shipping, and for a coupon the shopper holds. */
export interface CartHintsView {
  freeShippingGap: Fen | null;
  couponGap: { gap: Fen; title: string; face: string } | null;
}

export interface RedPacketClaimView {
  nickname: string;
  avatar: string | null;
  amount: Fen;
  claimedAt: string;
  best: boolean;
  mine: boolean;
}

export interface RedPacketView {
  id: number;
  /** The unguessable code a share link carries. */
  code: string;
  kind: RedPacketKind;
  funding: RedPacketFunding;
  status: RedPacketStatus;
  senderName: string;
  senderAvatar: string | null;
  greeting: string;
  /** Only the sender (and everyone once it is over) sees the total; claimers see their own share. */
  amount: Fen;
  shareCount: number;
  claimedCount: number;
  claimedAmount: Fen;
  /** Coupons made from shares need goods of at least this much (0: 无门槛). */
  threshold: Fen;
  couponValidDays: number;
  expiresAt: string;
  /** The viewer's own share, when claimed. */
  myShare: { amount: Fen; couponId: number } | null;
  /** Why the viewer cannot claim now (null: they can). */
  claimBlockedReason: string | null;
  isSender: boolean;
  claims: RedPacketClaimView[];
  /** A paid packet's order, for the sender (to pay it). */
  orderId: number | null;
  /** Unclaimed value sent back at expiry. */
  returnedAmount: Fen | null;
}

export interface SendRedPacketRequest {
  kind: RedPacketKind;
  /** Total in fen. */
  amount: Fen;
  shares: number;
  greeting?: string;
  /** Threshold of the coupons the shares become, within the operator's limit. */
  threshold?: Fen;
  /** Repeating a send with the same key returns the same packet. */
  requestKey?: string;
  /** `balance`: a distributor pays from the withdrawable commission balance (live at once). Default WeChat Pay. */
  payWith?: 'wechat' | 'balance';
}
