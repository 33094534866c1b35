import type { CouponOfferView } from '@linli/shared'

/** The ticket's button for an offer: 立即领取 while the shopper can claim more, 去使用 once they hold one. */
export function offerButton(o: Pick<CouponOfferView, 'state' | 'claimed'>): { label: string; action: 'claim' | 'use' | 'none' } {
  if (o.state === 'expired') return { label: '已过期', action: 'none' }
  if (o.state === 'available') return { label: o.claimed > 0 ? '再领一张' : '立即领取', action: 'claim' }
  if (o.claimed > 0) return { label: '去使用', action: 'use' }
  return { label: o.state === 'sold_out' ? '已抢光' : '已领取', action: 'none' }
}
