import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { BatchEvent, BatchStatus, ErrorCode, OrderStatus, allocateShortage, batchSourceStatus, campaignPhase, maskName, nextBatchStatus } from '@linli/shared';
import { EntityManager, In, Repository } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import { transition } from '../../database/transition';
import { User } from '../auth/entities/user.entity';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { OrderStateService } from '../orders/order-state.service';
import { RefundsService } from '../payments/refunds.service';
import { BatchView, PickListView, SkuTotalView } from './community.dto';
import { CommunityError } from './community.errors';
import { CommunityBatch, CommunityCampaign, CommunityOrder } from './entities/community.entities';
import { StaffService } from './staff.service';

/** Orders a batch delivers: paid (before arrival) or already waiting / picked up (after). Refunded and cancelled ones drop out. */
const DELIVERED: OrderStatus[] = [OrderStatus.Paid, OrderStatus.ReadyForPickup, OrderStatus.Completed];

/**
 * After a campaign's cut-off its paid orders are batched per store (配货单). A batch moves 待配送 → 配送中 → 已到店
 * by conditional updates; the leader's arrival is the one winner that refunds the short lines (through the refunds
 * machinery, without review) and makes every order 待自提, all in one transaction, so a repeated or parallel arrival
 * changes nothing.
 */
@Injectable()
export class BatchesService {
  private readonly logger = new Logger(BatchesService.name);

  constructor(
    @InjectRepository(CommunityBatch) private readonly batches: Repository<CommunityBatch>,
    @InjectRepository(CommunityCampaign) private readonly campaigns: Repository<CommunityCampaign>,
    @InjectRepository(CommunityOrder) private readonly links: Repository<CommunityOrder>,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderLine) private readonly lines: Repository<OrderLine>,
    @InjectRepository(PickupStore) private readonly stores: Repository<PickupStore>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly state: OrderStateService,
    private readonly refunds: RefundsService,
    private readonly staff: StaffService,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * Batches a closed campaign: one batch per store with paid orders (unique per campaign and store), and every paid,
   * unbatched order of that store joins its batch while the batch is still 待配送. Safe to repeat.
   */
  async batch(campaignId: number, now = new Date()): Promise<BatchView[]> {
    const campaign = await this.campaigns.findOneBy({ id: campaignId });
    if (!campaign) throw new CommunityError(ErrorCode.CampaignNotFound);
    if (campaignPhase(campaign, now) !== 'closed') throw new CommunityError(ErrorCode.CampaignStillSelling);
    const rows = (await this.links.createQueryBuilder('c').innerJoin(Order, 'o', 'o.id = c.order_id')
      .select('DISTINCT c.store_id', 'storeId').where('c.campaign_id = :campaignId AND c.batch_id IS NULL AND o.status = :paid', { campaignId, paid: OrderStatus.Paid })
      .getRawMany()) as { storeId: number }[];
    for (const { storeId } of rows) {
      await this.tx.run(async (m) => {
        await m.createQueryBuilder().insert().into(CommunityBatch).values({ campaignId, storeId: Number(storeId), status: 'pending', shortages: null }).orIgnore().execute();
        const batch = await m.getRepository(CommunityBatch).findOneByOrFail({ campaignId, storeId: Number(storeId) });
        if (batch.status !== 'pending') return;
        await m.createQueryBuilder().update(CommunityOrder).set({ batchId: batch.id })
          .where('campaign_id = :campaignId AND store_id = :storeId AND batch_id IS NULL AND order_id IN (SELECT id FROM orders WHERE status = :paid)', { campaignId, storeId: Number(storeId), paid: OrderStatus.Paid })
          .execute();
      });
    }
    return this.forCampaign(campaignId);
  }

  async forCampaign(campaignId: number): Promise<BatchView[]> {
    if (!(await this.campaigns.existsBy({ id: campaignId }))) throw new CommunityError(ErrorCode.CampaignNotFound);
    const rows = await this.batches.find({ where: { campaignId }, order: { storeId: 'ASC' } });
    return Promise.all(rows.map((b) => this.view(b)));
  }

  async get(id: number): Promise<BatchView> {
    return this.view(await this.require(id));
  }

  /** The warehouse's pick list: SKU totals and the orders with masked buyers (never codes). */
  async pickList(id: number): Promise<PickListView> {
    const batch = await this.require(id);
    const [view, orders] = await Promise.all([this.view(batch), this.ordersOf(batch.id)]);
    const users = orders.length ? await this.users.findBy({ id: In(orders.map((o) => o.order.userId)) }) : [];
    const names = new Map(users.map((u) => [u.id, u.nickname]));
    return {
      ...view,
      orders: orders.map(({ order, lines }) => ({ orderNo: order.orderNo, buyer: maskName(names.get(order.userId) ?? ''), lines: lines.map((l) => ({ skuId: l.skuId, title: l.title, spec: specOf(l), quantity: l.quantity })) })),
    };
  }

  async ship(id: number): Promise<BatchView> {
    await this.require(id);
    if (!(await this.tx.run((m) => this.move(m, id, 'ship', { shippedAt: new Date() })))) {
      throw new CommunityError(ErrorCode.BatchStateInvalid, '只有待配送的配货单可以发出');
    }
    return this.get(id);
  }

  /** The leader's store's batches, newest first. */
  async forLeader(leaderId: number): Promise<BatchView[]> {
    const store = await this.staff.requireLeader(leaderId);
    const rows = await this.batches.find({ where: { storeId: store.id }, order: { id: 'DESC' }, take: 30 });
    return Promise.all(rows.map((b) => this.view(b)));
  }

  /**
   * The leader confirms arrival, noting units short per SKU. One transaction: the batch moves 配送中 → 已到店 (the one
   * winner), the shortage is spread over the latest orders and refunded line by line, and every order that still has
   * goods becomes 待自提. The refunds are sent to WeChat Pay after commit (the payment sweep retries approved ones).
   */
  async arrive(leaderId: number, id: number, shortages: { skuId: number; quantity: number }[]): Promise<BatchView> {
    const store = await this.staff.requireLeader(leaderId);
    const batch = await this.batches.findOneBy({ id, storeId: store.id });
    // Another store's batch is not found.
    if (!batch) throw new CommunityError(ErrorCode.BatchNotFound);
    const merged = mergeShortages(shortages);
    const refundIds = await this.tx.run(async (m) => {
      const now = new Date();
      if (!(await this.move(m, id, 'arrive', { arrivedAt: now, arrivedBy: leaderId, shortages: merged.length ? merged : null }))) {
        throw new CommunityError(ErrorCode.BatchStateInvalid, batch.status === 'arrived' ? '该配货单已确认到货' : '配货单还未发出');
      }
      const links = await m.getRepository(CommunityOrder).findBy({ batchId: id });
      const orders = links.length ? await m.getRepository(Order).find({ where: { id: In(links.map((l) => l.orderId)), status: OrderStatus.Paid }, order: { paidAt: 'ASC', id: 'ASC' } }) : [];
      const lines = orders.length ? await m.getRepository(OrderLine).findBy({ orderId: In(orders.map((o) => o.id)) }) : [];
      const held = orders.flatMap((o) => lines.filter((l) => l.orderId === o.id).map((l) => ({ orderId: o.id, skuId: l.skuId, quantity: l.quantity })));
      for (const s of merged) {
        const total = held.filter((h) => h.skuId === s.skuId).reduce((n, h) => n + h.quantity, 0);
        if (s.quantity > total) throw new CommunityError(ErrorCode.ShortageInvalid, `缺货数量超过配货数量（最多${total}件）`);
      }
      const short = allocateShortage(held, merged);
      const ids: number[] = [];
      for (const order of orders) {
        const mine = short.filter((s) => s.orderId === order.id);
        if (mine.length) ids.push(await this.refunds.createForShortage(m, order, mine.map(({ skuId, quantity }) => ({ skuId, quantity }))));
        const allShort = lines.filter((l) => l.orderId === order.id).every((l) => mine.find((s) => s.skuId === l.skuId)?.quantity === l.quantity);
        if (!allShort) await this.state.apply(m, order, 'mark_ready', `leader:${leaderId}`, { changes: { readyAt: now }, note: '已到店' });
      }
      return ids;
    });
    for (const refundId of refundIds) {
      await this.refunds.submit(refundId).catch((err: Error) => this.logger.warn({ refundId, err: err.message }, 'shortage refund submit failed; the sweep retries'));
    }
    return this.get(id);
  }

  private move(m: EntityManager, id: number, event: BatchEvent, changes: Partial<CommunityBatch>): Promise<boolean> {
    const from = batchSourceStatus(event);
    return transition(m, CommunityBatch, { id }, [from], nextBatchStatus(from, event) as BatchStatus, changes);
  }

  private async require(id: number): Promise<CommunityBatch> {
    const batch = await this.batches.findOneBy({ id });
    if (!batch) throw new CommunityError(ErrorCode.BatchNotFound);
    return batch;
  }

  private async ordersOf(batchId: number): Promise<{ order: Order; lines: OrderLine[] }[]> {
    const links = await this.links.findBy({ batchId });
    if (!links.length) return [];
    const orders = await this.orders.find({ where: { id: In(links.map((l) => l.orderId)), status: In(DELIVERED) }, order: { paidAt: 'ASC', id: 'ASC' } });
    const lines = orders.length ? await this.lines.findBy({ orderId: In(orders.map((o) => o.id)) }) : [];
    return orders.map((order) => ({ order, lines: lines.filter((l) => l.orderId === order.id) }));
  }

  private async view(batch: CommunityBatch): Promise<BatchView> {
    const [campaign, store, orders] = await Promise.all([this.campaigns.findOneByOrFail({ id: batch.campaignId }), this.stores.findOneByOrFail({ id: batch.storeId }), this.ordersOf(batch.id)]);
    const totals = new Map<number, SkuTotalView>();
    for (const l of orders.flatMap((o) => o.lines)) {
      const t = totals.get(l.skuId) ?? { skuId: l.skuId, title: l.title, spec: specOf(l), quantity: 0 };
      t.quantity += l.quantity;
      totals.set(l.skuId, t);
    }
    return {
      id: batch.id, campaignId: campaign.id, campaignTitle: campaign.title, pickupDate: campaign.pickupDate, storeId: store.id, storeName: store.name, status: batch.status,
      orderCount: orders.length, totals: [...totals.values()].sort((a, b) => a.skuId - b.skuId), shortages: batch.shortages,
      shippedAt: batch.shippedAt?.toISOString() ?? null, arrivedAt: batch.arrivedAt?.toISOString() ?? null,
    };
  }
}

function specOf(l: Pick<OrderLine, 'specs'>): string {
  return Object.values(l.specs ?? {}).join(' ');
}

function mergeShortages(list: { skuId: number; quantity: number }[]): { skuId: number; quantity: number }[] {
  const by = new Map<number, number>();
  for (const s of list) by.set(s.skuId, (by.get(s.skuId) ?? 0) + s.quantity);
  return [...by].map(([skuId, quantity]) => ({ skuId, quantity }));
}

/** CSV for the warehouse: SKU totals, then one row per order line (masked buyers). UTF-8 with BOM so Excel reads Chinese. */
export function pickListCsv(p: PickListView): string {
  const cell = (v: string | number) => {
    const s = String(v);
    // Quote always; neutralise formula injection in spreadsheet apps.
    return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  };
  const rows: (string | number)[][] = [['配货单', p.campaignTitle, p.storeName, `自提日 ${p.pickupDate}`], [], ['SKU', '商品', '规格', '数量']];
  for (const t of p.totals) rows.push([t.skuId, t.title, t.spec, t.quantity]);
  rows.push([], ['订单号', '买家', '商品', '规格', '数量']);
  for (const o of p.orders) for (const l of o.lines) rows.push([o.orderNo, o.buyer, l.title, l.spec, l.quantity]);
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A printable page (the browser prints it or saves it as PDF). Every value is escaped. */
export function pickListHtml(p: PickListView): string {
  const e = (v: string | number) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  const totals = p.totals.map((t) => `<tr><td>${e(t.title)}</td><td>${e(t.spec)}</td><td class="n">${t.quantity}</td></tr>`).join('');
  const orders = p.orders.map((o) => `<tr><td>${e(o.orderNo)}</td><td>${e(o.buyer)}</td><td>${o.lines.map((l) => `${e(l.title)} ${e(l.spec)} × ${l.quantity}`).join('<br>')}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>配货单 ${e(p.storeName)}</title>
<style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse;width:100%;margin-bottom:24px}td,th{border:1px solid #999;padding:6px;text-align:left}.n{text-align:right}@media print{button{display:none}}</style></head>
<body><h1>配货单 · ${e(p.storeName)}</h1><p>${e(p.campaignTitle)} · 自提日 ${e(p.pickupDate)} · ${p.orderCount} 单</p>
<table><thead><tr><th>商品</th><th>规格</th><th class="n">数量</th></tr></thead><tbody>${totals}</tbody></table>
<table><thead><tr><th>订单号</th><th>买家</th><th>商品</th></tr></thead><tbody>${orders}</tbody></table>
<button onclick="print()">打印</button></body></html>`;
}
