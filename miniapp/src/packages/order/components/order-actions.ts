import Taro from '@tarojs/taro'
import type { OrderView } from '@linli/shared'
import { cancelOrder, confirmReceipt } from '../../../services/order'

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
