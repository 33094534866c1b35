import type { Fulfilment } from './fulfilment';
import type { CheckoutCouponsView } from './coupons';
import type { Fen } from './money';
import type { OrderKind, OrderStatus } from './order-state';
import type { PaymentStatus, RefundSource, RefundStatus, RefundType } from './payment-state';

/** Response and request shapes of the shopper API (`/api`). Dates are ISO strings. */

export interface Page<T> {
  items: T[];
  /** Exact, except where `totalCapped` says it stopped counting (long operator lists). */
  total: number;
  page: number;
  pageSize: number;
  /** Keyset lists: pass as `before` to get the next page without an offset; null on the last page. */
  nextCursor?: number | null;
  totalCapped?: boolean;
}

export type ProductSort = 'newest' | 'price_asc' | 'price_desc' | 'sales';
export const PRODUCT_SORTS: readonly ProductSort[] = ['newest', 'price_asc', 'price_desc', 'sales'];

export interface CategoryView {
  id: number;
  name: string;
  icon: string | null;
  sortOrder: number;
}

export interface ProductSummaryView {
  id: number;
  categoryId: number;
  title: string;
  subtitle: string;
  cover: string;
  /** Lowest SKU price. */
  price: Fen;
  originalPrice: Fen;
  sales: number;
  onShelf: boolean;
}

/** One spec dimension, e.g. { name: '重量', values: ['500g', '1kg'] }. */
export interface SpecDimension {
  name: string;
  values: string[];
}

export interface SkuView {
  id: number;
  /** Spec name → value, e.g. { 重量: '500g', 口味: '原味' }. */
  specs: Record<string, string>;
  price: Fen;
  originalPrice: Fen;
  stock: number;
  sales: number;
}

/** One row of the 规格参数 table: 产地, 净含量, 保质期, 储存方式 … */
export interface ProductAttribute {
  name: string;
  value: string;
}

export interface ProductDetailView extends ProductSummaryView {
  images: string[];
  /** The specs table, in the order the operator entered it (empty when none). */
  attributes: ProductAttribute[];
  /** Rich detail as a list of blocks. */
  detail: DetailBlock[];
  specDimensions: SpecDimension[];
  skus: SkuView[];
}

export type DetailBlock = { type: 'text'; text: string } | { type: 'image'; url: string };

export interface UserView {
  id: number;
  nickname: string;
  avatar: string | null;
}

export interface LoginResult {
  token: string;
  expiresIn: number;
  user: UserView;
}

export interface CartItemView {
  id: number;
  skuId: number;
  productId: number;
  title: string;
  cover: string;
  specs: Record<string, string>;
  price: Fen;
  quantity: number;
  selected: boolean;
  stock: number;
  /** False when the product went off shelf, the SKU was removed or stock ran short. */
  available: boolean;
  unavailableReason: string | null;
}

export interface CartView {
  items: CartItemView[];
  selectedCount: number;
  selectedTotal: Fen;
}

export interface AddressInput {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault?: boolean;
}

export interface AddressView extends Required<AddressInput> {
  id: number;
}

export interface OrderLineInput {
  skuId: number;
  quantity: number;
}

export interface OrderPreviewRequest {
  lines: OrderLineInput[];
  addressId?: number;
  /** Defaults to delivery; pickup has no address and no freight. */
  fulfilment?: Fulfilment;
  pickupStoreId?: number;
  /** A coupon of the shopper's to price with; null for none; omitted: the best usable one is chosen. */
  couponId?: number | null;
}

export interface CreateOrderRequest {
  lines: OrderLineInput[];
  /** Needed for delivery; a pickup order has none. */
  addressId?: number;
  /** Defaults to delivery. */
  fulfilment?: Fulfilment;
  /** The store to collect a pickup order at. */
  pickupStoreId?: number;
  /** 'cart' removes the bought SKUs from the cart once the order is placed. */
  source: 'cart' | 'buy_now';
  remark?: string;
  /** Client-generated key: repeating a create with the same key returns the same order. */
  requestKey?: string;
  /** One of the shopper's coupons; the server re-checks it against the order and computes the discount. */
  couponId?: number;
}

export interface OrderLineView {
  skuId: number;
  productId: number;
  title: string;
  cover: string;
  specs: Record<string, string>;
  unitPrice: Fen;
  quantity: number;
  lineTotal: Fen;
  /** What the shopper pays for this line after order discounts; refunds pay back this. */
  netAmount: Fen;
}

export interface OrderPreviewView {
  lines: OrderLineView[];
  subtotal: Fen;
  freight: Fen;
  discount: Fen;
  total: Fen;
  address: AddressView | null;
  fulfilment: Fulfilment;
  /** Lines that cannot be bought now, with the reason. */
  problems: { skuId: number; reason: string }[];
  /** The shopper's coupons for this order (usable ones with their discount, the others with the reason). */
  coupons?: CheckoutCouponsView;
}

export interface PickupStoreView {
  id: number;
  name: string;
  address: string;
}

export interface ShipmentView {
  carrier: string;
  trackingNo: string;
  shippedAt: string;
}


export interface OrderView {
  id: number;
  orderNo: string;
  status: OrderStatus;
  kind: OrderKind;
  /** The group-buy group, for a group order. */
  groupId: number | null;
  lines: OrderLineView[];
  subtotal: Fen;
  freight: Fen;
  discount: Fen;
  total: Fen;
  fulfilment: Fulfilment;
  /** Null for a pickup order. */
  address: Omit<AddressView, 'id' | 'isDefault'> | null;
  /** Where a pickup order is collected. */
  pickupStore: PickupStoreView | null;
  remark: string;
  createdAt: string;
  payDeadline: string;
  paidAt: string | null;
  shipment: ShipmentView | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** The WeChat Pay transaction, once a prepay exists. */
  payment: PaymentView | null;
  /** After-sales and automatic refunds, newest first. */
  refunds: RefundView[];
  /** What an after-sale could still refund (paid total minus refunds not rejected or failed). */
  refundableAmount: Fen;
}

export interface PaymentView {
  status: PaymentStatus;
  amount: Fen;
  paidAt: string | null;
}

/** What `POST /api/orders/:id/pay` returns: the arguments for `wx.requestPayment`, and in development a cashier page. */
export interface PayStartView {
  orderId: number;
  /** Pass to `Taro.requestPayment` as is. */
  requestPayment: { timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string };
  /** The simulator's cashier page (H5 and development only); open it with `redirect` set to come back. */
  cashierUrl: string | null;
  payDeadline: string;
}

export interface RefundLineView {
  skuId: number;
  title: string;
  specs: Record<string, string>;
  quantity: number;
  amount: Fen;
}

export interface RefundView {
  id: number;
  refundNo: string;
  type: RefundType;
  source: RefundSource;
  status: RefundStatus;
  amount: Fen;
  reason: string;
  rejectReason: string | null;
  /** Empty for a whole-order refund. */
  lines: RefundLineView[];
  createdAt: string;
  completedAt: string | null;
}

export interface ApplyRefundRequest {
  type: RefundType;
  reason: string;
  /** Omit for the whole order. */
  lines?: OrderLineInput[];
}

export interface OrderCounts {
  pending_payment: number;
  /** Paid group-buy orders waiting for their group. */
  grouping: number;
  paid: number;
  shipped: number;
  /** Pickup orders waiting at their store. */
  ready_for_pickup: number;
  /** Orders with an after-sale not yet finished. */
  after_sale: number;
}

export interface HealthView {
  status: 'ok' | 'degraded';
  database: { type: 'mysql' | 'sqlite'; up: boolean };
  uptimeSeconds: number;
}
