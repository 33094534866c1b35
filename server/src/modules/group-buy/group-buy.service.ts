import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Adjustment, ErrorCode, GroupBuyCampaignState, GroupBuyCampaignView, GroupBuyProductView, GroupStatus, GroupView, OrderPreviewView, OrderView, Page, SeatStatus,
  groupPriceAdjustments, groupSizes, groupUnitPrice, lowestGroupPrice,
} from '@linli/shared';
import { EntityManager, In, IsNull, MoreThan, Not, Repository } from 'typeorm';
import { affectedRows } from '../../database/transaction-runner';
import { AddressesService } from '../addresses/addresses.service';
import { User } from '../auth/entities/user.entity';
import { Product } from '../catalog/entities/product.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { Order } from '../orders/entities/order.entity';
import { FulfilmentChoice, OrderPlacementService } from '../orders/order-placement.service';
import { PickupStoresService } from '../orders/pickup-stores.service';
import { OrdersService } from '../orders/orders.service';
import { PurchaseQuotaService } from '../orders/purchase-quota';
import { GroupBuyCampaign, GroupBuySku } from './entities/group-buy-campaign.entity';
import { Group, GroupMember } from './entities/group.entity';
import { CreateGroupOrderDto, GroupOrderPreviewDto, MyGroupsQuery } from './group-buy.dto';
import { GroupBuyError } from './group-buy.errors';
import { quotaScope } from './group-lifecycle.service';

/** A joiner needs this much of the group's time left to pay. */
const JOIN_MARGIN_MS = 15_000;

interface Purchase {
  campaign: GroupBuyCampaign;
  groupSku: GroupBuySku;
  sku: Sku;
  product: Product;
  /** The group joined, or null when opening one. */
  group: Group | null;
  size: number;
  tierDiscount: number;
  isLeader: boolean;
}

/** A purchase's price adjustments (see `groupPriceAdjustments`). */
function groupAdjustments(p: Pick<Purchase, 'campaign' | 'groupSku' | 'tierDiscount' | 'isLeader'>): Adjustment[] {
  return groupPriceAdjustments(p.groupSku.skuId, { groupPrice: p.groupSku.groupPrice, tierDiscount: p.tierDiscount, leaderDiscount: p.campaign.leaderDiscount, isLeader: p.isLeader });
}

export function campaignState(c: GroupBuyCampaign, now = Date.now()): GroupBuyCampaignState {
  if (c.stoppedAt) return 'stopped';
  if (now < c.startsAt.getTime()) return 'upcoming';
  return now >= c.endsAt.getTime() ? 'ended' : 'active';
}

/** The shopper side of group-buy: what a product offers, a group's page, and placing an order that opens or joins a group. */
@Injectable()
export class GroupBuyService {
  constructor(
    @InjectRepository(GroupBuyCampaign) private readonly campaigns: Repository<GroupBuyCampaign>,
    @InjectRepository(GroupBuySku) private readonly campaignSkus: Repository<GroupBuySku>,
    @InjectRepository(Group) private readonly groups: Repository<Group>,
    @InjectRepository(GroupMember) private readonly members: Repository<GroupMember>,
    private readonly orders: OrdersService,
    private readonly addresses: AddressesService,
    private readonly placement: OrderPlacementService,
    private readonly pickupStores: PickupStoresService,
    private readonly quotas: PurchaseQuotaService,
  ) {}

  // ---- reads ----

  /** The campaign running (or coming next) on a product, and its open groups nearest to full first. */
  async forProduct(productId: number, viewerId: number | null): Promise<GroupBuyProductView> {
    const campaign = await this.campaigns.findOne({ where: { productId, stoppedAt: IsNull(), endsAt: MoreThan(new Date()) }, order: { startsAt: 'ASC' } });
    if (!campaign) return { campaign: null, openGroups: [] };
    const open = await this.groups
      .createQueryBuilder('g')
      .where('g.campaignId = :id AND g.status = :open AND g.seatsTaken < g.size AND g.expiresAt > :soon', { id: campaign.id, open: GroupStatus.Open, soon: new Date(Date.now() + JOIN_MARGIN_MS) })
      .orderBy('g.size - g.seatsTaken', 'ASC')
      .addOrderBy('g.expiresAt', 'ASC')
      .take(10)
      .getMany();
    return { campaign: await this.campaignView(campaign), openGroups: await this.groupViews(open, viewerId) };
  }

  async group(id: number, viewerId: number | null): Promise<GroupView> {
    const group = await this.groups.findOneBy({ id, status: Not(In([GroupStatus.Forming, GroupStatus.Abandoned])) });
    // A group whose leader has not paid does not exist for anyone else yet.
    const visible = group ?? (viewerId ? await this.groups.findOneBy({ id, leaderUserId: viewerId }) : null);
    if (!visible) throw new GroupBuyError(ErrorCode.GroupNotFound, '拼团不存在');
    return (await this.groupViews([visible], viewerId))[0];
  }

  /** 我的拼团: every group the shopper holds or held a seat in (released seats are forgotten). */
  async mine(userId: number, query: MyGroupsQuery): Promise<Page<GroupView>> {
    const qb = this.groups.createQueryBuilder('g')
      .innerJoin(GroupMember, 'm', 'm.groupId = g.id AND m.userId = :userId AND m.status <> :released', { userId, released: SeatStatus.Released });
    if (query.status) qb.andWhere('g.status = :status', { status: query.status });
    const [rows, total] = await qb.orderBy('g.id', 'DESC').skip(query.skip).take(query.pageSize).getManyAndCount();
    return { items: await this.groupViews(rows, userId), total, page: query.page, pageSize: query.pageSize };
  }

  async campaignView(c: GroupBuyCampaign): Promise<GroupBuyCampaignView> {
    const groupSkus = await this.campaignSkus.find({ where: { campaignId: c.id }, order: { groupPrice: 'ASC' } });
    const skus = groupSkus.length ? await this.campaigns.manager.getRepository(Sku).findBy({ id: In(groupSkus.map((s) => s.skuId)), deletedAt: IsNull() }) : [];
    const listed = groupSkus.flatMap((g) => {
      const sku = skus.find((s) => s.id === g.skuId);
      return sku ? [{ skuId: sku.id, specs: sku.specs, price: sku.price, groupPrice: g.groupPrice, stock: Math.min(sku.stock, c.stockLeft) }] : [];
    });
    return {
      id: c.id, productId: c.productId, title: c.title, state: campaignState(c), groupSize: c.groupSize, tiers: c.tiers, leaderDiscount: c.leaderDiscount,
      newCustomerOnly: c.newCustomerOnly, perUserLimit: c.perUserLimit, timeLimitSeconds: c.timeLimitSeconds, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString(),
      stockLeft: c.stockLeft, lowestPrice: listed.length ? lowestGroupPrice(listed.map((s) => s.groupPrice), c.groupSize, c.tiers) : 0, skus: listed,
    };
  }

  // ---- checkout ----

  async preview(userId: number, dto: GroupOrderPreviewDto): Promise<OrderPreviewView> {
    const purchase = await this.resolve(this.campaigns.manager, userId, dto);
    const fulfilment = dto.fulfilment ?? 'delivery';
    // Same rule as normal checkout: a pickup needs an open store; a delivery preview may come before an address.
    if (fulfilment === 'pickup') await this.pickupStores.requireOpen(this.campaigns.manager, dto.pickupStoreId);
    const address = fulfilment === 'delivery' ? await this.addresses.findForCheckout(userId, dto.addressId) : null;
    return this.placement.previewWithCoupons(userId, {
      lines: [{ sku: purchase.sku, product: purchase.product, quantity: dto.quantity }], adjustments: groupAdjustments(purchase), fulfilment, address,
      kind: 'group', acceptsCoupons: purchase.campaign.acceptsCoupons,
    }, dto.couponId);
  }

  /**
   * Places a group order through the placement service. In its transaction: the seat (joining: a conditional UPDATE
   * that can never pass the group's size), the per-user limit and the campaign's units are taken here, the SKU's stock
   * by the placement service, or nothing is. The group opens for others only when the leader pays; a joiner's seat
   * comes back if the order is not paid by its deadline.
   */
  async placeOrder(userId: number, dto: CreateGroupOrderDto): Promise<OrderView> {
    const repeated = await this.placement.findByRequestKey(userId, dto.requestKey);
    if (repeated) return this.orders.view(repeated);
    const fulfilment = await this.fulfilmentFor(userId, dto);
    const order = await this.placement.place(userId, dto.requestKey, async (m) => {
      const p = await this.resolve(m, userId, dto);
      const now = Date.now();
      let groupId: number;
      if (p.group) {
        const seat = await m.createQueryBuilder().update(Group).set({ seatsTaken: () => 'seats_taken + 1' })
          .where('id = :id AND status = :open AND seats_taken < size AND expires_at > :soon', { id: p.group.id, open: GroupStatus.Open, soon: new Date(now + JOIN_MARGIN_MS) })
          .execute();
        if (affectedRows(seat) !== 1) throw new GroupBuyError(ErrorCode.GroupFull, '手慢了，这个团已满员，换个团或自己开团吧');
        groupId = p.group.id;
      } else {
        const { identifiers } = await m.getRepository(Group).insert({
          campaignId: p.campaign.id, productId: p.product.id, leaderUserId: userId, status: GroupStatus.Forming, size: p.size, tierDiscount: p.tierDiscount, seatsTaken: 1, paidCount: 0,
        });
        groupId = Number(identifiers[0].id);
      }
      if (!(await this.quotas.take(m, quotaScope(p.campaign.id), userId, dto.quantity, p.campaign.perUserLimit))) {
        throw new GroupBuyError(ErrorCode.PurchaseLimitExceeded, `该拼团每人限购${p.campaign.perUserLimit}件`);
      }
      const units = await m.createQueryBuilder().update(GroupBuyCampaign).set({ stockLeft: () => `stock_left - ${Number(dto.quantity)}` })
        .where('id = :id AND stock_left >= :n', { id: p.campaign.id, n: dto.quantity }).execute();
      if (affectedRows(units) !== 1) throw new GroupBuyError(ErrorCode.PromotionStockOut, '拼团商品已抢光');
      const payDeadline = p.group?.expiresAt ? new Date(Math.min(now + this.placement.payTimeoutMs, p.group.expiresAt.getTime())) : undefined;
      return {
        userId, kind: 'group', groupId, fulfilment, remark: dto.remark, requestKey: dto.requestKey,
        source: p.group ? `join_group:${groupId}` : `open_group:${groupId}`, payDeadline,
        lines: [{ sku: p.sku, product: p.product, quantity: dto.quantity }], adjustments: groupAdjustments(p), couponId: dto.couponId, acceptsCoupons: p.campaign.acceptsCoupons,
        afterInsert: async (tm, orderId) => {
          await tm.getRepository(GroupMember).insert({ groupId, userId, orderId, isLeader: !p.group, status: SeatStatus.Reserved, seatHolder: userId, quantity: dto.quantity });
        },
      };
    // The seat index (group, holder): this shopper already holds a seat in the group.
    }, () => new GroupBuyError(ErrorCode.GroupAlreadyJoined, '你已经在这个团里了'));
    return this.orders.view(order);
  }

  /** Delivery to one of the shopper's addresses, or pickup at an open store (no address, no freight), as at normal checkout. */
  private async fulfilmentFor(userId: number, dto: CreateGroupOrderDto): Promise<FulfilmentChoice> {
    if (dto.fulfilment === 'pickup') return { type: 'pickup', store: await this.pickupStores.requireOpen(this.campaigns.manager, dto.pickupStoreId) };
    const address = dto.addressId ? await this.addresses.findForCheckout(userId, dto.addressId) : null;
    if (!address) throw new GroupBuyError(ErrorCode.AddressNotFound, '收货地址不存在');
    return { type: 'delivery', address };
  }

  /** Checks everything that can be checked before taking anything; the conditional UPDATEs are the real guards. */
  private async resolve(m: EntityManager, userId: number, dto: GroupOrderPreviewDto): Promise<Purchase> {
    const campaign = await m.getRepository(GroupBuyCampaign).findOneBy({ id: dto.campaignId });
    if (!campaign) throw new GroupBuyError(ErrorCode.GroupBuyNotFound, '拼团活动不存在');
    const groupSku = await m.getRepository(GroupBuySku).findOneBy({ campaignId: campaign.id, skuId: dto.skuId });
    const sku = groupSku ? await m.getRepository(Sku).findOneBy({ id: dto.skuId, deletedAt: IsNull() }) : null;
    const product = sku ? await m.getRepository(Product).findOneBy({ id: sku.productId }) : null;
    if (!groupSku || !sku || !product) throw new GroupBuyError(ErrorCode.SkuNotFound, '该规格不参与拼团');
    if (!product.onShelf) throw new GroupBuyError(ErrorCode.ProductOffShelf, `「${product.title}」已下架`);
    if (dto.quantity > campaign.perUserLimit) throw new GroupBuyError(ErrorCode.PurchaseLimitExceeded, `该拼团每人限购${campaign.perUserLimit}件`);

    if (dto.groupId === undefined) {
      const state = campaignState(campaign);
      if (state !== 'active') throw new GroupBuyError(ErrorCode.GroupBuyNotActive, state === 'upcoming' ? '拼团活动尚未开始' : '拼团活动已结束');
      const tier = groupSizes(campaign.groupSize, campaign.tiers).find((t) => t.size === (dto.groupSize ?? campaign.groupSize));
      if (!tier) throw new GroupBuyError(ErrorCode.GroupBuyInvalid, '没有这个拼团人数');
      return { campaign, groupSku, sku, product, group: null, size: tier.size, tierDiscount: tier.discount, isLeader: true };
    }
    const group = await m.getRepository(Group).findOneBy({ id: dto.groupId, campaignId: campaign.id });
    if (!group || group.status === GroupStatus.Forming || group.status === GroupStatus.Abandoned) throw new GroupBuyError(ErrorCode.GroupNotFound, '拼团不存在');
    const blocked = await this.joinBlock(m, group, campaign, userId);
    if (blocked) throw blocked;
    return { campaign, groupSku, sku, product, group, size: group.size, tierDiscount: group.tierDiscount, isLeader: false };
  }

  /** Why this shopper cannot join this group now, or null. `hasPaidOrder` may be passed when already known. */
  private async joinBlock(m: EntityManager, group: Group, campaign: GroupBuyCampaign, userId: number, hasPaidOrder?: boolean): Promise<GroupBuyError | null> {
    if (group.leaderUserId === userId) return new GroupBuyError(ErrorCode.GroupOwnGroup, '这是你开的团，邀请好友来参团吧');
    if (await m.getRepository(GroupMember).existsBy({ groupId: group.id, seatHolder: userId })) return new GroupBuyError(ErrorCode.GroupAlreadyJoined, '你已经在这个团里了');
    if (group.status !== GroupStatus.Open || !group.expiresAt || group.expiresAt.getTime() <= Date.now() + JOIN_MARGIN_MS) return new GroupBuyError(ErrorCode.GroupClosed, '这个团已结束，去看看其他团吧');
    if (group.seatsTaken >= group.size) return new GroupBuyError(ErrorCode.GroupFull, '手慢了，这个团已满员，换个团或自己开团吧');
    if (campaign.stoppedAt) return new GroupBuyError(ErrorCode.GroupBuyNotActive, '拼团活动已结束');
    if (campaign.newCustomerOnly && (hasPaidOrder ?? (await this.hasPaidOrder(m, userId)))) {
      return new GroupBuyError(ErrorCode.GroupNewCustomerOnly, '这个团仅限新用户参加（还没有付款订单的用户）');
    }
    return null;
  }

  private hasPaidOrder(m: EntityManager, userId: number): Promise<boolean> {
    return m.getRepository(Order).createQueryBuilder('o').where('o.userId = :userId AND o.paidAt IS NOT NULL', { userId }).getExists();
  }

  // ---- views ----

  private async groupViews(groups: Group[], viewerId: number | null): Promise<GroupView[]> {
    if (!groups.length) return [];
    const ids = groups.map((g) => g.id);
    const m = this.groups.manager;
    const seats = await this.members.find({ where: { groupId: In(ids), status: In([SeatStatus.Paid, SeatStatus.Reserved, SeatStatus.RefundDue, SeatStatus.Refunded]) }, order: { id: 'ASC' } });
    const users = await m.getRepository(User).findBy({ id: In([...new Set(seats.map((s) => s.userId))]) });
    const campaigns = await this.campaigns.findBy({ id: In([...new Set(groups.map((g) => g.campaignId))]) });
    const products = await m.getRepository(Product).findBy({ id: In([...new Set(groups.map((g) => g.productId))]) });
    const prices = await this.campaignSkus.findBy({ campaignId: In(campaigns.map((c) => c.id)) });
    // Asked once for the whole list, not once per group.
    const viewerHasPaid = viewerId && campaigns.some((c) => c.newCustomerOnly) ? await this.hasPaidOrder(m, viewerId) : false;
    const viewerOrders = viewerId ? await m.getRepository(Order).findBy({ id: In(seats.filter((s) => s.userId === viewerId).map((s) => s.orderId)) }) : [];
    const views: GroupView[] = [];
    for (const g of groups) {
      const campaign = campaigns.find((c) => c.id === g.campaignId)!;
      const product = products.find((p) => p.id === g.productId);
      const groupSeats = seats.filter((s) => s.groupId === g.id);
      const mySeat = viewerId ? groupSeats.find((s) => s.userId === viewerId) : undefined;
      const myOrder = mySeat && viewerOrders.find((o) => o.id === mySeat.orderId);
      const cheapest = Math.min(...prices.filter((p) => p.campaignId === g.campaignId).map((p) => p.groupPrice));
      const blocked = viewerId && !mySeat ? await this.joinBlock(m, g, campaign, viewerId, viewerHasPaid) : null;
      views.push({
        id: g.id, campaignId: g.campaignId, productId: g.productId, productTitle: product?.title ?? '', cover: product?.cover ?? '', status: g.status, size: g.size,
        // A refunded member no longer shows; paid members do, the leader first.
        members: groupSeats.filter((s) => s.status === SeatStatus.Paid).sort((a, b) => Number(b.isLeader) - Number(a.isLeader)).map((s) => {
          const user = users.find((u) => u.id === s.userId);
          return { nickname: user?.nickname || '邻里用户', avatar: user?.avatar ?? null, isLeader: s.isLeader, joinedAt: (s.paidAt ?? s.createdAt).toISOString() };
        }),
        seatsLeft: Math.max(0, g.size - g.seatsTaken),
        expiresAt: g.expiresAt?.toISOString() ?? null,
        closedAt: g.closedAt?.toISOString() ?? null,
        virtual: g.virtual,
        unitPrice: Number.isFinite(cheapest) ? groupUnitPrice({ groupPrice: cheapest, tierDiscount: g.tierDiscount, leaderDiscount: 0, isLeader: false }) : 0,
        mine: mySeat && myOrder ? { role: mySeat.isLeader ? 'leader' : 'member', orderId: myOrder.id, orderStatus: myOrder.status } : null,
        joinBlockedReason: mySeat ? (mySeat.isLeader ? '这是你开的团，邀请好友来参团吧' : '你已经在这个团里了') : (blocked?.message ?? null),
      });
    }
    return views;
  }
}
