import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, FULFILMENTS, Fulfilment, ORDER_KINDS, OPEN_REFUND_STATUSES, OrderCounts, OrderEvent, OrderPreviewView, OrderStatus, OrderView, Page, autoCompletes, mergeLines } from '@linli/shared';
import { Logger } from '@nestjs/common';
import { EntityManager, In, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { cappedCount, keysetPage } from '../../common/pagination.dto';
import { TransactionRunner } from '../../database/transaction-runner';
import { AddressesService } from '../addresses/addresses.service';
import { CartService } from '../cart/cart.service';
import { Product } from '../catalog/entities/product.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { OrderEventRecord } from './entities/order-event.entity';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import { Payment } from '../payments/entities/payment.entity';
import { Refund } from '../payments/entities/refund.entity';
import { OrderHooks } from './order-hooks';
import { FulfilmentChoice, OrderPlacementService } from './order-placement.service';
import { OrderStateService } from './order-state.service';
import { PickupStoresService } from './pickup-stores.service';
import { AdminOrderQuery, AdminOrderView, CreateOrderDto, OrderLineDto, OrderListQuery, OrderMoney, toAdminOrderView, toOrderView } from './orders.dto';
import { OrderError } from './orders.errors';

interface ResolvedLine {
  sku: Sku;
  product: Product;
  quantity: number;
}

const DAY_MS = 24 * 3600 * 1000;
const AUTO_COMPLETING = FULFILMENTS.filter(autoCompletes);

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
    private readonly placement: OrderPlacementService,
    private readonly pickupStores: PickupStoresService,
    private readonly cart: CartService,
    private readonly addresses: AddressesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** How long a shopper has to pay a new order. */
  get payTimeoutMs(): number {
    return this.config.orders.payTimeoutSeconds * 1000;
  }

  // ---- checkout ----

  /** The server's own totals for what the shopper is about to buy; prices come from the database only. */
  async preview(userId: number, input: OrderLineDto[], addressId?: number, fulfilment: Fulfilment = 'delivery', pickupStoreId?: number, couponId?: number | null): Promise<OrderPreviewView> {
    // A pickup needs an open store; a delivery preview may come before an address is chosen.
    if (fulfilment === 'pickup') await this.pickupStores.requireOpen(this.orders.manager, pickupStoreId);
    const address = fulfilment === 'delivery' ? await this.addresses.findForCheckout(userId, addressId) : null;
    const { resolved, problems } = await this.resolveLines(this.orders.manager, input);
    const buyable = resolved.filter((r) => !problems.some((p) => p.skuId === r.sku.id));
    const shown = problems.map(({ skuId, reason }) => ({ skuId, reason }));
    if (buyable.length === 0) return { lines: [], subtotal: 0, freight: 0, discount: 0, total: 0, address, fulfilment, problems: shown };
    return this.placement.previewWithCoupons(userId, { lines: buyable, fulfilment, address, problems: shown, kind: 'normal' }, couponId);
  }

  /**
   * Places an ordinary order through the placement service: every line's stock is taken by a conditional UPDATE inside
   * one transaction, so concurrent buyers can never oversell; any failure rolls back everything. With a requestKey,
   * a repeated submit returns the order already placed.
   */
  async create(userId: number, dto: CreateOrderDto): Promise<OrderView> {
    const repeated = await this.placement.findByRequestKey(userId, dto.requestKey);
    if (repeated) return this.view(repeated);
    const fulfilment = await this.fulfilmentFor(userId, dto);
    const order = await this.placement.place(userId, dto.requestKey, async (m) => {
      const { resolved, problems } = await this.resolveLines(m, dto.lines);
      if (problems.length) {
        const offShelf = problems.find((p) => p.code === ErrorCode.ProductOffShelf);
        const first = offShelf ?? problems[0];
        throw new OrderError(first.code, first.reason);
      }
      return {
        userId, kind: 'normal', fulfilment, remark: dto.remark, requestKey: dto.requestKey, source: dto.source, lines: resolved, couponId: dto.couponId,
        afterInsert: async (tm) => {
          if (dto.source === 'cart') await this.cart.removeSkus(tm, userId, resolved.map((r) => r.sku.id));
        },
      };
    });
    return this.view(order);
  }

  /** Delivery needs one of the shopper's addresses; pickup needs an open store and no address. */
  private async fulfilmentFor(userId: number, dto: Pick<CreateOrderDto, 'fulfilment' | 'addressId' | 'pickupStoreId'>): Promise<FulfilmentChoice> {
    if (dto.fulfilment === 'pickup') return { type: 'pickup', store: await this.pickupStores.requireOpen(this.orders.manager, dto.pickupStoreId) };
    const address = dto.addressId ? await this.addresses.findForCheckout(userId, dto.addressId) : null;
    if (!address) throw new OrderError(ErrorCode.AddressNotFound, '收货地址不存在');
    return { type: 'delivery', address };
  }

  // ---- shopper reads and actions ----

  async list(userId: number, query: OrderListQuery): Promise<Page<OrderView>> {
    // A red packet's order is paid like any other but lives in 我的红包, not among the shopper's orders.
    const qb = this.orders.createQueryBuilder('o').where("o.userId = :userId AND o.kind <> 'packet'", { userId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.afterSale) qb.andWhere("o.id IN (SELECT r.order_id FROM refunds r WHERE r.user_id = :userId AND r.source = 'after_sale')", { userId });
    const [{ rows, nextCursor }, total] = await Promise.all([keysetPage(qb, 'o', query), qb.getCount()]);
    return { items: await this.views(rows), total, page: query.page, pageSize: query.pageSize, nextCursor };
  }

  async counts(userId: number): Promise<OrderCounts> {
    const rows = await this.orders
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where("o.userId = :userId AND o.kind <> 'packet'", { userId })
      .groupBy('o.status')
      .getRawMany<{ status: OrderStatus; n: string | number }>();
    const n = (s: OrderStatus) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    const afterSale = await this.refunds
      .createQueryBuilder('r')
      .select('COUNT(DISTINCT r.orderId)', 'n')
      .where("r.userId = :userId AND r.source = 'after_sale' AND r.status IN (:...open)", { userId, open: OPEN_REFUND_STATUSES })
      .getRawOne<{ n: string | number }>();
    return { pending_payment: n(OrderStatus.PendingPayment), grouping: n(OrderStatus.Grouping), paid: n(OrderStatus.Paid), shipped: n(OrderStatus.Shipped), ready_for_pickup: n(OrderStatus.ReadyForPickup), after_sale: Number(afterSale?.n ?? 0) };
  }

  async get(userId: number, id: number): Promise<OrderView> {
    return this.view(await this.requireOwn(userId, id));
  }

  async cancelByShopper(userId: number, id: number, reason?: string): Promise<OrderView> {
    const order = await this.requireOwn(userId, id);
    const done = await this.tx.run((m) => this.cancel(m, order, 'cancel', `shopper:${userId}`, reason || '买家取消'));
    if (!done) throw this.stateError(order.id, '订单当前状态不能取消');
    return this.get(userId, id);
  }

  async confirmReceipt(userId: number, id: number): Promise<OrderView> {
    const order = await this.requireOwn(userId, id);
    const done = await this.tx.run((m) => this.state.apply(m, order, 'confirm_receipt', `shopper:${userId}`, { changes: { completedAt: new Date() } }));
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
    const [{ rows, nextCursor }, { total, totalCapped }] = await Promise.all([keysetPage(qb, 'o', query), cappedCount(qb)]);
    const ids = rows.map((o) => o.id);
    const [lines, money, stores] = await Promise.all([this.linesOf(ids), this.moneyOf(ids), this.pickupStores.byIds(rows.flatMap((o) => o.pickupStoreId ?? []))]);
    return { items: rows.map((o) => toAdminOrderView(o, lines.get(o.id) ?? [], [], money.get(o.id), stores.get(o.pickupStoreId ?? 0))), total, totalCapped, page: query.page, pageSize: query.pageSize, nextCursor };
  }

  async adminGet(id: number): Promise<AdminOrderView> {
    const order = await this.orders.findOneBy({ id });
    if (!order) throw new OrderError(ErrorCode.OrderNotFound, '订单不存在');
    const events = await this.events.find({ where: { orderId: id }, order: { id: 'ASC' } });
    const store = (await this.pickupStores.byIds(order.pickupStoreId ? [order.pickupStoreId] : [])).get(order.pickupStoreId ?? 0);
    return toAdminOrderView(order, (await this.linesOf([id])).get(id) ?? [], events, (await this.moneyOf([id])).get(id), store);
  }

  async ship(id: number, carrier: string, trackingNo: string, adminId: number): Promise<AdminOrderView> {
    const order = await this.orders.findOneBy({ id });
    if (!order) throw new OrderError(ErrorCode.OrderNotFound, '订单不存在');
    // A red packet's order carries no goods: nothing to ship (and nothing to report to WeChat as shipped).
    if (order.kind === 'packet') throw this.stateError(id, '红包订单没有商品可发货');
    const done = await this.tx.run(async (m) => {
      // An open after-sale on some lines holds the shipment until an operator decides it.
      const open = await m.getRepository(Refund).countBy({ orderId: id, status: In(OPEN_REFUND_STATUSES) });
      if (open) throw new OrderError(ErrorCode.RefundInProgress, '订单有未处理的售后申请，请先处理');
      return this.state.apply(m, order, 'ship', `operator:${adminId}`, { changes: { shippedAt: new Date(), carrier, trackingNo }, note: `${carrier} ${trackingNo}` });
    });
    if (!done) throw this.stateError(id, order.fulfilment === 'pickup' ? '自提订单不能发货' : '只有待发货的订单可以发货');
    return this.adminGet(id);
  }

  /**
   * Pickup: the goods wait at the store (operator desk for now; store leaders verify pickups in a later issue).
   * A group order is still `grouping` until its group succeeds, so it cannot be made ready before.
   */
  async markReadyForPickup(id: number, adminId: number): Promise<AdminOrderView> {
    const order = await this.orders.findOneBy({ id });
    if (!order) throw new OrderError(ErrorCode.OrderNotFound, '订单不存在');
    const done = await this.tx.run(async (m) => {
      const open = await m.getRepository(Refund).countBy({ orderId: id, status: In(OPEN_REFUND_STATUSES) });
      if (open) throw new OrderError(ErrorCode.RefundInProgress, '订单有未处理的售后申请，请先处理');
      return this.state.apply(m, order, 'mark_ready', `operator:${adminId}`, { changes: { readyAt: new Date() } });
    });
    if (!done) throw this.stateError(id, '只有待发货的自提订单可以备货待取');
    return this.adminGet(id);
  }

  /** Pickup: the shopper collected the goods; this completes the order (pickups never complete by timer). */
  async markPickedUp(id: number, adminId: number): Promise<AdminOrderView> {
    const order = await this.orders.findOneBy({ id });
    if (!order) throw new OrderError(ErrorCode.OrderNotFound, '订单不存在');
    const done = await this.tx.run((m) => this.state.apply(m, order, 'pick_up', `operator:${adminId}`, { changes: { completedAt: new Date() }, note: '已自提' }));
    if (!done) throw this.stateError(id, '只有待自提的订单可以确认提货');
    return this.adminGet(id);
  }

  /**
   * Marks an unpaid order paid. The payments module calls this from its verified notification, inside its transaction.
   * The kind decides the transition (a group order waits for its group); the promotion hears `paid`.
   */
  async markPaid(m: EntityManager, id: number, paidAt: Date, actor = 'system'): Promise<boolean> {
    const order = await m.getRepository(Order).findOneBy({ id });
    if (!order) return false;
    return this.state.apply(m, order, ORDER_KINDS[order.kind].payEvent, actor, { changes: { paidAt } });
  }

  // ---- sweeps (safe to run in several processes at once) ----

  /** Cancels unpaid orders past their deadline and returns their stock. Returns how many this call cancelled. */
  async expireUnpaid(now = new Date(), batch = 200): Promise<number> {
    const due = await this.orders
      .createQueryBuilder('o')
      .select(['o.id', 'o.status', 'o.kind', 'o.groupId', 'o.userId', 'o.fulfilment'])
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
      if (await this.tx.run((m) => this.cancel(m, order, 'expire', 'system', '超时未支付，订单已自动取消'))) cancelled++;
    }
    return cancelled;
  }

  /** Completes shipped delivery orders the shopper has not confirmed within the configured days (pickups never auto-complete). */
  async autoComplete(now = new Date(), batch = 200): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.orders.autoCompleteDays * DAY_MS);
    const due = await this.orders
      .createQueryBuilder('o')
      .select(['o.id', 'o.status', 'o.fulfilment'])
      .where('o.status = :status AND o.fulfilment IN (:...auto) AND o.shippedAt <= :cutoff', { status: OrderStatus.Shipped, auto: AUTO_COMPLETING, cutoff })
      .take(batch)
      .getMany();
    let completed = 0;
    for (const order of due) {
      if (await this.tx.run((m) => this.state.apply(m, order, 'auto_complete', 'system', { changes: { completedAt: now }, note: '超时自动确认收货' }))) completed++;
    }
    return completed;
  }

  // ---- helpers ----

  /** Cancels (by shopper or by expiry); the lifecycle's handlers give back what the order held (stock, seats, reservations). */
  private cancel(m: EntityManager, order: Order, event: Extract<OrderEvent, 'cancel' | 'expire'>, actor: string, reason: string): Promise<boolean> {
    return this.state.apply(m, order, event, actor, { changes: { cancelledAt: new Date(), cancelReason: reason.slice(0, 100) }, note: reason });
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
    const [lines, money, stores] = await Promise.all([this.linesOf(ids), this.moneyOf(ids), this.pickupStores.byIds(orders.flatMap((o) => o.pickupStoreId ?? []))]);
    return orders.map((o) => toOrderView(o, lines.get(o.id) ?? [], money.get(o.id), stores.get(o.pickupStoreId ?? 0)));
  }
}
