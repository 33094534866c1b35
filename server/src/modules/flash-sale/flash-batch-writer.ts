import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AddressView, ErrorCode } from '@linli/shared';
import { EntityManager, In, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { bulkInsert } from '../../database/bulk-insert';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { toAddressView } from '../addresses/addresses.dto';
import { Address } from '../addresses/entities/address.entity';
import { OrdersService } from '../orders/orders.service';
import { FlashItem, FlashReservation, HELD_STATUSES } from './entities/flash.entity';
import { FlashCatalog, FlashOffer } from './flash-catalog';
import type { PurchaseTicket } from './flash-stock.gate';

/** Flash orders ship free, like the rest of the promotions. */
export const FLASH_FREIGHT = { flatFee: 0, freeThreshold: 0 };

export type RejectionCode = typeof ErrorCode.FlashSoldOut | typeof ErrorCode.PurchaseLimitExceeded | typeof ErrorCode.FlashItemNotFound | typeof ErrorCode.FlashEnded | typeof ErrorCode.AddressNotFound;

export type TicketOutcome =
  | { ticket: PurchaseTicket; confirmed: true; orderId: number }
  | { ticket: PurchaseTicket; confirmed: false; code: RejectionCode; message: string };

/**
 * Decides and writes a batch of purchases in one transaction: the database is the record on both paths.
 * - It locks the batch's item rows first (in id order, so two batches never deadlock), then reads the units left
 *   and what each buyer already holds. Every change to an item's units or holds happens under that row lock, so
 *   what it reads cannot move until it commits.
 * - It allocates in arrival order: a purchase is confirmed if units are left and the buyer stays within the limit.
 * - It writes one conditional decrement per item, the orders in a few multi-row statements, and a reservation per
 *   purchase keyed by the purchase id, so a replayed batch changes nothing.
 * The database path calls it for every group of waiting requests (group commit); the Redis stream writer calls it
 * for every batch it reads, where it is the last guard behind Redis's decision.
 */
@Injectable()
export class FlashBatchWriter {
  constructor(
    @InjectRepository(FlashReservation) private readonly reservations: Repository<FlashReservation>,
    private readonly catalog: FlashCatalog,
    private readonly orders: OrdersService,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `recordRejections`: keep a row for refused purchases too (the stream path, where shoppers poll for them). */
  async write(tickets: PurchaseTicket[], recordRejections: boolean): Promise<TicketOutcome[]> {
    const unique = [...new Map(tickets.map((t) => [t.purchaseId, t])).values()];
    const stored = await this.storedOutcomes(unique);
    const fresh = unique.filter((t) => !stored.has(t.purchaseId));
    if (!fresh.length) return unique.map((t) => stored.get(t.purchaseId)!);

    const offers = new Map<number, FlashOffer>();
    for (const itemId of new Set(fresh.map((t) => t.itemId))) {
      const offer = await this.catalog.offer(itemId);
      if (offer) offers.set(itemId, offer);
    }
    const addresses = new Map((await this.reservations.manager.getRepository(Address).findBy({ id: In([...new Set(fresh.map((t) => t.addressId))]) })).map((a) => [a.id, a]));
    const outcomes = new Map<string, TicketOutcome>();
    const candidates = fresh.filter((t) => {
      const address = addresses.get(t.addressId);
      if (!offers.has(t.itemId)) outcomes.set(t.purchaseId, refused(t, ErrorCode.FlashItemNotFound, '秒杀商品不存在'));
      else if (!address || address.userId !== t.userId) outcomes.set(t.purchaseId, refused(t, ErrorCode.AddressNotFound, '收货地址无效，请重新选择'));
      else return true;
      return false;
    });

    await this.tx.run(async (m) => {
      const accepted = await this.allocate(m, candidates, offers, outcomes);
      const orderIds = await this.orders.insertOrders(m, accepted.map((t) => this.newOrder(offers.get(t.itemId)!, t, toAddressView(addresses.get(t.addressId)!))));
      accepted.forEach((t, i) => outcomes.set(t.purchaseId, { ticket: t, confirmed: true, orderId: orderIds[i] }));
      const rows = fresh.flatMap((t): Partial<FlashReservation>[] => {
        const o = outcomes.get(t.purchaseId)!;
        if (o.confirmed) return [{ id: t.purchaseId, itemId: t.itemId, userId: t.userId, quantity: t.quantity, status: 'reserved', orderId: o.orderId, reason: null }];
        return recordRejections ? [{ id: t.purchaseId, itemId: t.itemId, userId: t.userId, quantity: t.quantity, status: 'rejected', orderId: null, reason: o.message }] : [];
      });
      await bulkInsert(m, FlashReservation, rows, ['id', 'itemId', 'userId', 'quantity', 'status', 'orderId', 'reason']);
    });
    return unique.map((t) => stored.get(t.purchaseId) ?? outcomes.get(t.purchaseId)!);
  }

  /** Locks the items, then confirms purchases in order while units are left and buyers stay within their limit. */
  private async allocate(m: EntityManager, tickets: PurchaseTicket[], offers: Map<number, FlashOffer>, outcomes: Map<string, TicketOutcome>): Promise<PurchaseTicket[]> {
    if (!tickets.length) return [];
    const itemIds = [...new Set(tickets.map((t) => t.itemId))].sort((a, b) => a - b);
    // A write first: it takes the row locks (and on SQLite the database's write lock) before anything is read.
    await m.createQueryBuilder().update(FlashItem).set({ stockLeft: () => 'stock_left' }).where('id IN (:...itemIds)', { itemIds }).execute();
    const items = new Map((await m.getRepository(FlashItem).find({ select: { id: true, stockLeft: true, stoppedAt: true }, where: { id: In(itemIds) } })).map((i) => [i.id, i]));
    const heldRows = await m.getRepository(FlashReservation).createQueryBuilder('r').select('r.itemId', 'itemId').addSelect('r.userId', 'userId').addSelect('SUM(r.quantity)', 'n')
      .where('r.itemId IN (:...itemIds) AND r.userId IN (:...userIds) AND r.status IN (:...held)', { itemIds, userIds: [...new Set(tickets.map((t) => t.userId))], held: HELD_STATUSES })
      .groupBy('r.itemId').addGroupBy('r.userId').getRawMany<{ itemId: number; userId: number; n: string | number }>();
    const held = new Map(heldRows.map((r) => [`${r.itemId}:${r.userId}`, Number(r.n)]));
    const left = new Map([...items.values()].map((i) => [i.id, i.stockLeft]));

    const accepted: PurchaseTicket[] = [];
    for (const t of tickets) {
      const offer = offers.get(t.itemId)!;
      const key = `${t.itemId}:${t.userId}`;
      const mine = held.get(key) ?? 0;
      if (!items.has(t.itemId) || items.get(t.itemId)!.stoppedAt) outcomes.set(t.purchaseId, refused(t, ErrorCode.FlashEnded, '本场秒杀已结束'));
      else if (mine + t.quantity > offer.item.perUserLimit) outcomes.set(t.purchaseId, refused(t, ErrorCode.PurchaseLimitExceeded, `每人限购${offer.item.perUserLimit}件，已达上限`));
      else if (left.get(t.itemId)! < t.quantity) outcomes.set(t.purchaseId, refused(t, ErrorCode.FlashSoldOut, '手慢了，已抢光'));
      else {
        left.set(t.itemId, left.get(t.itemId)! - t.quantity);
        held.set(key, mine + t.quantity);
        accepted.push(t);
      }
    }
    for (const itemId of itemIds) {
      const taken = items.get(itemId)!.stockLeft - left.get(itemId)!;
      if (!taken) continue;
      // Cannot miss under the lock; kept as the guard that stock never goes below zero.
      const result = await m.createQueryBuilder().update(FlashItem).set({ stockLeft: () => `stock_left - ${taken}` }).where('id = :itemId AND stock_left >= :taken', { itemId, taken }).execute();
      if (affectedRows(result) !== 1) throw new Error(`flash item ${itemId} lost units under its lock`);
    }
    return accepted;
  }

  /** The order a purchase becomes: the flash price for the flash quantity, free freight, a short deadline. */
  private newOrder(offer: FlashOffer, ticket: PurchaseTicket, address: AddressView) {
    return {
      userId: ticket.userId, kind: 'flash' as const, address, requestKey: `flash-${ticket.purchaseId}`, source: `flash:${offer.item.id}`,
      lines: [{ sku: offer.sku, product: offer.product, quantity: ticket.quantity, unitPrice: offer.item.flashPrice }],
      payDeadline: new Date(Date.now() + this.config.flashSale.payTimeoutSeconds * 1000), freight: FLASH_FREIGHT,
    };
  }

  /** Purchases of this batch written before (a replayed stream entry), with what was decided then. */
  private async storedOutcomes(tickets: PurchaseTicket[]): Promise<Map<string, TicketOutcome>> {
    const rows = await this.reservations.find({ select: { id: true, status: true, orderId: true, reason: true }, where: { id: In(tickets.map((t) => t.purchaseId)) } });
    const byId = new Map(tickets.map((t) => [t.purchaseId, t]));
    return new Map(rows.map((r) => {
      const ticket = byId.get(r.id)!;
      const outcome: TicketOutcome = r.orderId !== null ? { ticket, confirmed: true, orderId: r.orderId } : refused(ticket, ErrorCode.FlashSoldOut, r.reason ?? '手慢了，已抢光');
      return [r.id, outcome];
    }));
  }
}

function refused(ticket: PurchaseTicket, code: RejectionCode, message: string): TicketOutcome {
  return { ticket, confirmed: false, code, message };
}
