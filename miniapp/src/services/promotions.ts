import type { GroupBuyPickView, ProductPromotionView } from '@linli/shared'
import { PROMOTION_IDS_MAX } from '@linli/shared'
import { request } from './request'
import { isLoggedIn } from './session'

/** Which products run a group-buy or a live flash sale now, or have a 券 for this shopper (card tags). Login optional. */
export async function getProductPromotions(productIds: readonly number[]): Promise<Map<number, ProductPromotionView>> {
  const ids = [...new Set(productIds)].slice(0, PROMOTION_IDS_MAX)
  if (ids.length === 0) return new Map()
  // With the token when there is one: the 券 tag counts the coupons this shopper holds and has already claimed.
  const list = await request<ProductPromotionView[]>('/api/promotions/products', { query: { ids: ids.join(',') }, toast: false, auth: isLoggedIn() })
  return new Map(list.map((p) => [p.productId, p]))
}

export function listGroupBuyPicks(limit = 6): Promise<GroupBuyPickView[]> {
  return request<GroupBuyPickView[]>('/api/promotions/group-buys', { query: { limit }, toast: false, auth: false })
}

/** The tag a card shows: 秒杀 while a slot is live, else 拼团 with its size; the price it names. */
export function promotionTag(promotion: ProductPromotionView | undefined): { kind: 'flash' | 'group'; label: string; price: number } | null {
  if (!promotion) return null
  if (promotion.flash) return { kind: 'flash', label: '秒杀', price: promotion.flash.flashPrice }
  if (promotion.groupBuy) return { kind: 'group', label: `${promotion.groupBuy.groupSize}人拼团`, price: promotion.groupBuy.groupPrice }
  return null
}

/** The 券 tag: the server's label for the best coupon that covers the product (满99减10, 无门槛¥5, 8.5折). */
export function couponTag(promotion: ProductPromotionView | undefined): string | null {
  return promotion?.coupon?.label ?? null
}
