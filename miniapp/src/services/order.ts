import type {
  CreateOrderRequest, OrderCounts, OrderLineInput, OrderPreviewView, OrderStatus, OrderView, Page,
} from '@linli/shared'
import { request } from './request'

export function previewOrder(lines: OrderLineInput[], addressId?: number): Promise<OrderPreviewView> {
  const data = addressId ? { lines: plainLines(lines), addressId } : { lines: plainLines(lines) }
  return request<OrderPreviewView>('/api/orders/preview', { method: 'POST', data })
}

export function createOrder(input: CreateOrderRequest): Promise<OrderView> {
  const { addressId, source, remark, requestKey } = input
  const data: CreateOrderRequest = { lines: plainLines(input.lines), addressId, source }
  if (remark) data.remark = remark
  if (requestKey) data.requestKey = requestKey
  return request<OrderView>('/api/orders', { method: 'POST', data })
}

export function listOrders(query: { status?: OrderStatus; page?: number; pageSize?: number }): Promise<Page<OrderView>> {
  return request<Page<OrderView>>('/api/orders', { query: { ...query } })
}

export function getOrderCounts(options: { toast?: boolean } = {}): Promise<OrderCounts> {
  return request<OrderCounts>('/api/orders/counts', options)
}

export function getOrder(id: number): Promise<OrderView> {
  return request<OrderView>(`/api/orders/${id}`)
}

export function cancelOrder(id: number, reason?: string): Promise<OrderView> {
  return request<OrderView>(`/api/orders/${id}/cancel`, { method: 'POST', data: reason ? { reason } : {} })
}

export function confirmReceipt(id: number): Promise<OrderView> {
  return request<OrderView>(`/api/orders/${id}/confirm-receipt`, { method: 'POST', data: {} })
}

/** Only skuId and quantity ever leave the client: prices come from the server. */
function plainLines(lines: OrderLineInput[]): OrderLineInput[] {
  return lines.map(({ skuId, quantity }) => ({ skuId, quantity }))
}

/** A random key kept for one checkout page, so a double tap cannot create two orders. */
export function newRequestKey(): string {
  const random = () => Math.random().toString(36).slice(2, 10)
  return `${Date.now().toString(36)}-${random()}${random()}`
}
