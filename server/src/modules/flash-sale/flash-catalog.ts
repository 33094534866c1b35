import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Product } from '../catalog/entities/product.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { FlashItem, FlashSlot } from './entities/flash.entity';

export interface FlashOffer {
  item: FlashItem;
  slot: FlashSlot;
  sku: Sku;
  product: Product;
}

const TTL_MS = 1000;

/**
 * What the purchase path needs to know about an item (its slot's times, price, limit, stopped), kept in memory for
 * a second so cheap checks cost no database round trip. It never decides stock: Redis or the database does.
 */
@Injectable()
export class FlashCatalog {
  private readonly offers = new Map<number, { offer: FlashOffer | null; at: number }>();
  private readonly loading = new Map<number, Promise<FlashOffer | null>>();
  private readonly soldOutUntil = new Map<number, number>();

  constructor(
    @InjectRepository(FlashItem) private readonly items: Repository<FlashItem>,
    @InjectRepository(FlashSlot) private readonly slots: Repository<FlashSlot>,
  ) {}

  /**
   * The item as of at most a second ago. A stale entry is still answered at once while one refresh runs in the
   * background, so the rush never waits on the database and never sends it a query per request.
   */
  async offer(itemId: number): Promise<FlashOffer | null> {
    const cached = this.offers.get(itemId);
    if (cached) {
      if (Date.now() - cached.at >= TTL_MS) void this.refresh(itemId).catch(() => undefined);
      return cached.offer;
    }
    return this.refresh(itemId);
  }

  /** One load per item at a time; a load that `forget` overtook does not fill the cache. */
  private refresh(itemId: number): Promise<FlashOffer | null> {
    const running = this.loading.get(itemId);
    if (running) return running;
    const pending: Promise<FlashOffer | null> = this.load([itemId]).then(([offer]) => {
      if (this.loading.get(itemId) === pending) {
        this.offers.set(itemId, { offer: offer ?? null, at: Date.now() });
        this.loading.delete(itemId);
      }
      return offer ?? null;
    }, (err: unknown) => {
      if (this.loading.get(itemId) === pending) this.loading.delete(itemId);
      throw err;
    });
    this.loading.set(itemId, pending);
    return pending;
  }

  /** Fresh from the database (the writer and the views use this). */
  async load(itemIds: number[]): Promise<FlashOffer[]> {
    if (!itemIds.length) return [];
    const m = this.items.manager;
    const items = await this.items.findBy({ id: In(itemIds) });
    if (!items.length) return [];
    const [slots, skus] = await Promise.all([
      this.slots.findBy({ id: In([...new Set(items.map((i) => i.slotId))]) }),
      m.getRepository(Sku).findBy({ id: In(items.map((i) => i.skuId)) }),
    ]);
    const products = await m.getRepository(Product).findBy({ id: In([...new Set(items.map((i) => i.productId))]) });
    return items.flatMap((item) => {
      const slot = slots.find((s) => s.id === item.slotId);
      const sku = skus.find((s) => s.id === item.skuId);
      const product = products.find((p) => p.id === item.productId);
      return slot && sku && product ? [{ item, slot, sku, product }] : [];
    });
  }

  forget(itemId: number): void {
    this.offers.delete(itemId);
    this.loading.delete(itemId);
    this.soldOutUntil.delete(itemId);
  }

  /** A sold-out answer is remembered for a second, so the rush after sell-out costs nothing. */
  markSoldOut(itemId: number): void {
    this.soldOutUntil.set(itemId, Date.now() + TTL_MS);
  }

  knownSoldOut(itemId: number): boolean {
    return (this.soldOutUntil.get(itemId) ?? 0) > Date.now();
  }
}
