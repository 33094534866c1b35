import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  AddressView, ErrorCode, FreightRule, OrderKind, OPEN_REFUND_STATUSES, OrderCounts, OrderEvent, OrderLineView, OrderPreviewView, OrderStatus, OrderView, Page, calculatePrice, mergeLines,
} from '@linli/shared';
import { randomInt } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { EntityManager, In, Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/error.filter';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { bulkInsert } from '../../database/bulk-insert';
import { TransactionRunner } from '../../database/transaction-runner';
import { AddressesService } from '../addresses/addresses.service';
import { CartService } from '../cart/cart.service';
import { Product } from '../catalog/entities/product.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { StockService } from '../catalog/stock.service';
import { OrderEventRecord } from './entities/order-event.entity';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import { Payment } from '../payments/entities/payment.entity';
import { Refund } from '../payments/entities/refund.entity';
import { OutboxService } from '../outbox/outbox.service';
import { OrderHooks } from './order-hooks';
import { OrderStateService } from './order-state.service';
import { AdminOrderQuery, AdminOrderView, CreateOrderDto, OrderLineDto, OrderListQuery, OrderMoney, toAdminOrderView, toOrderView } from './orders.dto';
import { OrderError } from './orders.errors';

interface ResolvedLine {
  sku: Sku;
  product: Product;
  quantity: number;
}

export interface NewOrder {
  userId: number;
  kind: OrderKind;
  groupId?: number;
  lines: (ResolvedLine & { unitPrice: number })[];
  address: AddressView;
  remark?: string;
  requestKey?: string;
  /** Where the order came from, kept on its first event. */
  source: string;
  /** Defaults to the configured payment timeout. */
  payDeadline?: Date;
  /** Defaults to the store's freight rule. */
  freight?: FreightRule;
}

const DAY_MS = 24 * 3600 * 1000;

/** A 26-digit order number: time to the second, then 12 random digits. */
export function newOrderNo(now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  // 12 random digits: a flash-sale batch writes thousands of orders in one second, and 8 digits collided there.
  return `${stamp}${p(randomInt(0, 1_000_000), 6)}${p(randomInt(0, 1_000_000), 6)}`;
}

@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderLine) private readonly lines: Repository<OrderLine>,
    @InjectRepository(OrderEventRecord) private readonly events: Repository<OrderEventRecord>,
    @InjectRepository(Payment) private readonly payments: Repository<Payment>,
    @InjectRepository(Refund) private readonly refunds: Repository<Refund>,
    private readonly hooks: OrderHooks,
    private readonly tx: TransactionRunner,
    private readonly state: OrderStateService,
    private readonly stock: StockService,
    private readonly cart: CartService,
    private readonly addresses: AddressesService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** How long a shopper has to pay a new order. */
  get payTimeoutMs(): number {
    return this.config.orders.payTimeoutSeconds * 1000;
  }

  // ---- checkout ----

  /** The server's own totals for what the shopper is about to buy; prices come from the database only. */
  async preview(userId: number, input: OrderLineDto[], addressId?: number): Promise<OrderPreviewView> {
    const address = await this.addresses.findForCheckout(userId, addressId);
    const { resolved, problems } = await this.resolveLines(this.orders.manager, input);
    const buyable = resolved.filter((r) => !problems.some((p) => p.skuId === r.sku.id));
    const shown = problems.map(({ skuId, reason }) => ({ skuId, reason }));
    if (buyable.length === 0) return { lines: [], subtotal: 0, freight: 0, discount: 0, total: 0, address, problems: shown };
    const price = calculatePrice(buyable.map((r) => ({ skuId: r.sku.id, unitPrice: r.sku.price, quantity: r.quantity })), this.config.orders.freight);
    return { lines: buyable.map((r) => this.lineView(r)), subtotal: price.subtotal, freight: price.freight, discount: price.discount, total: price.total, address, problems: shown };
  }

  /**
   * Places an order: every line's stock is taken by a conditional UPDATE inside one transaction,
   * so concurrent buyers can never oversell; any failure rolls back everything. With a requestKey,
   * a repeated submit returns the order already placed.
   */
  async create(userId: number, dto: CreateOrderDto): Promise<OrderView> {
    if (dto.requestKey) {
      const existing = await this.orders.findOneBy({ userId, requestKey: dto.requestKey });
      if (existing) return this.view(existing);
    }
    const address = await this.addresses.findForCheckout(userId, dto.addressId);
    if (!address) throw new OrderError(ErrorCode.AddressNotFound, '收货地址不存在');
    try {
      const orderId = await this.tx.run(async (m) => {
        const { resolved, problems } = await this.resolveLines(m, dto.lines);
        if (problems.length) {
          const offShelf = problems.find((p) => p.code === ErrorCode.ProductOffShelf);
          const first = offShelf ?? problems[0];
          throw new OrderError(first.code, first.reason);
        }
        for (const r of resolved) {
          if (!(await this.stock.take(m, r.sku, r.quantity))) {
            throw new OrderError(ErrorCode.StockInsufficient, `「${r.product.title}」库存不足`);
          }
        }
        const id = await this.insertOrder(m, {
          userId, kind: 'normal', address, remark: dto.remark, requestKey: dto.requestKey, source: dto.source,
          lines: resolved.map((r) => ({ sku: r.sku, product: r.product, quantity: r.quantity, unitPrice: r.sku.price })),
        });
        if (dto.source === 'cart') await this.cart.removeSkus(m, userId, resolved.map((r) => r.sku.id));
        return id;
      });
      return this.view(await this.orders.findOneByOrFail({ id: orderId }));
    } catch (err) {
      // The same requestKey submitted twice at once: the loser returns the winner's order.
      if (dto.requestKey && isUniqueViolation(err)) {
        const existing = await this.orders.findOneBy({ userId, requestKey: dto.requestKey });
        if (existing) return this.view(existing);
      }
      throw err;
    }
  }

  /**
   * Writes a pending-payment order, its lines and its first event inside the caller's transaction.
   * The caller has already taken the stock; unit prices come from the database or a promotion, never a client.
   */
  async insertOrder(m: EntityManager, input: NewOrder): Promise<number> {
    return (await this.insertOrders(m, [input]))[0];
  }

  /** The same for many orders in a few multi-row statements (the flash-sale writer's batches). Ids come back in input order. */
  async insertOrders(m: EntityManager, inputs: NewOrder[]): Promise<number[]> {
    if (!inputs.length) return [];
    const now = new Date();
    const numbers = new Set<string>();
    const rows = inputs.map((input) => {
      const price = calculatePrice(input.lines.map((l) => ({ skuId: l.sku.id, unitPrice: l.unitPrice, quantity: l.quantity })), input.freight ?? this.config.orders.freight);
      return {
        orderNo: uniqueIn(numbers, () => newOrderNo(now)), userId: input.userId, kind: input.kind, groupId: input.groupId ?? null, status: OrderStatus.PendingPayment,
        subtotal: price.subtotal, freight: price.freight, discount: price.discount, total: price.total,
        address: snapshotAddress(input.address), remark: input.remark ?? '', requestKey: input.requestKey ?? null,
        payDeadline: input.payDeadline ?? new Date(now.getTime() + this.config.orders.payTimeoutSeconds * 1000),
      };
    });
    await bulkInsert(m, Order, rows, ['orderNo', 'userId', 'kind', 'groupId', 'status', 'subtotal', 'freight', 'discount', 'total', 'address', 'remark', 'requestKey', 'payDeadline']);
    // Ids by the unique order number: multi-row inserts do not report every id on every driver.
    const found: { id: number; order_no: string }[] = await m.query(`SELECT id, order_no FROM orders WHERE order_no IN (${rows.map(() => '?').join(', ')})`, rows.map((r) => r.orderNo));
    const idByNo = new Map(found.map((f) => [f.order_no, Number(f.id)]));
    const ids = rows.map((r) => idByNo.get(r.orderNo)!);
    await bulkInsert(m, OrderLine, inputs.flatMap((input, i) =>
      input.lines.map((l) => ({ orderId: ids[i], skuId: l.sku.id, productId: l.product.id, title: l.product.title, cover: l.product.cover, specs: l.sku.specs, unitPrice: l.unitPrice, quantity: l.quantity, lineTotal: l.unitPrice * l.quantity })),
    ), ['orderId', 'skuId', 'productId', 'title', 'cover', 'specs', 'unitPrice', 'quantity', 'lineTotal']);
    await bulkInsert(m, OrderEventRecord, inputs.map((input, i) => ({ orderId: ids[i], event: 'create', fromStatus: null, toStatus: OrderStatus.PendingPayment, actor: `shopper:${input.userId}`, note: input.source.slice(0, 200) })),
      ['orderId', 'event', 'fromStatus', 'toStatus', 'actor', 'note']);
    return ids;
  }

  /** The order this shopper already placed with this idempotency key, if any. */
  findByRequestKey(userId: number, requestKey: string | undefined): Promise<Order | null> {
    return requestKey ? this.orders.findOneBy({ userId, requestKey }) : Promise.resolve(null);
  }

  // ---- shopper reads and actions ----

  async list(userId: number, query: OrderListQuery): Promise<Page<OrderView>> {
    const qb = this.orders.createQueryBuilder('o').where('o.userId = :userId', { userId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.afterSale) qb.andWhere("o.id IN (SELECT r.order_id FROM refunds r WHERE r.user_id = :userId AND r.source = 'after_sale')", { userId });
    const [rows, total] = await qb.orderBy('o.id', 'DESC').skip(query.skip).take(query.pageSize).getManyAndCount();
    return { items: await this.views(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async counts(userId: number): Promise<OrderCounts> {
    const rows = await this.orders
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('o.userId = :userId', { userId })
      .groupBy('o.status')
      .getRawMany<{ status: OrderStatus; n: string | number }>();
    const n = (s: OrderStatus) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    const afterSale = await this.refunds
      .createQueryBuilder('r')
      .select('COUNT(DISTINCT r.orderId)', 'n')
      .where("r.userId = :userId AND r.source = 'after_sale' AND r.status IN (:...open)", { userId, open: OPEN_REFUND_STATUSES })
      .getRawOne<{ n: string | number }>();
    return { pending_payment: n(OrderStatus.PendingPayment), grouping: n(OrderStatus.Grouping), paid: n(OrderStatus.Paid), shipped: n(OrderStatus.Shipped), after_sale: Number(afterSale?.n ?? 0) };
  }

  async get(userId: number, id: number): Promise<OrderView> {
    return this.view(await this.requireOwn(userId, id));
  }

  async cancelByShopper(userId: number, id: number, reason?: string): Promise<OrderView> {
    const order = await this.requireOwn(userId, id);
    const done = await this.tx.run((m) => this.cancelWithStock(m, order, 'cancel', `shopper:${userId}`, reason || '买家取消'));
    if (!done) throw this.stateError(order.id, '订单当前状态不能取消');
    return this.get(userId, id);
  }

  async confirmReceipt(userId: number, id: number): Promise<OrderView> {
    const order = await this.requireOwn(userId, id);
    const done = await this.tx.run((m) => this.state.apply(m, order, 'confirm_receipt', `shopper:${userId}`, { completedAt: new Date() }));
    if (!done) throw this.stateError(order.id, '订单当前状态不能确认收货');
    return this.get(userId, id);
  }

  // ---- operator ----

  async adminList(query: AdminOrderQuery): Promise<Page<AdminOrderView>> {
    const qb = this.orders.createQueryBuilder('o');
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.orderNo) qb.andWhere('o.orderNo = :orderNo', { orderNo: query.orderNo });
    if (query.userId) qb.andWhere('o.userId = :userId', { userId: query.userId });
    if (query.createdFrom) qb.andWhere('o.createdAt >= :from', { from: query.createdFrom });
    if (query.createdTo) qb.andWhere('o.createdAt < :to', { to: query.createdTo });
    const [rows, total] = await qb.orderBy('o.id', 'DESC').skip(query.skip).take(query.pageSize).getManyAndCount();
    const ids = rows.map((o) => o.id);
    const [lines, money] = await Promise.all([this.linesOf(ids), this.moneyOf(ids)]);
    return { items: rows.map((o) => toAdminOrderView(o, lines.get(o.id) ?? [], [], money.get(o.id))), total, page: query.page, pageSize: query.pageSize };
  }

  async adminGet(id: number): Promise<AdminOrderView> {
    const order = await this.orders.findOneBy({ id });
    if (!order) throw new OrderError(ErrorCode.OrderNotFound, '订单不存在');
    const events = await this.events.find({ where: { orderId: id }, order: { id: 'ASC' } });
    return toAdminOrderView(order, (await this.linesOf([id])).get(id) ?? [], events, (await this.moneyOf([id])).get(id));
  }

  async ship(id: number, carrier: string, trackingNo: string, adminId: number): Promise<AdminOrderView> {
    const order = await this.orders.findOneBy({ id });
    if (!order) throw new OrderError(ErrorCode.OrderNotFound, '订单不存在');
    const done = await this.tx.run(async (m) => {
      // An open after-sale on some lines holds the shipment until an operator decides it.
      const open = await m.getRepository(Refund).countBy({ orderId: id, status: In(OPEN_REFUND_STATUSES) });
      if (open) throw new OrderError(ErrorCode.RefundInProgress, '订单有未处理的售后申请，请先处理');
      const shipped = await this.state.apply(m, order, 'ship', `operator:${adminId}`, { shippedAt: new Date(), carrier, trackingNo }, `${carrier} ${trackingNo}`);
      // Reported to WeChat after commit, retried until accepted (the payments module handles the topic).
      if (shipped) await this.outbox.enqueue(m, 'wechat.shipping_report', { orderId: id }, `order:${id}`);
      return shipped;
    });
    if (!done) throw this.stateError(id, '只有待发货的订单可以发货');
    return this.adminGet(id);
  }

  /**
   * Marks an unpaid order paid. The payments module calls this from its verified notification, inside its transaction.
   * A promotion's order goes through its handler (a group order waits for its group).
   */
  async markPaid(m: EntityManager, id: number, paidAt: Date, actor = 'system'): Promise<boolean> {
    const order = await m.getRepository(Order).findOneBy({ id });
    if (!order) return false;
    const handler = this.hooks.kindHandler(order.kind);
    if (!(await this.state.apply(m, order, handler?.payEvent ?? 'pay', actor, { paidAt }))) return false;
    await handler?.paid(m, order);
    return true;
  }

  // ---- sweeps (safe to run in several processes at once) ----

  /** Cancels unpaid orders past their deadline and returns their stock. Returns how many this call cancelled. */
  async expireUnpaid(now = new Date(), batch = 200): Promise<number> {
    const due = await this.orders
      .createQueryBuilder('o')
      .select(['o.id', 'o.status', 'o.kind', 'o.groupId', 'o.userId'])
      .where('o.status = :status AND o.payDeadline <= :now', { status: OrderStatus.PendingPayment, now })
      .orderBy('o.payDeadline', 'ASC')
      .take(batch)
      .getMany();
    let cancelled = 0;
    for (const order of due) {
      // The payment provider is asked first: the order may have been paid at the last moment.
      const decision = await this.hooks.beforeExpiry(order.id).catch((err: unknown) => {
        this.logger.warn({ err, orderId: order.id }, 'payment check before expiry failed; will retry');
        return 'unknown' as const;
      });
      if (decision !== 'released') continue;
      if (await this.tx.run((m) => this.cancelWithStock(m, order, 'expire', 'system', '超时未支付，订单已自动取消'))) cancelled++;
    }
    return cancelled;
  }

  /** Completes shipped orders the shopper has not confirmed within the configured days. */
  async autoComplete(now = new Date(), batch = 200): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.orders.autoCompleteDays * DAY_MS);
    const due = await this.orders
      .createQueryBuilder('o')
      .select(['o.id', 'o.status'])
      .where('o.status = :status AND o.shippedAt <= :cutoff', { status: OrderStatus.Shipped, cutoff })
      .take(batch)
      .getMany();
    let completed = 0;
    for (const order of due) {
      if (await this.tx.run((m) => this.state.apply(m, order, 'auto_complete', 'system', { completedAt: now }, '超时自动确认收货'))) completed++;
    }
    return completed;
  }

  // ---- helpers ----

  /** Cancels (by shopper or by expiry) and returns the stock, only if this caller won the transition. */
  private async cancelWithStock(m: EntityManager, order: Order, event: Extract<OrderEvent, 'cancel' | 'expire'>, actor: string, reason: string): Promise<boolean> {
    const won = await this.state.apply(m, order, event, actor, { cancelledAt: new Date(), cancelReason: reason.slice(0, 100) }, reason);
    if (!won) return false;
    const handler = this.hooks.kindHandler(order.kind);
    if (!handler?.ownStock) {
      for (const line of await m.getRepository(OrderLine).findBy({ orderId: order.id })) {
        await this.stock.restore(m, { id: line.skuId, productId: line.productId }, line.quantity);
      }
    }
    await handler?.released(m, order);
    return true;
  }

  private async resolveLines(m: EntityManager, input: OrderLineDto[]): Promise<{ resolved: ResolvedLine[]; problems: { skuId: number; reason: string; code: ErrorCode }[] }> {
    const merged = mergeLines(input);
    const skus = await m.getRepository(Sku).findBy({ id: In(merged.map((l) => l.skuId)) });
    const products = skus.length ? await m.getRepository(Product).findBy({ id: In([...new Set(skus.map((s) => s.productId))]) }) : [];
    const resolved: ResolvedLine[] = [];
    const problems: { skuId: number; reason: string; code: ErrorCode }[] = [];
    for (const line of merged) {
      const sku = skus.find((s) => s.id === line.skuId);
      const product = sku && products.find((p) => p.id === sku.productId);
      if (!sku || !product) {
        problems.push({ skuId: line.skuId, reason: '商品不存在或已失效', code: ErrorCode.SkuNotFound });
        continue;
      }
      resolved.push({ sku, product, quantity: line.quantity });
      if (!product.onShelf) problems.push({ skuId: sku.id, reason: `「${product.title}」已下架`, code: ErrorCode.ProductOffShelf });
      else if (sku.stock < line.quantity) problems.push({ skuId: sku.id, reason: sku.stock === 0 ? `「${product.title}」已售罄` : `「${product.title}」库存仅剩${sku.stock}件`, code: ErrorCode.StockInsufficient });
    }
    return { resolved, problems };
  }

  private lineView(r: ResolvedLine): OrderLineView {
    return { skuId: r.sku.id, productId: r.product.id, title: r.product.title, cover: r.product.cover, specs: r.sku.specs, unitPrice: r.sku.price, quantity: r.quantity, lineTotal: r.sku.price * r.quantity };
  }

  /** Another shopper's order answers exactly like a missing one. */
  private async requireOwn(userId: number, id: number): Promise<Order> {
    const order = await this.orders.findOneBy({ id, userId });
    if (!order) throw new OrderError(ErrorCode.OrderNotFound, '订单不存在');
    return order;
  }

  private stateError(id: number, message: string): OrderError {
    return new OrderError(ErrorCode.OrderStateInvalid, `${message}（订单 ${id}）`);
  }

  private async linesOf(orderIds: number[]): Promise<Map<number, OrderLine[]>> {
    const byOrder = new Map<number, OrderLine[]>();
    if (!orderIds.length) return byOrder;
    for (const line of await this.lines.find({ where: { orderId: In(orderIds) }, order: { id: 'ASC' } })) {
      byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line]);
    }
    return byOrder;
  }

  private async moneyOf(orderIds: number[]): Promise<Map<number, OrderMoney>> {
    const byOrder = new Map<number, OrderMoney>(orderIds.map((id) => [id, { payment: null, refunds: [] }]));
    if (!orderIds.length) return byOrder;
    const [payments, refunds] = await Promise.all([this.payments.findBy({ orderId: In(orderIds) }), this.refunds.findBy({ orderId: In(orderIds) })]);
    for (const p of payments) byOrder.get(p.orderId)!.payment = p;
    for (const r of refunds) byOrder.get(r.orderId)!.refunds.push(r);
    return byOrder;
  }

  async view(order: Order): Promise<OrderView> {
    return (await this.views([order]))[0];
  }

  private async views(orders: Order[]): Promise<OrderView[]> {
    const ids = orders.map((o) => o.id);
    const [lines, money] = await Promise.all([this.linesOf(ids), this.moneyOf(ids)]);
    return orders.map((o) => toOrderView(o, lines.get(o.id) ?? [], money.get(o.id)));
  }
}

/** A fresh value from `make` that is not yet in `taken` (and is added to it). */
function uniqueIn(taken: Set<string>, make: () => string): string {
  let value = make();
  while (taken.has(value)) value = make();
  taken.add(value);
  return value;
}

function snapshotAddress(a: AddressView): Order['address'] {
  return { name: a.name, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail };
}
