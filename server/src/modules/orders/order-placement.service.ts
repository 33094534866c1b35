import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Adjustment, AddressView, ErrorCode, Fulfilment, ORDER_KINDS, OrderKind, OrderLineView, OrderPreviewView, OrderStatus, PriceBreakdown, priceOrder, storeFreight } from '@linli/shared';
import { randomInt } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/error.filter';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { bulkInsert } from '../../database/bulk-insert';
import { TransactionRunner } from '../../database/transaction-runner';
import type { Product } from '../catalog/entities/product.entity';
import type { Sku } from '../catalog/entities/sku.entity';
import { StockService } from '../catalog/stock.service';
import { OrderCoupons } from './order-coupons';
import { OrderEventRecord } from './entities/order-event.entity';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import type { PickupStore } from './entities/pickup-store.entity';
import { OrderLifecycle } from './order-lifecycle';
import { OrderError } from './orders.errors';

/**
 * Delivery to an address, or pickup at an open store (no address, no freight). A delivery with a null address has
 * no goods to send (a red packet's order).
 */
export type FulfilmentChoice = { type: 'delivery'; address: AddressView | null } | { type: 'pickup'; store: Pick<PickupStore, 'id' | 'name' | 'address'> };

export interface PlacementLine {
  sku: Pick<Sku, 'id' | 'productId' | 'specs' | 'price'>;
  product: Pick<Product, 'id' | 'title' | 'cover'>;
  quantity: number;
}

/** An order to write. Prices come from the SKUs and the promotion's adjustments, never from a client. */
export interface OrderDraft {
  userId: number;
  kind: OrderKind;
  groupId?: number;
  requestKey?: string;
  /** Where the order came from, kept on its first history row. */
  source: string;
  remark?: string;
  /** Defaults to the configured payment timeout. */
  payDeadline?: Date;
  fulfilment: FulfilmentChoice;
  lines: PlacementLine[];
  /** The promotion's adjustments (activity price, discounts, free shipping); the store's freight rule comes first. */
  adjustments?: Adjustment[];
  /** One of the shopper's coupons: re-checked and locked for the order inside the placement's transaction. */
  couponId?: number;
  /** The campaign accepts coupons (default true). */
  acceptsCoupons?: boolean;
}

/** A draft plus what the promotion must do once the order id exists (a group seat). */
export interface PlacementPlan extends OrderDraft {
  afterInsert?(m: EntityManager, orderId: number): Promise<void>;
}

/** A 26-digit order number: time to the second, then 12 random digits. */
export function newOrderNo(now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  // 12 random digits: a flash-sale batch writes thousands of orders in one second, and 8 digits collided there.
  return `${stamp}${p(randomInt(0, 1_000_000), 6)}${p(randomInt(0, 1_000_000), 6)}`;
}

/**
 * The one way an order is placed, for every kind. `place` handles the idempotency key (UNIQUE(user_id, request_key)),
 * the transaction, the SKU stock (unless the kind keeps its own, see ORDER_KINDS) and the unique-key fallback once;
 * the promotion brings its own checks and its own stock in the plan it builds inside the transaction.
 * `insert` writes already-decided orders in a few multi-row statements (the flash-sale batch writer).
 */
@Injectable()
export class OrderPlacementService {
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly tx: TransactionRunner,
    private readonly stock: StockService,
    private readonly lifecycle: OrderLifecycle,
    private readonly coupons: OrderCoupons,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get payTimeoutMs(): number {
    return this.config.orders.payTimeoutSeconds * 1000;
  }

  /** The pipeline's price for some lines: the store's freight rule, then the promotion's adjustments. */
  price(lines: PlacementLine[], adjustments: Adjustment[] = [], fulfilment: Fulfilment = 'delivery'): PriceBreakdown {
    return priceOrder({
      lines: lines.map((l) => ({ skuId: l.sku.id, basePrice: l.sku.price, quantity: l.quantity })),
      adjustments: [storeFreight(this.config.orders.freight), ...adjustments],
      fulfilment,
    });
  }

  /** What a checkout page shows: the same price the order will be written with. */
  preview(input: { lines: PlacementLine[]; adjustments?: Adjustment[]; fulfilment: Fulfilment; address: AddressView | null; problems?: { skuId: number; reason: string }[] }): OrderPreviewView {
    const price = this.price(input.lines, input.adjustments, input.fulfilment);
    return {
      lines: input.lines.map((l, i) => lineView(l, price.lines[i])), subtotal: price.subtotal, freight: price.freight, discount: price.discount, total: price.total,
      address: input.address, fulfilment: input.fulfilment, problems: input.problems ?? [],
    };
  }

  /**
   * The preview with the shopper's coupons: usable ones with their discount, the others with the reason, and the
   * price with `requested` (undefined: the best one; null: none).
   */
  async previewWithCoupons(
    userId: number, input: Parameters<OrderPlacementService['preview']>[0] & { kind: OrderKind; acceptsCoupons?: boolean }, requested: number | null | undefined,
  ): Promise<OrderPreviewView> {
    const offers = await this.coupons.offers(this.orders.manager, this.couponCheckout(userId, input), requested);
    if (!offers) return this.preview(input);
    const adjustments = [...(input.adjustments ?? []), ...(offers.adjustment ? [offers.adjustment] : [])];
    return { ...this.preview({ ...input, adjustments }), coupons: offers.view };
  }

  /** The order as the coupon rules see it: its lines after promotion prices. */
  private couponCheckout(userId: number, d: { kind: OrderKind; acceptsCoupons?: boolean; lines: PlacementLine[]; adjustments?: Adjustment[]; fulfilment: Fulfilment }) {
    const price = this.price(d.lines, d.adjustments, d.fulfilment);
    return {
      userId, kind: d.kind, acceptsCoupons: d.acceptsCoupons ?? true,
      lines: d.lines.map((l, i) => ({ skuId: l.sku.id, productId: l.product.id, lineTotal: price.lines[i].lineTotal })),
    };
  }

  /**
   * The coupon's adjustment for an order about to be written, checked against that order (scope, threshold, the
   * campaign's and the coupon's combination rules, the pipeline applying it), or a 4xx with the reason.
   */
  async couponAdjustment(m: EntityManager, userId: number, draft: Pick<OrderDraft, 'kind' | 'acceptsCoupons' | 'lines' | 'adjustments' | 'fulfilment'>, couponId: number): Promise<Adjustment> {
    const coupon = await this.coupons.adjustmentFor(m, this.couponCheckout(userId, { ...draft, fulfilment: draft.fulfilment.type }), couponId);
    const applied = this.price(draft.lines, [...(draft.adjustments ?? []), coupon], draft.fulfilment.type).applied.find((a) => a.source === 'coupon');
    if (!applied) throw new OrderError(ErrorCode.CouponUnusable, '该优惠券不能与订单中的优惠同时使用');
    return coupon;
  }

  /** Coupon locks for callers that write orders with `insert` (the flash batch writer); see CouponProvider. */
  get couponLocks(): Pick<OrderCoupons, 'lock' | 'attach' | 'unlock'> {
    return this.coupons;
  }

  findByRequestKey(userId: number, requestKey: string | undefined): Promise<Order | null> {
    return requestKey ? this.orders.findOneBy({ userId, requestKey }) : Promise.resolve(null);
  }

  /**
   * Places one order. `plan` runs inside the transaction: it checks and takes what the promotion holds (seats,
   * quotas, campaign units) and returns the draft. Then the SKU stock is taken by conditional UPDATEs (when the kind
   * uses it), the order is written and `afterInsert` runs; any failure rolls everything back. A repeated key returns
   * the order already placed, also when two submits race (the loser's insert hits the unique key).
   * `onUniqueViolation` turns another unique key the plan relies on into the promotion's own error.
   */
  async place(userId: number, requestKey: string | undefined, plan: (m: EntityManager) => Promise<PlacementPlan>, onUniqueViolation?: () => Error): Promise<Order> {
    const repeated = await this.findByRequestKey(userId, requestKey);
    if (repeated) return repeated;
    try {
      const id = await this.tx.run(async (m) => {
        const { afterInsert, ...draft } = await plan(m);
        if (draft.couponId !== undefined) draft.adjustments = [...(draft.adjustments ?? []), await this.couponAdjustment(m, userId, draft, draft.couponId)];
        if (ORDER_KINDS[draft.kind].stock === 'sku') {
          for (const l of draft.lines) {
            if (!(await this.stock.take(m, l.sku, l.quantity))) throw new OrderError(ErrorCode.StockInsufficient, `「${l.product.title}」库存不足`);
          }
        }
        const [orderId] = await this.insert(m, [draft]);
        if (draft.couponId !== undefined) await this.coupons.lock(m, userId, draft.couponId, orderId, this.price(draft.lines, draft.adjustments, draft.fulfilment.type).discount);
        await afterInsert?.(m, orderId);
        return orderId;
      });
      return await this.orders.findOneByOrFail({ id });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const existing = await this.findByRequestKey(userId, requestKey);
      if (existing) return existing;
      throw onUniqueViolation?.() ?? err;
    }
  }

  /**
   * Writes pending-payment orders, their lines (with each line's net amount) and their first history rows inside the
   * caller's transaction, and announces `created`. Stock is already taken. Ids come back in input order.
   */
  async insert(m: EntityManager, drafts: OrderDraft[]): Promise<number[]> {
    if (!drafts.length) return [];
    const now = new Date();
    const numbers = new Set<string>();
    const priced = drafts.map((d) => this.price(d.lines, d.adjustments, d.fulfilment.type));
    const rows = drafts.map((d, i) => {
      const price = priced[i];
      const delivery = d.fulfilment.type === 'delivery' ? d.fulfilment.address : null;
      return {
        orderNo: uniqueIn(numbers, () => newOrderNo(now)), userId: d.userId, kind: d.kind, groupId: d.groupId ?? null, status: OrderStatus.PendingPayment,
        subtotal: price.subtotal, freight: price.freight, discount: price.discount, total: price.total,
        fulfilment: d.fulfilment.type, address: delivery && snapshotAddress(delivery), pickupStoreId: d.fulfilment.type === 'pickup' ? d.fulfilment.store.id : null,
        remark: d.remark ?? '', requestKey: d.requestKey ?? null, payDeadline: d.payDeadline ?? new Date(now.getTime() + this.payTimeoutMs),
      };
    });
    await bulkInsert(m, Order, rows, ['orderNo', 'userId', 'kind', 'groupId', 'status', 'subtotal', 'freight', 'discount', 'total', 'fulfilment', 'address', 'pickupStoreId', 'remark', 'requestKey', 'payDeadline']);
    // Ids by the unique order number: multi-row inserts do not report every id on every driver.
    const found: { id: number; order_no: string }[] = await m.query(`SELECT id, order_no FROM orders WHERE order_no IN (${rows.map(() => '?').join(', ')})`, rows.map((r) => r.orderNo));
    const idByNo = new Map(found.map((f) => [f.order_no, Number(f.id)]));
    const ids = rows.map((r) => idByNo.get(r.orderNo)!);
    await bulkInsert(m, OrderLine, drafts.flatMap((d, i) => d.lines.map((l, j) => {
      const p = priced[i].lines[j];
      return { orderId: ids[i], skuId: l.sku.id, productId: l.product.id, title: l.product.title, cover: l.product.cover, specs: l.sku.specs, unitPrice: p.unitPrice, quantity: l.quantity, lineTotal: p.lineTotal, netAmount: p.netAmount };
    })), ['orderId', 'skuId', 'productId', 'title', 'cover', 'specs', 'unitPrice', 'quantity', 'lineTotal', 'netAmount']);
    await bulkInsert(m, OrderEventRecord, drafts.map((d, i) => ({ orderId: ids[i], event: 'create', fromStatus: null, toStatus: OrderStatus.PendingPayment, actor: `shopper:${d.userId}`, note: d.source.slice(0, 200) })),
      ['orderId', 'event', 'fromStatus', 'toStatus', 'actor', 'note']);
    if (this.lifecycle.has('created')) {
      for (const [i, d] of drafts.entries()) {
        await this.lifecycle.emit(m, 'created', { order: { id: ids[i], userId: d.userId, kind: d.kind, groupId: d.groupId ?? null, fulfilment: d.fulfilment.type, total: priced[i].total } });
      }
    }
    return ids;
  }
}

export function lineView(l: PlacementLine, price: { unitPrice: number; lineTotal: number; netAmount: number }): OrderLineView {
  return { skuId: l.sku.id, productId: l.product.id, title: l.product.title, cover: l.product.cover, specs: l.sku.specs, unitPrice: price.unitPrice, quantity: l.quantity, lineTotal: price.lineTotal, netAmount: price.netAmount };
}

/** A fresh value from `make` that is not yet in `taken` (and is added to it). */
function uniqueIn(taken: Set<string>, make: () => string): string {
  let value = make();
  while (taken.has(value)) value = make();
  taken.add(value);
  return value;
}

function snapshotAddress(a: AddressView): NonNullable<Order['address']> {
  return { name: a.name, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail };
}
