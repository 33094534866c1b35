import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Adjustment, ErrorCode, OrderPreviewView, OrderView, campaignPhase, communityPayDeadline, pickupDateRefusal } from '@linli/shared';
import { EntityManager, In, Repository } from 'typeorm';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { Product } from '../catalog/entities/product.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { Order } from '../orders/entities/order.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderPlacementService } from '../orders/order-placement.service';
import { OrdersService } from '../orders/orders.service';
import { PurchaseQuotaService } from '../orders/purchase-quota';
import { CampaignItemView, CampaignOrderDto, CampaignPreviewDto, CampaignView, CreateCommunityCampaignDto } from './community.dto';
import { CommunityError } from './community.errors';
import { CommunityCampaign, CommunityCampaignItem, CommunityOrder } from './entities/community.entities';

const quotaScope = (itemId: number) => `community:${itemId}`;

export function communityAdjustments(item: Pick<CommunityCampaignItem, 'skuId' | 'price'>): Adjustment[] {
  return [{ kind: 'promotion_price', source: 'community', skuId: item.skuId, unitPrice: item.price, combinable: true, label: '社区团购价' }];
}

/**
 * Community campaigns (社区团购): an operator offers SKUs at a campaign price until the cut-off, for all stores or
 * chosen ones. Shoppers buy for pickup at their store: no address, no freight. The campaign's stock (`sold`) and
 * each shopper's limit move by conditional updates inside the placement transaction; an order placed now must be
 * paid before the cut-off (its pay deadline), so the order sweeper expires unpaid orders at the cut-off.
 */
@Injectable()
export class CampaignsService implements OnModuleInit {
  constructor(
    @InjectRepository(CommunityCampaign) private readonly campaigns: Repository<CommunityCampaign>,
    @InjectRepository(CommunityCampaignItem) private readonly items: Repository<CommunityCampaignItem>,
    @InjectRepository(CommunityOrder) private readonly communityOrders: Repository<CommunityOrder>,
    private readonly placement: OrderPlacementService,
    private readonly orders: OrdersService,
    private readonly quotas: PurchaseQuotaService,
    private readonly lifecycle: OrderLifecycle,
    private readonly tx: TransactionRunner,
  ) {}

  onModuleInit(): void {
    this.lifecycle.on('cancelled', 'community units and quota back', (m, { order }) => this.giveBack(m, order, null));
    this.lifecycle.on('expired', 'community units and quota back', (m, { order }) => this.giveBack(m, order, null));
    this.lifecycle.on('refunded', 'community units and quota back (restocked goods)', async (m, { order, refund }) => {
      if (refund.restock) await this.giveBack(m, order, refund.lines.reduce((n, l) => n + l.quantity, 0));
    });
  }

  async create(dto: CreateCommunityCampaignDto): Promise<CampaignView> {
    const startsAt = new Date(dto.startsAt);
    const cutoffAt = new Date(dto.cutoffAt);
    if (!(cutoffAt > startsAt)) throw new CommunityError(ErrorCode.CampaignInvalid, '截单时间必须晚于开始时间');
    const pickupRefusal = pickupDateRefusal(dto.pickupDate, cutoffAt);
    if (pickupRefusal) throw new CommunityError(ErrorCode.CampaignInvalid, pickupRefusal);
    const skuIds = dto.items.map((i) => i.skuId);
    if (new Set(skuIds).size !== skuIds.length) throw new CommunityError(ErrorCode.CampaignInvalid, '同一规格只能出现一次');
    const skus = await this.campaigns.manager.getRepository(Sku).findBy({ id: In(skuIds) });
    if (skus.length !== skuIds.length) throw new CommunityError(ErrorCode.SkuNotFound);
    if (dto.storeIds?.length) {
      const found = await this.campaigns.manager.getRepository(PickupStore).countBy({ id: In([...new Set(dto.storeIds)]) });
      if (found !== new Set(dto.storeIds).size) throw new CommunityError(ErrorCode.PickupStoreNotFound, '自提点不存在');
    }
    const id = await this.tx.run(async (m) => {
      const { identifiers } = await m.getRepository(CommunityCampaign).insert({
        title: dto.title, startsAt, cutoffAt, pickupDate: dto.pickupDate, storeIds: dto.storeIds?.length ? [...new Set(dto.storeIds)] : null,
        commissionRateBps: dto.commissionRateBps ?? null, couponsAllowed: dto.couponsAllowed ?? false,
      });
      const campaignId = Number(identifiers[0].id);
      await m.getRepository(CommunityCampaignItem).insert(dto.items.map((i) => ({ campaignId, skuId: i.skuId, price: i.price, stock: i.stock, sold: 0, perUserLimit: i.perUserLimit })));
      return campaignId;
    });
    return this.get(id);
  }

  async get(id: number): Promise<CampaignView> {
    const campaign = await this.campaigns.findOneBy({ id });
    if (!campaign) throw new CommunityError(ErrorCode.CampaignNotFound);
    return (await this.views([campaign]))[0];
  }

  async adminList(): Promise<CampaignView[]> {
    return this.views(await this.campaigns.find({ order: { id: 'DESC' }, take: 100 }));
  }

  /** Campaigns selling now (for one store when given). */
  async selling(storeId: number | undefined, now = new Date()): Promise<CampaignView[]> {
    const rows = await this.campaigns.createQueryBuilder('c').where('c.startsAt <= :now AND c.cutoffAt > :now', { now }).orderBy('c.cutoffAt', 'ASC').getMany();
    return this.views(rows.filter((c) => storeId === undefined || offeredAt(c, storeId)));
  }

  /** What 立即抢购 will cost, with the shopper's coupons (usable only when the campaign allows coupons). Takes nothing. */
  async preview(userId: number, dto: CampaignPreviewDto): Promise<OrderPreviewView> {
    const { campaign, item, sku, product } = await this.resolve(this.campaigns.manager, dto, new Date());
    return this.placement.previewWithCoupons(userId, {
      lines: [{ sku, product, quantity: dto.quantity }], adjustments: communityAdjustments(item), fulfilment: 'pickup', address: null,
      kind: 'community', acceptsCoupons: campaign.couponsAllowed,
    }, dto.couponId);
  }

  /** The campaign, item, store and SKU of a purchase, checked; the conditional updates in `order` are the real guards. */
  private async resolve(m: EntityManager, dto: Pick<CampaignOrderDto, 'campaignId' | 'skuId' | 'storeId'>, now: Date) {
    const campaign = await m.getRepository(CommunityCampaign).findOneBy({ id: dto.campaignId });
    if (!campaign) throw new CommunityError(ErrorCode.CampaignNotFound);
    if (campaignPhase(campaign, now) !== 'selling') throw new CommunityError(ErrorCode.CampaignClosed, now >= campaign.cutoffAt ? '活动已截单' : '活动还没开始');
    const item = await m.getRepository(CommunityCampaignItem).findOneBy({ campaignId: campaign.id, skuId: dto.skuId });
    if (!item) throw new CommunityError(ErrorCode.SkuNotFound, '该商品不在活动中');
    const store = await m.getRepository(PickupStore).findOneBy({ id: dto.storeId });
    if (!store || store.state !== 'open' || !offeredAt(campaign, store.id)) throw new CommunityError(ErrorCode.PickupStoreNotFound, '该自提点不参加此活动或已停业');
    const sku = await m.getRepository(Sku).findOneBy({ id: item.skuId });
    const product = sku ? await m.getRepository(Product).findOneBy({ id: sku.productId }) : null;
    if (!sku || !product) throw new CommunityError(ErrorCode.SkuNotFound);
    return { campaign, item, store, sku, product };
  }

  /** Buys one campaign SKU for pickup at a store the campaign offers, before the cut-off. */
  async order(userId: number, dto: CampaignOrderDto): Promise<OrderView> {
    const order = await this.placement.place(userId, dto.requestKey, async (m) => {
      const now = new Date();
      const { campaign, item, store, sku, product } = await this.resolve(m, dto, now);
      if (!(await this.quotas.take(m, quotaScope(item.id), userId, dto.quantity, item.perUserLimit))) {
        throw new CommunityError(ErrorCode.PurchaseLimitExceeded, `该商品每人限购${item.perUserLimit}件`);
      }
      const units = await m.createQueryBuilder().update(CommunityCampaignItem).set({ sold: () => `sold + ${Number(dto.quantity)}` })
        .where('id = :id AND sold + :n <= stock', { id: item.id, n: dto.quantity }).execute();
      if (affectedRows(units) !== 1) throw new CommunityError(ErrorCode.PromotionStockOut, '活动商品已抢光');
      return {
        userId, kind: 'community', requestKey: dto.requestKey, source: `community:${campaign.id}`,
        payDeadline: communityPayDeadline(now, this.placement.payTimeoutMs, campaign.cutoffAt),
        fulfilment: { type: 'pickup', store }, lines: [{ sku, product, quantity: dto.quantity }], adjustments: communityAdjustments(item),
        // Coupons go through the same checkout as other orders; the campaign's flag decides whether any applies.
        couponId: dto.couponId, acceptsCoupons: campaign.couponsAllowed,
        afterInsert: async (tm, orderId) => {
          await tm.getRepository(CommunityOrder).insert({ orderId, campaignId: campaign.id, storeId: store.id, itemId: item.id, batchId: null });
        },
      };
    });
    return this.orders.view(order);
  }

  /** Units and quota of a closed or restocked order go back (all of them, or `quantity`). Once per order: the caller won its transition. */
  private async giveBack(m: EntityManager, order: Order, quantity: number | null): Promise<void> {
    if (order.kind !== 'community') return;
    const link = await m.getRepository(CommunityOrder).findOneBy({ orderId: order.id });
    if (!link) return;
    const units = quantity ?? (await m.query('SELECT COALESCE(SUM(quantity), 0) AS n FROM order_lines WHERE order_id = ?', [order.id]) as { n: number | string }[]).reduce((n, r) => n + Number(r.n), 0);
    if (units <= 0) return;
    await m.createQueryBuilder().update(CommunityCampaignItem).set({ sold: () => `sold - ${Number(units)}` }).where('id = :id', { id: link.itemId }).execute();
    await this.quotas.give(m, quotaScope(link.itemId), order.userId, units);
  }

  private async views(campaigns: CommunityCampaign[]): Promise<CampaignView[]> {
    if (!campaigns.length) return [];
    const items = await this.items.findBy({ campaignId: In(campaigns.map((c) => c.id)) });
    const skus = items.length ? await this.items.manager.getRepository(Sku).find({ where: { id: In(items.map((i) => i.skuId)) }, withDeleted: true }) : [];
    const products = skus.length ? await this.items.manager.getRepository(Product).find({ where: { id: In(skus.map((s) => s.productId)) }, withDeleted: true }) : [];
    const now = new Date();
    return campaigns.map((c) => ({
      id: c.id, title: c.title, startsAt: c.startsAt.toISOString(), cutoffAt: c.cutoffAt.toISOString(), pickupDate: c.pickupDate, phase: campaignPhase(c, now),
      storeIds: c.storeIds, commissionRateBps: c.commissionRateBps, couponsAllowed: c.couponsAllowed,
      items: items.filter((i) => i.campaignId === c.id).map((i): CampaignItemView => {
        const sku = skus.find((s) => s.id === i.skuId);
        const product = products.find((p) => p.id === sku?.productId);
        return {
          itemId: i.id, skuId: i.skuId, productId: product?.id ?? 0, title: product?.title ?? '', cover: product?.cover ?? '', spec: Object.values(sku?.specs ?? {}).join(' '),
          price: i.price, originalPrice: sku?.price ?? i.price, left: Math.max(0, i.stock - i.sold), perUserLimit: i.perUserLimit,
        };
      }),
    }));
  }
}

export function offeredAt(campaign: Pick<CommunityCampaign, 'storeIds'>, storeId: number): boolean {
  return !campaign.storeIds || campaign.storeIds.includes(storeId);
}
