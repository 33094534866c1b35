import type { Fen } from './money';
import type { Adjustment } from './pricing';

/** Flash sale (秒杀): time slots (场次) with items at a flash price, a flash stock and a per-user limit. */

export type FlashSlotState = 'ended' | 'live' | 'upcoming';

export function flashSlotState(slot: { startsAt: string | Date; endsAt: string | Date }, now = Date.now()): FlashSlotState {
  if (now < new Date(slot.startsAt).getTime()) return 'upcoming';
  return now >= new Date(slot.endsAt).getTime() ? 'ended' : 'live';
}

/** What the item's button says for this shopper (即将开始, 立即抢购, 已抢光, 已达上限, 已结束). */
export type FlashButtonState = 'upcoming' | 'buy' | 'sold_out' | 'limit_reached' | 'ended';

export function flashButtonState(slot: FlashSlotState, item: Pick<FlashItemView, 'left' | 'perUserLimit' | 'myCount' | 'stopped'>): FlashButtonState {
  if (slot === 'ended' || item.stopped) return 'ended';
  if (item.myCount >= item.perUserLimit) return 'limit_reached';
  if (slot === 'upcoming') return 'upcoming';
  return item.left <= 0 ? 'sold_out' : 'buy';
}

export const FLASH_BUTTON_LABEL: Record<FlashButtonState, string> = {
  upcoming: '即将开始',
  buy: '立即抢购',
  sold_out: '已抢光',
  limit_reached: '已达上限',
  ended: '已结束',
};

/** Sold share in whole percent for the progress bar; 100 only when nothing is left. */
export function soldPercent(item: Pick<FlashItemView, 'stockTotal' | 'left'>): number {
  if (item.stockTotal <= 0 || item.left <= 0) return 100;
  return Math.min(99, Math.floor(((item.stockTotal - item.left) / item.stockTotal) * 100));
}

export interface FlashItemView {
  id: number;
  slotId: number;
  productId: number;
  skuId: number;
  title: string;
  cover: string;
  specs: Record<string, string>;
  flashPrice: Fen;
  /** The SKU's normal price, shown struck through. */
  originalPrice: Fen;
  stockTotal: number;
  /** Units not yet reserved. */
  left: number;
  perUserLimit: number;
  /** Units the signed-in viewer holds (0 when anonymous). */
  myCount: number;
  stopped: boolean;
}

export interface FlashSlotView {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  state: FlashSlotState;
  /** The operator lets shoppers use coupons on this slot's items (each coupon must also allow flash prices). */
  acceptsCoupons: boolean;
  items: FlashItemView[];
}

export interface FlashPurchaseRequest {
  itemId: number;
  quantity: number;
  addressId: number;
  /** One of the shopper's coupons, as the preview chose it; omitted: none. Locked with the order or the purchase fails. */
  couponId?: number;
}

/** `POST /api/flash-sale/preview`: the server's price for a purchase before it is sent (an OrderPreviewView comes back). */
export interface FlashPreviewRequest {
  itemId: number;
  quantity: number;
  addressId?: number;
  /** Omitted: the best usable coupon; null: none; an id: that one, if usable. */
  couponId?: number | null;
}

/**
 * The answer to a purchase. With Redis the stock is reserved at once and the order is written just after:
 * `queued` until then (poll `GET /api/flash-sale/purchases/:id`), then `confirmed` with the order, or `failed`.
 * Without Redis the order is written before the answer, which is `confirmed` straight away.
 */
export interface FlashPurchaseView {
  purchaseId: string;
  status: 'queued' | 'confirmed' | 'failed';
  orderId: number | null;
  reason: string | null;
  /** A failed purchase's error code (FLASH_SOLD_OUT, COUPON_UNUSABLE…), when the server knows it. */
  code?: string | null;
}

/** A flash purchase's reservation: it holds flash units (and counts towards the limit) while reserved or paid. */
export type ReservationStatus = 'reserved' | 'paid' | 'released' | 'rejected';

export type ReservationEvent = 'pay' | 'release' | 'refund';

const RESERVATION_TRANSITIONS: Record<ReservationEvent, { from: readonly ReservationStatus[]; to: ReservationStatus }> = {
  pay: { from: ['reserved'], to: 'paid' },
  /** The order was cancelled or expired unpaid. */
  release: { from: ['reserved'], to: 'released' },
  /** The paid order was refunded before it shipped: its units go back to the flash stock. */
  refund: { from: ['paid'], to: 'released' },
};

export function reservationTransition(event: ReservationEvent): { from: readonly ReservationStatus[]; to: ReservationStatus } {
  return RESERVATION_TRANSITIONS[event];
}

/**
 * A flash purchase's price as pricing-pipeline adjustments: the flash price and free shipping (秒杀包邮). The flash
 * price combines with a coupon only when its slot accepts coupons (`acceptsCoupons`); whether a given coupon may sit
 * on a flash price is the coupon's own `combineFlash` rule (evaluateCoupon).
 */
export function flashPriceAdjustments(skuId: number, flashPrice: Fen, acceptsCoupons = false): Adjustment[] {
  return [
    { kind: 'promotion_price', source: 'flash', skuId, unitPrice: flashPrice, combinable: acceptsCoupons, label: '秒杀价' },
    { kind: 'freight_waiver', source: 'flash', combinable: true, label: '秒杀包邮' },
  ];
}

/** The shopper's 提醒我 state on the flash page: which items will message them at their slot's start. */
export interface FlashRemindersView {
  /** The subscription template to ask consent for (`requestSubscribeMessage`); null when none is configured. */
  templateId: string | null;
  itemIds: number[];
}
