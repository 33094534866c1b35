import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, FlashItemView, FlashPreviewRequest, FlashPurchaseRequest, FlashPurchaseView, FlashSlotView, OrderPreviewView, ReservationEvent, flashSlotState, reservationTransition } from '@linli/shared';
import { randomBytes } from 'node:crypto';
import { EntityManager, In, LessThan, MoreThan, Repository } from 'typeorm';
import { LocalRateCounter } from '../../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { transition } from '../../database/transition';
import { AddressesService } from '../addresses/addresses.service';
import { Order } from '../orders/entities/order.entity';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderPlacementService } from '../orders/order-placement.service';
import { FlashItem, FlashReservation, FlashSlot, HELD_STATUSES } from './entities/flash.entity';
import { flashAdjustments } from './flash-batch-writer';
import { FlashCatalog, FlashOffer } from './flash-catalog';
import { FlashDatabaseQueue } from './flash-database-queue';
import { FlashMessages, FlashSaleError } from './flash-sale.errors';
import { FlashStockGate, PurchaseTicket } from './flash-stock.gate';

/**
 * Most answers in a rush are this one, so it is built once: capturing a stack trace per refusal cost a tenth of the
 * sold-out path's CPU. It is never logged (a 4xx), and nothing mutates it.
 */
const SOLD_OUT = Object.freeze(new FlashSaleError(ErrorCode.FlashSoldOut, FlashMessages.soldOut));

/** This process's part of every purchase id, so ids from two instances never meet. */
const INSTANCE_TAG = randomBytes(5).toString('hex');
let purchaseCounter = 0;

/** Unique, short and cheap (no random bytes per purchase); a purchase is only ever read back with its owner's id. */
export function newPurchaseId(): string {
  purchaseCounter = (purchaseCounter + 1) % 0x10000000;
  return `${Date.now().toString(36)}${INSTANCE_TAG}${purchaseCounter.toString(36)}`;
}

/**
 * The shopper side of the flash sale. A purchase passes the cheap checks in memory (slot open, item stopped,
 * sold out a moment ago, over the limit), then reserves atomically: in Redis by one Lua script when REDIS_URL is set
 * (the order is written just after, by the stream writer), otherwise in the database by a group commit
 * (the order is written before the answer). Either way, unpaid reservations return at their short deadline.
 */
@Injectable()
export class FlashSaleService implements OnModuleInit {
  private readonly logger = new Logger(FlashSaleService.name);

  constructor(
    @InjectRepository(FlashSlot) private readonly slots: Repository<FlashSlot>,
    @InjectRepository(FlashItem) private readonly items: Repository<FlashItem>,
    @InjectRepository(FlashReservation) private readonly reservations: Repository<FlashReservation>,
    private readonly catalog: FlashCatalog,
    private readonly gate: FlashStockGate,
    private readonly databaseQueue: FlashDatabaseQueue,
    private readonly lifecycle: OrderLifecycle,
    private readonly placement: OrderPlacementService,
    private readonly addresses: AddressesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private readonly localRates = new LocalRateCounter();

  onModuleInit(): void {
    const flash = (order: Order) => order.kind === 'flash';
    this.lifecycle.on('paid', 'flash reservation paid', async (m, { order }) => {
      if (flash(order)) await this.moveReservation(m, order.id, 'pay');
    });
    this.lifecycle.on('cancelled', 'flash units back', async (m, { order }) => {
      if (flash(order)) await this.giveBack(m, order, 'release');
    });
    this.lifecycle.on('expired', 'flash units back', async (m, { order }) => {
      if (flash(order)) await this.giveBack(m, order, 'release');
    });
    // A refund of goods that never shipped: the units go back to the flash stock (never to the SKU's, which the
    // flash sale did not take) and the reservation stops holding them.
    this.lifecycle.on('refunded', 'flash units back (unshipped)', async (m, { order, refund }) => {
      if (flash(order) && refund.restock) await this.giveBack(m, order, 'refund', refund.lines.reduce((n, l) => n + l.quantity, 0));
    });
  }

  /** The order's flash preview: the server's price for `quantity` of an item, the same the writer will charge. */
  async preview(userId: number, dto: FlashPreviewRequest): Promise<OrderPreviewView> {
    const offer = await this.catalog.offer(dto.itemId);
    if (!offer) throw new FlashSaleError(ErrorCode.FlashItemNotFound, FlashMessages.itemNotFound);
    if (dto.quantity > offer.item.perUserLimit) throw this.limitError(offer.item.perUserLimit);
    const address = await this.addresses.findForCheckout(userId, dto.addressId);
    return this.placement.preview({ lines: [{ sku: offer.sku, product: offer.product, quantity: dto.quantity }], adjustments: flashAdjustments(offer), fulfilment: 'delivery', address });
  }

  // ---- reads ----

  /** Yesterday's, today's and tomorrow's slots with their items; `myCount` for a signed-in viewer. */
  async slotsAround(viewerId: number | null, now = Date.now()): Promise<FlashSlotView[]> {
    const slots = await this.slots.find({ where: { endsAt: MoreThan(new Date(now - 86400_000)), startsAt: LessThan(new Date(now + 2 * 86400_000)) }, order: { startsAt: 'ASC' } });
    const items = slots.length ? await this.items.find({ where: { slotId: In(slots.map((s) => s.id)) }, order: { id: 'ASC' } }) : [];
    const offers = await this.catalog.load(items.map((i) => i.id));
    const ids = offers.map((o) => o.item.id);
    const [left, held] = await Promise.all([this.gate.left(ids), viewerId ? this.heldBy(ids, viewerId) : Promise.resolve(new Map<number, number>())]);
    return slots.map((slot) => ({
      id: slot.id, title: slot.title, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), state: flashSlotState(slot, now),
      items: offers.filter((o) => o.item.slotId === slot.id).map((o) => this.itemView(o, left.get(o.item.id) ?? o.item.stockLeft, held.get(o.item.id) ?? 0)),
    }));
  }

  async purchaseStatus(userId: number, purchaseId: string): Promise<FlashPurchaseView> {
    const found = await this.reservations.findOneBy({ id: purchaseId, userId });
    if (found) {
      return found.status === 'rejected'
        ? { purchaseId, status: 'failed', orderId: null, reason: found.reason }
        : { purchaseId, status: 'confirmed', orderId: found.orderId, reason: null };
    }
    if ((await this.gate.purchaseOwner(purchaseId)) === userId) return { purchaseId, status: 'queued', orderId: null, reason: null };
    throw new FlashSaleError(ErrorCode.FlashPurchaseNotFound, '抢购记录不存在');
  }

  // ---- the purchase path ----

  /**
   * The cheap checks, from memory: the item exists, its slot is open, it is not stopped, the quantity is within
   * the limit, and it was not found sold out a moment ago. They run before the shopper's token is even checked.
   */
  async precheck(req: FlashPurchaseRequest): Promise<FlashOffer> {
    const offer = await this.catalog.offer(req.itemId);
    if (!offer) throw new FlashSaleError(ErrorCode.FlashItemNotFound, FlashMessages.itemNotFound);
    const now = Date.now();
    if (now < offer.slot.startsAt.getTime()) throw new FlashSaleError(ErrorCode.FlashNotStarted, FlashMessages.notStarted);
    if (now >= offer.slot.endsAt.getTime() || offer.item.stoppedAt) throw new FlashSaleError(ErrorCode.FlashEnded, FlashMessages.ended);
    if (req.quantity > offer.item.perUserLimit) throw this.limitError(offer.item.perUserLimit);
    if (this.catalog.knownSoldOut(req.itemId)) throw this.soldOutError();
    return offer;
  }

  /** Reserves after the checks: by the Redis gate (answer `queued`), or by a group-committed transaction (`confirmed`). */
  async reserve(userId: number, req: FlashPurchaseRequest, offer: FlashOffer, ip: string): Promise<FlashPurchaseView> {
    const ticket = { purchaseId: newPurchaseId(), itemId: req.itemId, userId, quantity: req.quantity, addressId: req.addressId };
    return this.gate.enabled ? this.reserveInRedis(ticket, offer, ip) : this.reserveInDatabase(ticket, ip);
  }

  private async reserveInRedis(ticket: PurchaseTicket, offer: FlashOffer, ip: string): Promise<FlashPurchaseView> {
    const rate = { user: this.config.rateLimits.flashUser, ip: this.config.rateLimits.flashIp };
    let answer = await this.gate.purchase(ticket, offer.item.perUserLimit, ip, rate);
    for (let attempt = 0; !answer.ok && answer.reason === 'not_loaded' && attempt < 40; attempt++) {
      await this.loadIntoRedis(offer.item.id);
      answer = await this.gate.purchase(ticket, offer.item.perUserLimit, ip, rate);
    }
    if (answer.ok) return { purchaseId: ticket.purchaseId, status: 'queued', orderId: null, reason: null };
    if (answer.reason === 'sold_out') {
      this.catalog.markSoldOut(ticket.itemId);
      throw this.soldOutError();
    }
    if (answer.reason === 'limit') throw this.limitError(offer.item.perUserLimit);
    if (answer.reason === 'rate_limited') throw this.rateLimitedError();
    throw new FlashSaleError(ErrorCode.ServiceBusy, '系统繁忙，请稍后再试');
  }

  /**
   * Without Redis: the rates are counted per instance (a shared count needs Redis), and the purchase joins the next
   * group commit, which decides it in the database and writes its order before the answer.
   */
  private async reserveInDatabase(ticket: PurchaseTicket, ip: string): Promise<FlashPurchaseView> {
    const over = this.localRates.hit(`u${ticket.userId}`) > this.config.rateLimits.flashUser;
    if (this.localRates.hit(`ip${ip}`) > this.config.rateLimits.flashIp || over) throw this.rateLimitedError();
    const outcome = await this.databaseQueue.submit(ticket);
    if (outcome.confirmed) return { purchaseId: ticket.purchaseId, status: 'confirmed', orderId: outcome.orderId, reason: null };
    if (outcome.code === ErrorCode.FlashSoldOut) this.catalog.markSoldOut(ticket.itemId);
    throw new FlashSaleError(outcome.code, outcome.message);
  }

  /** Puts an item's record from the database into Redis (after a restart or a flush), one loader at a time. */
  async loadIntoRedis(itemId: number): Promise<void> {
    if (!(await this.gate.lockLoad(itemId))) {
      await new Promise((r) => setTimeout(r, 25));
      return;
    }
    const item = await this.items.findOneByOrFail({ id: itemId });
    const held = await this.reservations.createQueryBuilder('r').select('r.userId', 'userId').addSelect('SUM(r.quantity)', 'n')
      .where('r.itemId = :itemId AND r.status IN (:...held)', { itemId, held: HELD_STATUSES }).groupBy('r.userId').getRawMany<{ userId: number; n: string | number }>();
    if (await this.gate.load(itemId, item.stockLeft, new Map(held.map((h) => [Number(h.userId), Number(h.n)])))) {
      this.logger.log({ itemId, left: item.stockLeft, buyers: held.length }, 'flash item loaded into redis');
    }
  }

  // ---- lifecycle handlers (inside the order's transaction) ----

  /**
   * Units of a flash order go back to the flash stock, once: `release` for an unpaid order, `refund` for a paid one
   * refunded before shipping (`quantity` of them; the reservation ends when none are left).
   */
  private async giveBack(m: EntityManager, order: Order, event: 'release' | 'refund', quantity?: number): Promise<void> {
    const reservation = await m.getRepository(FlashReservation).findOneBy({ orderId: order.id });
    if (!reservation) return;
    const units = Math.min(quantity ?? reservation.quantity, reservation.quantity);
    if (units <= 0) return;
    const moved = units === reservation.quantity
      ? await this.moveReservation(m, order.id, event)
      : await transition(m, FlashReservation, { orderId: order.id }, reservationTransition(event).from, 'paid', { quantity: () => `quantity - ${Number(units)}` } as never, `quantity > ${Number(units)}`);
    if (!moved) return;
    await m.createQueryBuilder().update(FlashItem).set({ stockLeft: () => `stock_left + ${Number(units)}` }).where('id = :id', { id: reservation.itemId }).execute();
    // Redis follows the database; if this transaction rolled back after it, the database's guard still holds.
    await this.gate.release(reservation.itemId, reservation.userId, units);
    this.catalog.forget(reservation.itemId);
  }

  private moveReservation(m: EntityManager, orderId: number, event: ReservationEvent): Promise<boolean> {
    const t = reservationTransition(event);
    return transition(m, FlashReservation, { orderId }, t.from, t.to);
  }

  // ---- helpers ----

  private async heldBy(itemIds: number[], userId: number): Promise<Map<number, number>> {
    // No items: `IN ()` is a syntax error on MariaDB (a logged-in shopper's empty flash page answered 500).
    if (!itemIds.length) return new Map();
    if (this.gate.enabled) return this.gate.heldBy(itemIds, userId);
    const rows = await this.reservations.createQueryBuilder('r').select('r.itemId', 'itemId').addSelect('SUM(r.quantity)', 'n')
      .where('r.userId = :userId AND r.itemId IN (:...itemIds) AND r.status IN (:...held)', { userId, itemIds, held: HELD_STATUSES }).groupBy('r.itemId').getRawMany<{ itemId: number; n: string | number }>();
    return new Map(rows.map((r) => [Number(r.itemId), Number(r.n)]));
  }

  itemView(o: FlashOffer, left: number, myCount: number): FlashItemView {
    return {
      id: o.item.id, slotId: o.item.slotId, productId: o.product.id, skuId: o.sku.id, title: o.product.title, cover: o.product.cover, specs: o.sku.specs,
      flashPrice: o.item.flashPrice, originalPrice: o.sku.price, stockTotal: o.item.stockTotal, left: Math.max(0, left), perUserLimit: o.item.perUserLimit, myCount, stopped: !!o.item.stoppedAt,
    };
  }

  private soldOutError(): FlashSaleError {
    return SOLD_OUT;
  }

  private limitError(perUserLimit: number): FlashSaleError {
    return new FlashSaleError(ErrorCode.PurchaseLimitExceeded, FlashMessages.overLimit(perUserLimit));
  }

  private rateLimitedError(): FlashSaleError {
    return new FlashSaleError(ErrorCode.TooManyRequests, '抢购太频繁，请稍后再试');
  }
}
