import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisConnections } from '../../common/redis';

export const FLASH_STREAM = 'fs:stream';
export const FLASH_WRITERS = 'writers';

const stockKey = (itemId: number) => `fs:{${itemId}}:stock`;
const usersKey = (itemId: number) => `fs:{${itemId}}:users`;
const purchaseKey = (purchaseId: string) => `fs:p:${purchaseId}`;

/**
 * One round trip decides a purchase: the rate limits, the stock and the buyer's count are checked and changed
 * together, and the purchase is appended to the stream the order writer reads. Nothing else can run in between.
 */
const PURCHASE = `
local u = redis.call('INCR', KEYS[4])
if u == 1 then redis.call('PEXPIRE', KEYS[4], 61000) end
local ip = redis.call('INCR', KEYS[5])
if ip == 1 then redis.call('PEXPIRE', KEYS[5], 61000) end
if u > tonumber(ARGV[7]) or ip > tonumber(ARGV[8]) then return {-3, 0} end
local stock = redis.call('GET', KEYS[1])
if not stock then return {-9, 0} end
stock = tonumber(stock)
local qty = tonumber(ARGV[2])
if stock < qty then return {-1, stock} end
local used = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if used + qty > tonumber(ARGV[3]) then return {-2, used} end
redis.call('DECRBY', KEYS[1], qty)
redis.call('HINCRBY', KEYS[2], ARGV[1], qty)
redis.call('SET', KEYS[6], ARGV[1], 'EX', 3600)
redis.call('XADD', KEYS[3], '*', 'p', ARGV[4], 'i', ARGV[5], 'u', ARGV[1], 'q', ARGV[2], 'a', ARGV[6], 'c', ARGV[9])
return {1, stock - qty}
`;

/** Gives a reservation back. If the keys are gone (Redis flushed), the next load recomputes them from the database. */
const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('INCRBY', KEYS[1], ARGV[2])
local left = redis.call('HINCRBY', KEYS[2], ARGV[1], -tonumber(ARGV[2]))
if left <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
return 1
`;

/**
 * Puts a loaded item in place, only if it is not loaded already: the buyers' counts were written to a staging hash
 * (in chunks) and are renamed into place together with the units left, so a purchase never sees half a load.
 */
const LOAD = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('DEL', KEYS[3])
  return 0
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('RENAME', KEYS[3], KEYS[2])
  redis.call('PERSIST', KEYS[2])
else
  redis.call('DEL', KEYS[2])
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`;

/** Buyers per HSET while staging a load: ioredis overflows its stack on commands of tens of thousands of arguments. */
const LOAD_CHUNK = 2000;

export type GateAnswer = { ok: true; left: number } | { ok: false; reason: 'sold_out' | 'limit' | 'rate_limited' | 'not_loaded' };

export interface PurchaseTicket {
  purchaseId: string;
  itemId: number;
  userId: number;
  quantity: number;
  addressId: number;
  /** The shopper's coupon for this order, checked again and locked by the writer with the order. */
  couponId?: number;
}

type GateRedis = Redis & {
  flashPurchase(...args: (string | number)[]): Promise<[number, number]>;
  flashRelease(...args: (string | number)[]): Promise<number>;
  flashLoad(...args: (string | number)[]): Promise<number>;
};

/** The Redis side of the flash sale: stock and per-buyer counts, reserved by Lua scripts. */
@Injectable()
export class FlashStockGate {
  private readonly redis: GateRedis | null;

  constructor(connections: RedisConnections) {
    this.redis = connections.client as GateRedis | null;
    this.redis?.defineCommand('flashPurchase', { numberOfKeys: 6, lua: PURCHASE });
    this.redis?.defineCommand('flashRelease', { numberOfKeys: 2, lua: RELEASE });
    this.redis?.defineCommand('flashLoad', { numberOfKeys: 3, lua: LOAD });
  }

  get enabled(): boolean {
    return this.redis !== null;
  }

  async purchase(t: PurchaseTicket, limit: number, ip: string, rate: { user: number; ip: number }): Promise<GateAnswer> {
    const minute = Math.floor(Date.now() / 60_000);
    const [code, value] = await this.redis!.flashPurchase(
      stockKey(t.itemId), usersKey(t.itemId), FLASH_STREAM, `fs:rl:u:${t.userId}:${minute}`, `fs:rl:ip:${ip}:${minute}`, purchaseKey(t.purchaseId),
      t.userId, t.quantity, limit, t.purchaseId, t.itemId, t.addressId, rate.user, rate.ip, t.couponId ?? 0,
    );
    if (code === 1) return { ok: true, left: value };
    return { ok: false, reason: code === -1 ? 'sold_out' : code === -2 ? 'limit' : code === -3 ? 'rate_limited' : 'not_loaded' };
  }

  async release(itemId: number, userId: number, quantity: number): Promise<void> {
    await this.redis?.flashRelease(stockKey(itemId), usersKey(itemId), userId, quantity);
  }

  /** Loads the database's record (units left, units held per buyer); false if another caller loaded it first. */
  async load(itemId: number, left: number, heldByUser: Map<number, number>): Promise<boolean> {
    const staging = `fs:{${itemId}}:users:staging:${randomBytes(4).toString('hex')}`;
    const pairs = [...heldByUser.entries()].flatMap(([user, n]) => [user, n]);
    for (let i = 0; i < pairs.length; i += LOAD_CHUNK * 2) {
      // A loader that dies half-way leaves nothing behind for long.
      await this.redis!.multi().hset(staging, ...pairs.slice(i, i + LOAD_CHUNK * 2)).expire(staging, 60).exec();
    }
    return (await this.redis!.flashLoad(stockKey(itemId), usersKey(itemId), staging, left)) === 1;
  }

  /** A short lock so one caller at a time loads an item. */
  async lockLoad(itemId: number): Promise<boolean> {
    return (await this.redis!.set(`fs:{${itemId}}:loading`, '1', 'PX', 3000, 'NX')) === 'OK';
  }

  async left(itemIds: number[]): Promise<Map<number, number | null>> {
    if (!this.redis || !itemIds.length) return new Map();
    const values = await this.redis.mget(itemIds.map(stockKey));
    return new Map(itemIds.map((id, i) => [id, values[i] === null ? null : Number(values[i])]));
  }

  async heldBy(itemIds: number[], userId: number): Promise<Map<number, number>> {
    if (!this.redis || !itemIds.length) return new Map();
    const values = await Promise.all(itemIds.map((id) => this.redis!.hget(usersKey(id), String(userId))));
    return new Map(itemIds.map((id, i) => [id, Number(values[i] ?? 0)]));
  }

  async heldTotal(itemId: number): Promise<number> {
    const values = await this.redis!.hvals(usersKey(itemId));
    return values.reduce((sum, v) => sum + Number(v), 0);
  }

  /** Whose purchase this id is, while it may still be queued. */
  async purchaseOwner(purchaseId: string): Promise<number | null> {
    const owner = await this.redis?.get(purchaseKey(purchaseId));
    return owner ? Number(owner) : null;
  }

  /** Drops an item's keys so the next purchase reloads it from the database's record. */
  async forget(itemId: number): Promise<void> {
    await this.redis?.del(stockKey(itemId), usersKey(itemId));
  }

  /** Adds units to a loaded item (an operator raising the stock). */
  async add(itemId: number, delta: number): Promise<void> {
    await this.redis?.eval(`if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end return 0`, 1, stockKey(itemId), delta);
  }

  /** Purchases not yet delivered to a writer (lag) and delivered but not acknowledged (pending). */
  async streamBacklog(): Promise<{ queued: number; pending: number }> {
    if (!this.redis) return { queued: 0, pending: 0 };
    const groups = (await this.redis.xinfo('GROUPS', FLASH_STREAM).catch(() => [])) as (string | number)[][];
    const writers = groups.map((g) => Object.fromEntries(g.flatMap((v, i) => (i % 2 === 0 ? [[v, g[i + 1]]] : [])))).find((g) => g.name === FLASH_WRITERS);
    if (!writers) return { queued: await this.redis.xlen(FLASH_STREAM), pending: 0 };
    return { queued: Number(writers.lag ?? 0), pending: Number(writers.pending ?? 0) };
  }

}
