import Taro from '@tarojs/taro'
import type { CartView } from '@linli/shared'
import { request } from './request'
import { isLoggedIn } from './session'

/** The cart's place in the tab bar (app.config.ts). */
export const CART_TAB_INDEX = 2

/** The tab bar's cart badge: the number of units, "99+" above 99, none when empty. */
export function cartBadgeText(count: number): string | null {
  if (count <= 0) return null
  return count > 99 ? '99+' : String(count)
}

export function showCartBadge(count: number): void {
  const text = cartBadgeText(count)
  // weapp refuses badges while a non-tab page is on top; the next tab page shown sets it again.
  const done = text ? Taro.setTabBarBadge({ index: CART_TAB_INDEX, text }) : Taro.removeTabBarBadge({ index: CART_TAB_INDEX })
  void Promise.resolve(done).catch(() => undefined)
}

/** Asks the server for the cart and shows its count on the tab bar (no badge when logged out). */
export async function refreshCartBadge(): Promise<void> {
  if (!isLoggedIn()) {
    showCartBadge(0)
    return
  }
  try {
    showCartBadge(cartUnitCount(await getCart({ toast: false })))
  } catch {
    // A badge is a nicety: keep what is shown.
  }
}

/** Every answer that carries the cart also updates the badge. */
async function withBadge(pending: Promise<CartView>): Promise<CartView> {
  const cart = await pending
  showCartBadge(cartUnitCount(cart))
  return cart
}

export function getCart(options: { toast?: boolean } = {}): Promise<CartView> {
  return withBadge(request<CartView>('/api/cart', options))
}

export function addToCart(skuId: number, quantity: number, options: { toast?: boolean } = {}): Promise<CartView> {
  return withBadge(request<CartView>('/api/cart/items', { method: 'POST', data: { skuId, quantity }, ...options }))
}

export function updateCartItem(itemId: number, change: { quantity?: number; selected?: boolean }): Promise<CartView> {
  return withBadge(request<CartView>(`/api/cart/items/${itemId}`, { method: 'PATCH', data: change }))
}

export function removeCartItem(itemId: number): Promise<CartView> {
  return withBadge(request<CartView>(`/api/cart/items/${itemId}`, { method: 'DELETE' }))
}

/** Selects or clears items; without ids it applies to the whole cart. */
export function selectCartItems(selected: boolean, itemIds?: number[]): Promise<CartView> {
  return withBadge(request<CartView>('/api/cart/select', { method: 'POST', data: itemIds ? { selected, itemIds } : { selected } }))
}

export function removeCartItems(itemIds: number[]): Promise<CartView> {
  return withBadge(request<CartView>('/api/cart/remove', { method: 'POST', data: { itemIds } }))
}

/** Units in the cart, for badges. */
export function cartUnitCount(cart: CartView): number {
  return cart.items.reduce((sum, item) => sum + item.quantity, 0)
}
