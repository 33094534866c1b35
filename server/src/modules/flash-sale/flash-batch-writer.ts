import { Inject, Injectable } from '@nestjs/common';
import { Adjustment, AddressView, ErrorCode, flashPriceAdjustments } from '@linli/shared';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { bulkInsert } from '../../database/bulk-insert';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { OrderDraft, OrderPlacementService } from '../orders/order-placement.service';
import { FlashItem, FlashReservation, HELD_STATUSES } from './entities/flash.entity';
import { AllocationRefusal, allocateUnits, heldKey, LockedItem } from './flash-allocation';
import { FlashCatalog, FlashOffer } from './flash-catalog';
import { FlashMessages } from './flash-sale.errors';
import type { PurchaseTicket } from './flash-stock.gate';

/** An offer's price adjustments (see `flashPriceAdjustments`): the writer and the preview both use these. */
export function flashAdjustments(offer: FlashOffer): Adjustment[] {
  return flashPriceAdjustments(offer.sku.id, offer.item.flashPrice, offer.slot.acceptsCoupons);
}

/** What the coupon rules see of a flash order: the flash line at its flash price, under its slot's coupon rule. */
export function flashCouponDraft(offer: FlashOffer, quantity: number) {
  return {
    kind: 'flash' as const, acceptsCoupons: offer.slot.acceptsCoupons, lines: [{ sku: offer.sku, product: offer.product, quantity }],
    adjustments: flashAdjustments(offer), fulfilment: { type: 'delivery' as const, address: null },
  };
}

export type RejectionCode = typeof ErrorCode.FlashSoldOut | typeof ErrorCode.PurchaseLimitExceeded | typeof ErrorCode.FlashItemNotFound | typeof ErrorCode.FlashEnded | typeof ErrorCode.AddressNotFound
  | typeof ErrorCode.CouponNotFound | typeof ErrorCode.CouponUnusable;

export type TicketOutcome =
  | { ticket: PurchaseTicket; confirmed: true; orderId: number }
  | { ticket: PurchaseTicket; confirmed: false; code: RejectionCode; message: string };

/**
 * Decides and writes a batch of purchases in one transaction: the database is the record on both paths.
 * - It locks the batch's item rows first (in id order, so two batches never deadlock), then reads the units left
 *   and what each buyer already holds. Every change to an item's units or holds happens under that row lock, so
 *   what it reads cannot move until it commits.
 * - It allocates in arrival order (allocateUnits): a purchase is confirmed if units are left and the buyer stays
 *   within the limit.
 * - It writes one conditional decrement per item, the orders in a few multi-row statements, and a reservation per
 *   purchase keyed by the purchase id, so a replayed batch changes nothing.
 * - A purchase naming a coupon has it checked against its flash order and locked first (a conditional UPDATE,
 *   `unused → locked`), in coupon id order; a coupon that cannot be locked (used meanwhile by another order,
 *   expired, no longer combinable) fails that purchase with COUPON_UNUSABLE and takes no unit: an order is never
 *   written at a price the shopper did not see. The lock names its order once the order exists, in the same
 *   transaction; a purchase then refused for stock gives its coupon back there too.
 * The database path calls it for every group of waiting requests (group commit); the Redis stream writer calls it
 * for every batch it reads, where it is the last guard behind Redis's decision. Its reads are plain SQL: entity
 * hydration of a few hundred rows per batch cost more CPU than the statements themselves.
 */
@Injectable()
export class FlashBatchWriter {
  constructor(
    private readonly catalog: FlashCatalog,
    private readonly placement: OrderPlacementService,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `fromStream`: the batch came from the Redis stream, so it may be a replay (purchases already written are
   * answered as they were decided then), and refused purchases get a row too, for shoppers polling for them.
   */
  async write(tickets: PurchaseTicket[], fromStream: boolean): Promise<TicketOutcome[]> {
    const unique = fromStream ? [...new Map(tickets.map((t) => [t.purchaseId, t])).values()] : tickets;
    const stored = fromStream ? await this.storedOutcomes(unique) : new Map<string, TicketOutcome>();
    const fresh = unique.filter((t) => !stored.has(t.purchaseId));
    if (!fresh.length) return unique.map((t) => stored.get(t.purchaseId)!);

    const offers = new Map<number, FlashOffer>();
    for (const itemId of new Set(fresh.map((t) => t.itemId))) {
      const offer = await this.catalog.offer(itemId);
      if (offer) offers.set(itemId, offer);
    }
    const addresses = await this.addressesOf(fresh);
    const outcomes = new Map<string, TicketOutcome>();
    const candidates = fresh.filter((t) => {
      const address = addresses.get(t.addressId);
      if (!offers.has(t.itemId)) outcomes.set(t.purchaseId, refused(t, ErrorCode.FlashItemNotFound, FlashMessages.itemNotFound));
      else if (!address || address.userId !== t.userId) outcomes.set(t.purchaseId, refused(t, ErrorCode.AddressNotFound, FlashMessages.addressInvalid));
      else return true;
      return false;
    });

    await this.tx.run(async (m) => {
      // A retried transaction starts again from what the checks outside it decided.
      for (const t of candidates) outcomes.delete(t.purchaseId);
      const coupons = await this.lockCoupons(m, candidates, offers, outcomes);
      const allocating = candidates.filter((t) => !outcomes.has(t.purchaseId));
      const accepted = await this.allocate(m, allocating, offers, outcomes);
      for (const t of allocating) if (coupons.has(t.purchaseId) && outcomes.has(t.purchaseId)) await this.placement.couponLocks.unlock(m, t.couponId!);
      // The flash stock was taken by allocate(); the placement service writes the orders in a few multi-row statements.
      const orderIds = await this.placement.insert(m, accepted.map((t) => this.newOrder(offers.get(t.itemId)!, t, addresses.get(t.addressId)!.view, coupons.get(t.purchaseId))));
      for (const [i, t] of accepted.entries()) if (coupons.has(t.purchaseId)) await this.placement.couponLocks.attach(m, t.couponId!, orderIds[i]);
      accepted.forEach((t, i) => outcomes.set(t.purchaseId, { ticket: t, confirmed: true, orderId: orderIds[i] }));
      const rows = fresh.flatMap((t): Partial<FlashReservation>[] => {
        const o = outcomes.get(t.purchaseId)!;
        if (o.confirmed) return [{ id: t.purchaseId, itemId: t.itemId, userId: t.userId, quantity: t.quantity, status: 'reserved', orderId: o.orderId, reason: null, reasonCode: null }];
        return fromStream ? [{ id: t.purchaseId, itemId: t.itemId, userId: t.userId, quantity: t.quantity, status: 'rejected', orderId: null, reason: o.message.slice(0, 100), reasonCode: o.code }] : [];
      });
      await bulkInsert(m, FlashReservation, rows, ['id', 'itemId', 'userId', 'quantity', 'status', 'orderId', 'reason', 'reasonCode']);
    });
    return unique.map((t) => stored.get(t.purchaseId) ?? outcomes.get(t.purchaseId)!);
  }

  /**
   * Checks each named coupon against its flash order and locks it (no order yet), in coupon id order so two batches
   * never wait on each other's coupons. Refusals go to `outcomes`; the coupon adjustments come back by purchase.
   */
  private async lockCoupons(m: EntityManager, tickets: PurchaseTicket[], offers: Map<number, FlashOffer>, outcomes: Map<string, TicketOutcome>): Promise<Map<string, Adjustment>> {
    const adjustments = new Map<string, Adjustment>();
    const withCoupon = tickets.filter((t) => t.couponId !== undefined).sort((a, b) => a.couponId! - b.couponId!);
    for (const t of withCoupon) {
      const draft = flashCouponDraft(offers.get(t.itemId)!, t.quantity);
      try {
        const coupon = await this.placement.couponAdjustment(m, t.userId, draft, t.couponId!);
        await this.placement.couponLocks.lock(m, t.userId, t.couponId!, null, this.placement.price(draft.lines, [...draft.adjustments, coupon]).discount);
        adjustments.set(t.purchaseId, coupon);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code !== ErrorCode.CouponNotFound && code !== ErrorCode.CouponUnusable) throw err;
        outcomes.set(t.purchaseId, refused(t, code, (err as Error).message || '优惠券不可用'));
      }
    }
    return adjustments;
  }

  /** Locks the items, reads their units and the buyers' holds, allocates, and takes the units. */
  private async allocate(m: EntityManager, tickets: PurchaseTicket[], offers: Map<number, FlashOffer>, outcomes: Map<string, TicketOutcome>): Promise<PurchaseTicket[]> {
    if (!tickets.length) return [];
    const itemIds = [...new Set(tickets.map((t) => t.itemId))].sort((a, b) => a - b);
    const userIds = [...new Set(tickets.map((t) => t.userId))];
    // A write first: it takes the row locks (and on SQLite the database's write lock) before anything is read.
    await m.query(`UPDATE flash_items SET stock_left = stock_left WHERE id IN (${marks(itemIds)})`, itemIds);
    const itemRows: { id: number; stock_left: number; stopped_at: unknown }[] = await m.query(`SELECT id, stock_left, stopped_at FROM flash_items WHERE id IN (${marks(itemIds)})`, itemIds);
    const heldRows: { item_id: number; user_id: number; n: string | number }[] = await m.query(
      `SELECT item_id, user_id, SUM(quantity) AS n FROM flash_reservations WHERE item_id IN (${marks(itemIds)}) AND user_id IN (${marks(userIds)}) AND status IN (${marks(HELD_STATUSES)}) GROUP BY item_id, user_id`,
      [...itemIds, ...userIds, ...HELD_STATUSES],
    );
    const items = new Map(itemRows.map((r): [number, LockedItem] => [Number(r.id), { left: Number(r.stock_left), stopped: r.stopped_at !== null, perUserLimit: offers.get(Number(r.id))!.item.perUserLimit }]));
    const held = new Map(heldRows.map((r) => [heldKey(Number(r.item_id), Number(r.user_id)), Number(r.n)]));

    const allocation = allocateUnits(tickets, items, held);
    for (const { request, code } of allocation.refused) outcomes.set(request.purchaseId, refused(request, code, refusalMessage(code, offers.get(request.itemId)!)));
    for (const [itemId, taken] of allocation.taken) {
      // Cannot miss under the lock; kept as the guard that stock never goes below zero.
      const result = await m.createQueryBuilder().update(FlashItem).set({ stockLeft: () => `stock_left - ${taken}` }).where('id = :itemId AND stock_left >= :taken', { itemId, taken }).execute();
      if (affectedRows(result) !== 1) throw new Error(`flash item ${itemId} lost units under its lock`);
    }
    return allocation.accepted;
  }

  /** The batch's delivery addresses, with their owners (a purchase must name one of the buyer's own). */
  private async addressesOf(tickets: PurchaseTicket[]): Promise<Map<number, { userId: number; view: AddressView }>> {
    const ids = [...new Set(tickets.map((t) => t.addressId))];
    const rows: { id: number; user_id: number; name: string; phone: string; province: string; city: string; district: string; detail: string; is_default: unknown }[] = await this.tx.dataSource.query(
      `SELECT id, user_id, name, phone, province, city, district, detail, is_default FROM addresses WHERE id IN (${marks(ids)})`, ids,
    );
    return new Map(rows.map((r) => [Number(r.id), {
      userId: Number(r.user_id),
      view: { id: Number(r.id), name: r.name, phone: r.phone, province: r.province, city: r.city, district: r.district, detail: r.detail, isDefault: Boolean(Number(r.is_default)) },
    }]));
  }

  /** The order a purchase becomes: the flash price for the flash quantity, free freight, a short deadline. */
  private newOrder(offer: FlashOffer, ticket: PurchaseTicket, address: AddressView, coupon: Adjustment | undefined): OrderDraft {
    return {
      userId: ticket.userId, kind: 'flash', fulfilment: { type: 'delivery', address }, requestKey: `flash-${ticket.purchaseId}`, source: `flash:${offer.item.id}`,
      lines: [{ sku: offer.sku, product: offer.product, quantity: ticket.quantity }], adjustments: [...flashAdjustments(offer), ...(coupon ? [coupon] : [])],
      payDeadline: new Date(Date.now() + this.config.flashSale.payTimeoutSeconds * 1000),
    };
  }

  /** Purchases of this batch written before (a replayed stream entry), with what was decided then. */
  private async storedOutcomes(tickets: PurchaseTicket[]): Promise<Map<string, TicketOutcome>> {
    const ids = tickets.map((t) => t.purchaseId);
    const rows: { id: string; order_id: number | null; reason: string | null; reason_code: string | null }[] = await this.tx.dataSource.query(`SELECT id, order_id, reason, reason_code FROM flash_reservations WHERE id IN (${marks(ids)})`, ids);
    const byId = new Map(tickets.map((t) => [t.purchaseId, t]));
    return new Map(rows.map((r) => {
      const ticket = byId.get(r.id)!;
      const outcome: TicketOutcome = r.order_id !== null ? { ticket, confirmed: true, orderId: Number(r.order_id) } : refused(ticket, (r.reason_code ?? ErrorCode.FlashSoldOut) as RejectionCode, r.reason ?? FlashMessages.soldOut);
      return [r.id, outcome];
    }));
  }
}

function refusalMessage(code: AllocationRefusal, offer: FlashOffer): string {
  if (code === ErrorCode.PurchaseLimitExceeded) return FlashMessages.overLimit(offer.item.perUserLimit);
  return code === ErrorCode.FlashEnded ? FlashMessages.ended : FlashMessages.soldOut;
}

/** `?, ?, ?` for a list of parameters. */
const marks = (values: unknown[]): string => values.map(() => '?').join(', ');

function refused(ticket: PurchaseTicket, code: RejectionCode, message: string): TicketOutcome {
  return { ticket, confirmed: false, code, message };
}
