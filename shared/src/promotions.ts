import type { Fen } from './money';

/** What a product card says about the promotions running on a product right now (tags 拼团 / 秒杀). */
export interface ProductPromotionView {
  productId: number;
  /** An active group-buy: its base size and the cheapest base group price. */
  groupBuy: { campaignId: number; groupSize: number; groupPrice: Fen } | null;
  /** A flash-sale slot live now with this product (not stopped): the lowest flash price and when the slot ends. */
  flash: { slotId: number; flashPrice: Fen; endsAt: string } | null;
  /**
   * 券: a coupon the viewer holds (unused, valid) or could still claim in the 领券中心 covers this product; `label` is
   * the largest such coupon as a ticket says it (满99减10, 无门槛¥5, 8.5折).
   */
  coupon: { label: string; held: boolean } | null;
}

/** One open campaign for the home page's 拼团 section. */
export interface GroupBuyPickView {
  campaignId: number;
  productId: number;
  title: string;
  cover: string;
  groupSize: number;
  /** The cheapest base group price (what a member pays at the base size). */
  groupPrice: Fen;
  /** The product's lowest single-purchase price, shown struck. */
  price: Fen;
  endsAt: string;
}

/** Ids asked about in one request, at most. */
export const PROMOTION_IDS_MAX = 50;
