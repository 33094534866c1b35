import type { CartView } from '@linli/shared'
import { request } from './request'

export function getCart(): Promise<CartView> {
  return request<CartView>('/api/cart')
}

export function addToCart(skuId: number, quantity: number, options: { toast?: boolean } = {}): Promise<CartView> {
  return request<CartView>('/api/cart/items', { method: 'POST', data: { skuId, quantity }, ...options })
}

export function updateCartItem(itemId: number, change: { quantity?: number; selected?: boolean }): Promise<CartView> {
  return request<CartView>(`/api/cart/items/${itemId}`, { method: 'PATCH', data: change })
}

export function removeCartItem(itemId: number): Promise<CartView> {
  return request<CartView>(`/api/cart/items/${itemId}`, { method: 'DELETE' })
}

/** Selects or clears items; without ids it applies to the whole cart. */
export function selectCartItems(selected: boolean, itemIds?: number[]): Promise<CartView> {
  return request<CartView>('/api/cart/select', { method: 'POST', data: itemIds ? { selected, itemIds } : { selected } })
}

export function removeCartItems(itemIds: number[]): Promise<CartView> {
  return request<CartView>('/api/cart/remove', { method: 'POST', data: { itemIds } })
}

/** Units in the cart, for badges. */
export function cartUnitCount(cart: CartView): number {
  return cart.items.reduce((sum, item) => sum + item.quantity, 0)
}
