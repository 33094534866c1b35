import type {
  ApplyRefundRequest, CreateOrderRequest, OrderCounts, OrderLineInput, OrderPreviewRequest, OrderPreviewView, OrderStatus, OrderView, Page, PayStartView,
  RefundView,
} from '@linli/shared'
import { request } from './request'

/** `couponId`: undefined lets the server choose the best coupon, null asks for none. */
export function previewOrder(lines: OrderLineInput[], addressId?: number, couponId?: number | null, pickupStoreId?: number): Promise<OrderPreviewView> {
  const data: OrderPreviewRequest = addressId ? { lines: plainLines(lines), addressId } : { lines: plainLines(lines) }
  if (couponId !== undefined) data.couponId = couponId
  // 到店自提: no address, no freight.
  if (pickupStoreId) Object.assign(data, { fulfilment: 'pickup', pickupStoreId, addressId: undefined })
  return request<OrderPreviewView>('/api/orders/preview', { method: 'POST', data })
}

export function createOrder(input: CreateOrderRequest): Promise<OrderView> {
  const { addressId, source, remark, requestKey, couponId } = input
  const data: CreateOrderRequest = input.fulfilment === 'pickup'
    ? { lines: plainLines(input.lines), source, fulfilment: 'pickup', pickupStoreId: input.pickupStoreId }
    : { lines: plainLines(input.lines), addressId, source }
  if (couponId) data.couponId = couponId
  if (remark) data.remark = remark
  if (requestKey) data.requestKey = requestKey
  return request<OrderView>('/api/orders', { method: 'POST', data })
}

export interface OrderListQuery {
  status?: OrderStatus
  /** Orders that have after-sales (the 售后 tab). */
  afterSale?: boolean
  page?: number
  pageSize?: number
}

export function listOrders({ status, afterSale, page, pageSize }: OrderListQuery): Promise<Page<OrderView>> {
  return request<Page<OrderView>>('/api/orders', { query: { status, afterSale: afterSale ? 'true' : undefined, page, pageSize } })
}

export function getOrderCounts(options: { toast?: boolean } = {}): Promise<OrderCounts> {
  return request<OrderCounts>('/api/orders/counts', options)
}

export function getOrder(id: number, options: { toast?: boolean } = {}): Promise<OrderView> {
  return request<OrderView>(`/api/orders/${id}`, options)
}

export function cancelOrder(id: number, reason?: string): Promise<OrderView> {
  return request<OrderView>(`/api/orders/${id}/cancel`, { method: 'POST', data: reason ? { reason } : {} })
}

export function confirmReceipt(id: number): Promise<OrderView> {
  return request<OrderView>(`/api/orders/${id}/confirm-receipt`, { method: 'POST', data: {} })
}

/** Asks the server for a WeChat Pay prepay (no body): the `wx.requestPayment` arguments and, in development, a cashier page. */
export function startPayment(orderId: number, options: { toast?: boolean } = {}): Promise<PayStartView> {
  return request<PayStartView>(`/api/orders/${orderId}/pay`, { method: 'POST', ...options })
}

/** Applies for an after-sale. `lines` is sent only for a partial refund; the server decides the amount. */
export function applyRefund(orderId: number, body: ApplyRefundRequest): Promise<RefundView> {
  const data: ApplyRefundRequest = { type: body.type, reason: body.reason }
  if (body.lines && body.lines.length > 0) data.lines = plainLines(body.lines)
  return request<RefundView>(`/api/orders/${orderId}/refunds`, { method: 'POST', data })
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
