import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, FlashItemView, flashSlotState } from '@linli/shared';
import { IsNull, Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/error.filter';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { Sku } from '../catalog/entities/sku.entity';
import { FlashItem, FlashReservation, FlashSlot } from './entities/flash.entity';
import { FlashCatalog } from './flash-catalog';
import { CreateFlashItemDto, CreateSlotDto, UpdateFlashItemDto, UpdateSlotDto } from './flash-sale.dto';
import { FlashMessages, FlashSaleError } from './flash-sale.errors';
import { FlashSaleService } from './flash-sale.service';
import { FlashStockGate } from './flash-stock.gate';

export interface AdminSlotView {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  state: ReturnType<typeof flashSlotState>;
  acceptsCoupons: boolean;
  items: FlashItemView[];
}

/** Units per state, from the database's record, beside what Redis holds. */
export interface FlashItemLiveView {
  itemId: number;
  stockTotal: number;
  /** Units not held by a reservation in the database. */
  left: number;
  reserved: number;
  paid: number;
  released: number;
  rejected: number;
  /** Reserved plus paid. */
  sold: number;
  stopped: boolean;
  /** With Redis: units left there and units held by buyers there, and the writer's backlog. */
  redis: { left: number | null; held: number; queued: number; pending: number } | null;
}

/** The operator's side: slots, items, their live numbers, and stopping an item. */
@Injectable()
export class AdminFlashSaleService {
  constructor(
    @InjectRepository(FlashSlot) private readonly slots: Repository<FlashSlot>,
    @InjectRepository(FlashItem) private readonly items: Repository<FlashItem>,
    @InjectRepository(FlashReservation) private readonly reservations: Repository<FlashReservation>,
    private readonly tx: TransactionRunner,
    private readonly catalog: FlashCatalog,
    private readonly gate: FlashStockGate,
    private readonly flash: FlashSaleService,
  ) {}

  async createSlot(dto: CreateSlotDto): Promise<AdminSlotView> {
    this.checkWindow(dto.startsAt, dto.endsAt);
    const { identifiers } = await this.slots.insert(dto);
    return this.slot(Number(identifiers[0].id));
  }

  async updateSlot(id: number, dto: UpdateSlotDto): Promise<AdminSlotView> {
    const slot = await this.requireSlot(id);
    // Coupons may be switched on or off at any time (the next preview and purchase follow); times only before the start.
    const timesChange = dto.title !== undefined || dto.startsAt !== undefined || dto.endsAt !== undefined;
    if (timesChange && flashSlotState(slot) !== 'upcoming') throw new FlashSaleError(ErrorCode.FlashStateInvalid, '场次已开始，不能修改时间');
    this.checkWindow(dto.startsAt ?? slot.startsAt, dto.endsAt ?? slot.endsAt);
    if (Object.values(dto).some((v) => v !== undefined)) await this.slots.update({ id }, dto);
    await this.forgetItemsOf(id);
    return this.slot(id);
  }

  async listSlots(): Promise<AdminSlotView[]> {
    const slots = await this.slots.find({ order: { startsAt: 'DESC' }, take: 100 });
    return Promise.all(slots.map((s) => this.slot(s.id)));
  }

  async slot(id: number): Promise<AdminSlotView> {
    const slot = await this.requireSlot(id);
    const items = await this.items.find({ where: { slotId: id }, order: { id: 'ASC' } });
    const offers = await this.catalog.load(items.map((i) => i.id));
    const left = await this.gate.left(items.map((i) => i.id));
    return {
      id, title: slot.title, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), state: flashSlotState(slot), acceptsCoupons: slot.acceptsCoupons,
      items: offers.map((o) => this.flash.itemView(o, left.get(o.item.id) ?? o.item.stockLeft, 0)),
    };
  }

  async addItem(slotId: number, dto: CreateFlashItemDto): Promise<AdminSlotView> {
    const slot = await this.requireSlot(slotId);
    if (flashSlotState(slot) === 'ended') throw new FlashSaleError(ErrorCode.FlashStateInvalid, '场次已结束');
    const sku = await this.items.manager.getRepository(Sku).findOneBy({ id: dto.skuId, deletedAt: IsNull() });
    if (!sku) throw new FlashSaleError(ErrorCode.SkuNotFound, 'SKU 不存在');
    if (dto.flashPrice > sku.price) throw new FlashSaleError(ErrorCode.FlashInvalid, '秒杀价不能高于售价');
    try {
      await this.items.insert({ slotId, skuId: sku.id, productId: sku.productId, flashPrice: dto.flashPrice, stockTotal: dto.stock, stockLeft: dto.stock, perUserLimit: dto.perUserLimit });
    } catch (err) {
      if (isUniqueViolation(err)) throw new FlashSaleError(ErrorCode.FlashStateInvalid, '该 SKU 已在本场次中');
      throw err;
    }
    return this.slot(slotId);
  }

  /** Price, stock and limit can change until the slot starts; a running sale is only ever stopped. */
  async updateItem(id: number, dto: UpdateFlashItemDto): Promise<AdminSlotView> {
    const item = await this.requireItem(id);
    const slot = await this.requireSlot(item.slotId);
    if (flashSlotState(slot) !== 'upcoming') throw new FlashSaleError(ErrorCode.FlashStateInvalid, '场次已开始，只能停止，不能修改');
    await this.tx.run(async (m) => {
      if (dto.flashPrice !== undefined) {
        const sku = await m.getRepository(Sku).findOneByOrFail({ id: item.skuId });
        if (dto.flashPrice > sku.price) throw new FlashSaleError(ErrorCode.FlashInvalid, '秒杀价不能高于售价');
      }
      const { stock, ...rest } = dto;
      if (Object.keys(rest).length) await m.getRepository(FlashItem).update({ id }, rest);
      if (stock !== undefined) {
        const delta = stock - item.stockTotal;
        const moved = await m.createQueryBuilder().update(FlashItem).set({ stockTotal: stock, stockLeft: () => `stock_left + ${delta}` })
          .where('id = :id AND stock_left + :delta >= 0', { id, delta }).execute();
        if (affectedRows(moved) !== 1) throw new FlashSaleError(ErrorCode.FlashStateInvalid, '库存不能少于已售数量');
      }
    });
    await this.gate.forget(id);
    this.catalog.forget(id);
    return this.slot(item.slotId);
  }

  async stopItem(id: number): Promise<AdminSlotView> {
    const item = await this.requireItem(id);
    await this.items.createQueryBuilder().update(FlashItem).set({ stoppedAt: new Date() }).where('id = :id AND stopped_at IS NULL', { id }).execute();
    this.catalog.forget(id);
    return this.slot(item.slotId);
  }

  async live(id: number): Promise<FlashItemLiveView> {
    const item = await this.requireItem(id);
    const rows = await this.reservations.createQueryBuilder('r').select('r.status', 'status').addSelect('SUM(r.quantity)', 'n')
      .where('r.itemId = :id', { id }).groupBy('r.status').getRawMany<{ status: string; n: string | number }>();
    const units = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    let redis: FlashItemLiveView['redis'] = null;
    if (this.gate.enabled) {
      const [left, held, backlog] = await Promise.all([this.gate.left([id]), this.gate.heldTotal(id), this.gate.streamBacklog()]);
      redis = { left: left.get(id) ?? null, held, queued: backlog.queued, pending: backlog.pending };
    }
    return {
      itemId: id, stockTotal: item.stockTotal, left: item.stockLeft, reserved: units('reserved'), paid: units('paid'), released: units('released'), rejected: units('rejected'),
      sold: units('reserved') + units('paid'), stopped: !!item.stoppedAt, redis,
    };
  }

  private checkWindow(startsAt: Date, endsAt: Date): void {
    if (endsAt.getTime() <= startsAt.getTime()) throw new FlashSaleError(ErrorCode.FlashInvalid, '结束时间必须晚于开始时间');
    if (endsAt.getTime() - startsAt.getTime() > 24 * 3600_000) throw new FlashSaleError(ErrorCode.FlashInvalid, '一个场次最长24小时');
  }

  private async forgetItemsOf(slotId: number): Promise<void> {
    for (const item of await this.items.findBy({ slotId })) this.catalog.forget(item.id);
  }

  private async requireSlot(id: number): Promise<FlashSlot> {
    const slot = await this.slots.findOneBy({ id });
    if (!slot) throw new FlashSaleError(ErrorCode.FlashSlotNotFound, '场次不存在');
    return slot;
  }

  private async requireItem(id: number): Promise<FlashItem> {
    const item = await this.items.findOneBy({ id });
    if (!item) throw new FlashSaleError(ErrorCode.FlashItemNotFound, FlashMessages.itemNotFound);
    return item;
  }
}
