import type { Fen } from './money';
import type { OrderStatus } from './order-state';

/** Response and request shapes of the shopper API (`/api`). Dates are ISO strings. */

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
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

export interface ProductDetailView extends ProductSummaryView {
  images: string[];
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
}

export interface CreateOrderRequest {
  lines: OrderLineInput[];
  addressId: number;
  /** 'cart' removes the bought SKUs from the cart once the order is placed. */
  source: 'cart' | 'buy_now';
  remark?: string;
  /** Client-generated key: repeating a create with the same key returns the same order. */
  requestKey?: string;
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
}

export interface OrderPreviewView {
  lines: OrderLineView[];
  subtotal: Fen;
  freight: Fen;
  discount: Fen;
  total: Fen;
  address: AddressView | null;
  /** Lines that cannot be bought now, with the reason. */
  problems: { skuId: number; reason: string }[];
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
  lines: OrderLineView[];
  subtotal: Fen;
  freight: Fen;
  discount: Fen;
  total: Fen;
  address: Omit<AddressView, 'id' | 'isDefault'>;
  remark: string;
  createdAt: string;
  payDeadline: string;
  paidAt: string | null;
  shipment: ShipmentView | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface OrderCounts {
  pending_payment: number;
  paid: number;
  shipped: number;
}

export interface HealthView {
  status: 'ok' | 'degraded';
  database: { type: 'mysql' | 'sqlite'; up: boolean };
  uptimeSeconds: number;
}
