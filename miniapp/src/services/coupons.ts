import type { CartHintsView, CouponOfferView, OrderLineInput, Page, RedPacketView, SendRedPacketRequest, UserCouponView } from '@linli/shared'
import { Routes, withQuery } from '../routes'
import { request } from './request'

/** Coupons (优惠券) and red packets (红包). */

export function getCouponCentre(options: { toast?: boolean } = {}): Promise<CouponOfferView[]> {
  return request<CouponOfferView[]>('/api/coupons/centre', options)
}

export interface ProductCoupons {
  offers: CouponOfferView[]
  /** One unit of the cheapest SKU after the best coupon the shopper holds or can claim. */
  afterCouponPrice: number | null
}

export function getProductCoupons(productId: number): Promise<ProductCoupons> {
  return request<ProductCoupons>(`/api/coupons/products/${productId}`, { toast: false })
}

/** 还差¥x免运费 / 还差¥x可用券 for the cart's selected lines. */
export function getCartHints(lines: OrderLineInput[]): Promise<CartHintsView> {
  return request<CartHintsView>('/api/coupons/cart-hints', { method: 'POST', data: { lines: lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })) }, toast: false })
}

export function claimCoupon(templateId: number): Promise<UserCouponView> {
  return request<UserCouponView>('/api/coupons/claims', { method: 'POST', data: { templateId } })
}

export function redeemCode(code: string): Promise<UserCouponView> {
  return request<UserCouponView>('/api/coupons/redeem', { method: 'POST', data: { code } })
}

export type MyCouponTab = 'unused' | 'used' | 'expired'

export function listMyCoupons(status: MyCouponTab, page = 1, pageSize = 20): Promise<Page<UserCouponView>> {
  return request<Page<UserCouponView>>('/api/coupons/mine', { query: { status, page, pageSize } })
}

// ---- red packets ----

export function sendRedPacket(input: SendRedPacketRequest): Promise<RedPacketView> {
  const data: SendRedPacketRequest = { kind: input.kind, amount: input.amount, shares: input.shares }
  if (input.greeting) data.greeting = input.greeting
  if (input.threshold) data.threshold = input.threshold
  if (input.requestKey) data.requestKey = input.requestKey
  if (input.payWith === 'balance') data.payWith = 'balance'
  return request<RedPacketView>('/api/red-packets', { method: 'POST', data })
}

export function openRedPacket(code: string, options: { toast?: boolean } = {}): Promise<RedPacketView> {
  return request<RedPacketView>(`/api/red-packets/open/${encodeURIComponent(code)}`, options)
}

export function claimRedPacket(code: string): Promise<RedPacketView> {
  return request<RedPacketView>(`/api/red-packets/open/${encodeURIComponent(code)}/claim`, { method: 'POST', data: {} })
}

export function getPacketByOrder(orderId: number): Promise<RedPacketView> {
  return request<RedPacketView>(`/api/red-packets/by-order/${orderId}`, { toast: false })
}

export function listMyPackets(role: 'sent' | 'received', page = 1, pageSize = 20): Promise<Page<RedPacketView>> {
  return request<Page<RedPacketView>>('/api/red-packets/mine', { query: { role, page, pageSize } })
}

/** The envelope page a share card opens: the packet's code is all it needs. */
export function packetUrl(code: string): string {
  return withQuery(Routes.redPacket, { code })
}
