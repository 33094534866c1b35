import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { EntityManager, In, LessThan, MoreThan, Repository } from 'typeorm';
import { RedisConnections } from '../../common/redis';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { toAddressView } from '../addresses/addresses.dto';
import { Address } from '../addresses/entities/address.entity';
import { OrdersService } from '../orders/orders.service';
import { FlashItem, FlashReservation, FlashSlot } from './entities/flash.entity';
import { FlashCatalog } from './flash-catalog';
import { FlashSaleService } from './flash-sale.service';
import { FLASH_STREAM, FLASH_WRITERS, FlashStockGate, PurchaseTicket } from './flash-stock.gate';

interface QueuedPurchase extends PurchaseTicket {
  streamId: string;
}

const BATCH = 500;
/** A pending entry idle this long belongs to a writer that died: another writer takes it over. */
const CLAIM_IDLE_MS = 5000;

/**
 * Turns queued purchases into orders. Every instance runs one writer in the same consumer group, so each entry
 * goes to one writer; an entry is acknowledged only after its order (or its rejection) is committed. If a writer
 * dies mid-batch, its entries stay pending and another writer (or the same one restarted) claims them. Replays are
 * harmless: the reservation's primary key is the purchase id, and already-written ids are skipped.
 */
@Injectable()
export class FlashOrderWriter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FlashOrderWriter.name);
  private readonly consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private redis: Redis | null = null;
  private stopping = false;
  private loop: Promise<void> | null = null;

  constructor(
    @InjectRepository(FlashReservation) private readonly reservations: Repository<FlashReservation>,
    @InjectRepository(FlashSlot) private readonly slots: Repository<FlashSlot>,
    private readonly connections: RedisConnections,
    private readonly gate: FlashStockGate,
    private readonly catalog: FlashCatalog,
    private readonly flash: FlashSaleService,
    private readonly orders: OrdersService,
    private readonly tx: TransactionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.gate.enabled) return;
    this.redis = this.connections.blocking();
    await this.redis.xgroup('CREATE', FLASH_STREAM, FLASH_WRITERS, '0', 'MKSTREAM').catch((err: Error) => {
      if (!err.message.includes('BUSYGROUP')) throw err;
    });
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    let lastHousekeeping = 0;
    while (!this.stopping) {
      try {
        if (Date.now() - lastHousekeeping > 2000) {
          lastHousekeeping = Date.now();
          await this.preloadSoonSlots();
          const stale = await this.claimStale();
          if (stale.length) await this.persist(stale);
        }
        const answer = (await this.redis!.xreadgroup('GROUP', FLASH_WRITERS, this.consumer, 'COUNT', BATCH, 'BLOCK', 200, 'STREAMS', FLASH_STREAM, '>')) as [string, [string, string[]][]][] | null;
        if (answer?.[0]?.[1]?.length) await this.persist(answer[0][1].map(parseEntry));
      } catch (err) {
        if (this.stopping) return;
        this.logger.error({ err }, 'flash writer pass failed; retrying');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** Writes a batch, then acknowledges it. A batch that keeps failing stays pending and is claimed again later. */
  async persist(entries: QueuedPurchase[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.write(entries);
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 20 * attempt));
      }
    }
    const ids = entries.map((e) => e.streamId);
    await this.redis!.multi().xack(FLASH_STREAM, FLASH_WRITERS, ...ids).xdel(FLASH_STREAM, ...ids).exec();
  }

  private async write(entries: QueuedPurchase[]): Promise<void> {
    const unique = [...new Map(entries.map((e) => [e.purchaseId, e])).values()];
    const written = new Set((await this.reservations.find({ select: { id: true }, where: { id: In(unique.map((e) => e.purchaseId)) } })).map((r) => r.id));
    const fresh = unique.filter((e) => !written.has(e.purchaseId));
    if (!fresh.length) return;
    const offers = new Map((await this.catalog.load([...new Set(fresh.map((e) => e.itemId))])).map((o) => [o.item.id, o]));
    const addresses = new Map((await this.reservations.manager.getRepository(Address).findBy({ id: In([...new Set(fresh.map((e) => e.addressId))]) })).map((a) => [a.id, a]));
    const rejected: { entry: QueuedPurchase; reason: string; soldOut: boolean }[] = [];
    const candidates = fresh.filter((e) => {
      const address = addresses.get(e.addressId);
      if (!offers.has(e.itemId)) rejected.push({ entry: e, reason: '秒杀商品不存在', soldOut: false });
      else if (!address || address.userId !== e.userId) rejected.push({ entry: e, reason: '收货地址无效，请重新选择', soldOut: false });
      else return true;
      return false;
    });

    const settled = await this.tx.run(async (m) => {
      const accepted: QueuedPurchase[] = [];
      const refused: QueuedPurchase[] = [];
      for (const itemId of new Set(candidates.map((e) => e.itemId))) {
        const group = candidates.filter((e) => e.itemId === itemId);
        // The database's last guard: one conditional UPDATE for the whole batch, or one per purchase if that fails.
        if (await this.take(m, itemId, group.reduce((n, e) => n + e.quantity, 0))) {
          accepted.push(...group);
          continue;
        }
        for (const e of group) (await this.take(m, itemId, e.quantity) ? accepted : refused).push(e);
      }
      const orderIds = accepted.length ? await this.orders.insertOrders(m, accepted.map((e) => this.flash.newOrder(offers.get(e.itemId)!, e, toAddressView(addresses.get(e.addressId)!)))) : [];
      const failures = [...rejected, ...refused.map((entry) => ({ entry, reason: '手慢了，已抢光', soldOut: true }))];
      await m.getRepository(FlashReservation).insert([
        ...accepted.map((e, i) => ({ id: e.purchaseId, itemId: e.itemId, userId: e.userId, quantity: e.quantity, status: 'reserved' as const, orderId: orderIds[i] })),
        ...failures.map(({ entry: e, reason }) => ({ id: e.purchaseId, itemId: e.itemId, userId: e.userId, quantity: e.quantity, status: 'rejected' as const, orderId: null, reason })),
      ]);
      return failures;
    });
    for (const { entry, soldOut } of settled) {
      // Redis thought there was stock the database does not have: drop the item so it reloads from the record.
      if (soldOut) await this.gate.forget(entry.itemId);
      else await this.gate.release(entry.itemId, entry.userId, entry.quantity);
    }
  }

  private async take(m: EntityManager, itemId: number, quantity: number): Promise<boolean> {
    const result = await m.createQueryBuilder().update(FlashItem).set({ stockLeft: () => `stock_left - ${Number(quantity)}` })
      .where('id = :id AND stock_left >= :n', { id: itemId, n: quantity }).execute();
    return affectedRows(result) === 1;
  }

  private async claimStale(): Promise<QueuedPurchase[]> {
    const [, claimed] = (await this.redis!.xautoclaim(FLASH_STREAM, FLASH_WRITERS, this.consumer, CLAIM_IDLE_MS, '0-0', 'COUNT', BATCH)) as [string, [string, string[] | null][]];
    return claimed.filter(([, fields]) => fields).map(([id, fields]) => parseEntry([id, fields!]));
  }

  /** Items of slots that are live or start within ten minutes are put into Redis before the rush. */
  private async preloadSoonSlots(): Promise<void> {
    const now = Date.now();
    const slots = await this.slots.find({ where: { startsAt: LessThan(new Date(now + 600_000)), endsAt: MoreThan(new Date(now)) } });
    if (!slots.length) return;
    const items = await this.reservations.manager.getRepository(FlashItem).findBy({ slotId: In(slots.map((s) => s.id)) });
    const left = await this.gate.left(items.map((i) => i.id));
    for (const item of items) if (left.get(item.id) === null) await this.flash.loadIntoRedis(item.id);
  }
}

function parseEntry([streamId, fields]: [string, string[]]): QueuedPurchase {
  const f: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  return { streamId, purchaseId: f.p, itemId: Number(f.i), userId: Number(f.u), quantity: Number(f.q), addressId: Number(f.a) };
}
