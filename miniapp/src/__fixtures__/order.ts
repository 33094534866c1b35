import type { OrderLineView, OrderView, RefundView } from '@linli/shared'

/** Orders and refunds shaped like the server's, for specs. */

export function orderLine(overrides: Partial<OrderLineView> & Pick<OrderLineView, 'skuId'>): OrderLineView {
  return {
    productId: overrides.skuId * 10,
    title: `商品${overrides.skuId}`,
    cover: '/media/products/x.svg',
    specs: { 规格: '500g' },
    unitPrice: 1000,
    quantity: 1,
    lineTotal: 1000,
    netAmount: overrides.lineTotal ?? 1000,
    ...overrides,
  }
}

export function refund(overrides: Partial<RefundView> = {}): RefundView {
  return {
    id: 1,
    refundNo: 'RF202511220001',
    type: 'refund_only',
    source: 'after_sale',
    status: 'pending_review',
    amount: 3000,
    reason: '不想要了',
    rejectReason: null,
    lines: [],
    createdAt: '2025-11-22T03:04:05.000Z',
    completedAt: null,
    ...overrides,
  }
}

export function order(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: 7,
    orderNo: 'LL202511220007',
    status: 'paid',
    kind: 'normal',
    groupId: null,
    lines: [orderLine({ skuId: 1, quantity: 2, lineTotal: 2000 }), orderLine({ skuId: 2, quantity: 1 })],
    subtotal: 3000,
    freight: 0,
    discount: 0,
    total: 3000,
    fulfilment: 'delivery',
    pickupStore: null,
    address: { name: '阿杰', phone: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路1号' },
    remark: '',
    createdAt: '2025-11-22T03:00:00.000Z',
    payDeadline: new Date(Date.now() + 15 * 60_000).toISOString(),
    paidAt: '2025-11-22T03:01:00.000Z',
    shipment: null,
    completedAt: null,
    cancelledAt: null,
    cancelReason: null,
    payment: { status: 'success', amount: 3000, paidAt: '2025-11-22T03:01:00.000Z' },
    refunds: [],
    refundableAmount: 3000,
    ...overrides,
  }
}

/** An order waiting for payment, with a prepay (the shopper opened the payment sheet). */
export function pendingOrder(overrides: Partial<OrderView> = {}): OrderView {
  return order({ status: 'pending_payment', paidAt: null, payment: { status: 'prepaid', amount: 3000, paidAt: null }, refundableAmount: 0, ...overrides })
}
