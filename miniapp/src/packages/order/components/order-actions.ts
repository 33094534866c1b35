import Taro from '@tarojs/taro'
import type { OrderView } from '@linli/shared'
import { Routes, withQuery } from '../../../routes'
import { addToCart } from '../../../services/cart'
import { cancelOrder, confirmReceipt } from '../../../services/order'
import { ApiError } from '../../../services/request'

/** Asks, then cancels. Resolves to the updated order, or null when the shopper backs out or it fails. */
export async function cancelWithConfirm(order: OrderView): Promise<OrderView | null> {
  const { confirm } = await Taro.showModal({
    title: '取消订单',
    content: '确定取消这个订单吗？取消后商品库存将释放。',
    confirmText: '取消订单',
    cancelText: '再想想',
    confirmColor: '#E93B3D',
  })
  if (!confirm) return null
  try {
    const updated = await cancelOrder(order.id)
    void Taro.showToast({ title: '订单已取消', icon: 'success' })
    return updated
  } catch {
    return null
  }
}

export async function confirmReceiptWithConfirm(order: OrderView): Promise<OrderView | null> {
  const { confirm } = await Taro.showModal({
    title: '确认收货',
    content: '请确认已收到商品，确认后订单将完成。',
    confirmText: '确认收货',
    confirmColor: '#E93B3D',
  })
  if (!confirm) return null
  try {
    const updated = await confirmReceipt(order.id)
    void Taro.showToast({ title: '已确认收货', icon: 'success' })
    return updated
  } catch {
    return null
  }
}

export function countUnits(order: Pick<OrderView, 'lines'>): number {
  return order.lines.reduce((sum, l) => sum + l.quantity, 0)
}

/** What 再来一单 puts back in the cart: each product line's SKU and quantity (merged when a SKU repeats). */
export function buyAgainLines(order: Pick<OrderView, 'lines'>): { skuId: number; quantity: number }[] {
  const bySku = new Map<number, number>()
  for (const line of order.lines) bySku.set(line.skuId, (bySku.get(line.skuId) ?? 0) + line.quantity)
  return [...bySku].map(([skuId, quantity]) => ({ skuId, quantity }))
}

/**
 * 再来一单: the order's items go back into the cart at today's prices (the cart shows them), then the cart opens.
 * Items that can no longer be bought are named; the rest still go in.
 */
export async function buyAgain(order: OrderView): Promise<void> {
  const failed: string[] = []
  for (const line of buyAgainLines(order)) {
    try {
      await addToCart(line.skuId, line.quantity, { toast: false })
    } catch (err) {
      const title = order.lines.find((l) => l.skuId === line.skuId)?.title ?? '商品'
      failed.push(`${title}：${err instanceof ApiError ? err.message : '加入失败'}`)
    }
  }
  if (failed.length === buyAgainLines(order).length) {
    void Taro.showModal({ title: '商品暂时买不到', content: failed.join('\n'), showCancel: false, confirmText: '知道了' })
    return
  }
  if (failed.length > 0) {
    await Taro.showModal({ title: '部分商品未加入购物车', content: failed.join('\n'), showCancel: false, confirmText: '去购物车' })
  }
  void Taro.switchTab({ url: Routes.cart })
}

/** 评价 is offered on completed orders. */
export function canReview(order: Pick<OrderView, 'status'>): boolean {
  return order.status === 'completed'
}

export function openReview(order: Pick<OrderView, 'id'>): void {
  void Taro.navigateTo({ url: withQuery(Routes.writeReview, { orderId: order.id }) })
}
