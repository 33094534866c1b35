import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ErrorCode } from '@linli/shared';
import { In, LessThan, MoreThan, Repository } from 'typeorm';
import { RedisConnections } from '../../common/redis';
import { FlashItem, FlashSlot } from './entities/flash.entity';
import { FlashBatchWriter } from './flash-batch-writer';
import { FlashSaleService } from './flash-sale.service';
import { FLASH_STREAM, FLASH_WRITERS, FlashStockGate, PurchaseTicket } from './flash-stock.gate';

interface QueuedPurchase extends PurchaseTicket {
  streamId: string;
}

/**
 * Purchases written per transaction. A sale's first 1,000 in one batch built and sent statements that held the event
 * loop (which browsing shares) for tens of ms; at 250 the sale's slowest browsing answers halved (docs/benchmarks.md).
 */
const BATCH = 250;
/** A pending entry idle this long belongs to a writer that died: another writer takes it over. */
const CLAIM_IDLE_MS = 5000;

/**
 * Turns queued purchases into orders. Every instance runs one writer in the same consumer group, so each entry
 * goes to one writer; an entry is acknowledged only after its order (or its rejection) is committed. If a writer
 * dies mid-batch, its entries stay pending and another writer (or the same one restarted) claims them. Replays are
 * harmless: the reservation's primary key is the purchase id, and already-written ids are skipped (FlashBatchWriter).
 */
@Injectable()
export class FlashOrderWriter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FlashOrderWriter.name);
  private readonly consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private redis: Redis | null = null;
  private stopping = false;
  private loop: Promise<void> | null = null;

  constructor(
    @InjectRepository(FlashItem) private readonly items: Repository<FlashItem>,
    @InjectRepository(FlashSlot) private readonly slots: Repository<FlashSlot>,
    private readonly connections: RedisConnections,
    private readonly gate: FlashStockGate,
    private readonly flash: FlashSaleService,
    private readonly batches: FlashBatchWriter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.gate.enabled) return;
    this.redis = this.connections.blocking();
    await this.ensureGroup();
    this.loop = this.run();
  }

  /** Creates the stream and its consumer group unless they exist (at start, and after Redis lost them). */
  private async ensureGroup(): Promise<void> {
    await this.redis!.xgroup('CREATE', FLASH_STREAM, FLASH_WRITERS, '0', 'MKSTREAM').catch((err: Error) => {
      if (!err.message.includes('BUSYGROUP')) throw err;
    });
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
        if ((err as Error).message?.includes('NOGROUP')) {
          // Redis was flushed or restarted: purchases queued before are gone (never confirmed); new ones must flow.
          this.logger.warn('flash stream group missing; recreating it');
          await this.ensureGroup().catch(() => undefined);
          continue;
        }
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
    const outcomes = await this.batches.write(entries, true);
    for (const o of outcomes) {
      if (o.confirmed) continue;
      // Redis thought there was stock the database does not have: drop the item so it reloads from the record.
      if (o.code === ErrorCode.FlashSoldOut) await this.gate.forget(o.ticket.itemId);
      else await this.gate.release(o.ticket.itemId, o.ticket.userId, o.ticket.quantity);
    }
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
    const items = await this.items.findBy({ slotId: In(slots.map((s) => s.id)) });
    const left = await this.gate.left(items.map((i) => i.id));
    for (const item of items) if (left.get(item.id) === null) await this.flash.loadIntoRedis(item.id);
  }
}

function parseEntry([streamId, fields]: [string, string[]]): QueuedPurchase {
  const f: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  const couponId = Number(f.c ?? 0);
  return { streamId, purchaseId: f.p, itemId: Number(f.i), userId: Number(f.u), quantity: Number(f.q), addressId: Number(f.a), ...(couponId > 0 ? { couponId } : {}) };
}
