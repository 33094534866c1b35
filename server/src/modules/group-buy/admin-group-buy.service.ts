import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, GroupBuyCampaignView, GroupStatus, Page, SeatStatus, validateTiers } from '@linli/shared';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { User } from '../auth/entities/user.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { GroupBuyCampaign, GroupBuySku } from './entities/group-buy-campaign.entity';
import { Group, GroupMember } from './entities/group.entity';
import { AdminGroupsQuery, CreateCampaignDto, UpdateCampaignDto } from './group-buy.dto';
import { GroupBuyError } from './group-buy.errors';
import { GroupBuyService } from './group-buy.service';

export interface AdminCampaignView extends GroupBuyCampaignView {
  stockTotal: number;
  virtualMinMembers: number | null;
  stoppedAt: string | null;
  stoppedBy: string | null;
  /** Groups by state, virtual completions counted apart (模拟成团 is reported, never hidden). */
  groups: Record<'open' | 'succeeded' | 'virtual' | 'failed', number>;
}

export interface AdminGroupView {
  id: number;
  campaignId: number;
  status: GroupStatus;
  size: number;
  seatsTaken: number;
  paidCount: number;
  leaderUserId: number;
  openedAt: string | null;
  expiresAt: string | null;
  /** 0 once expired or closed. */
  secondsLeft: number;
  closedAt: string | null;
  virtual: boolean;
  closedBy: string | null;
  closeReason: string | null;
  /** Every seat, released and refunded ones included. */
  members: { userId: number; nickname: string; orderId: number; isLeader: boolean; status: SeatStatus; quantity: number; refundId: number | null; paidAt: string | null }[];
}

/** The operator's side: campaigns and the groups they produce. */
@Injectable()
export class AdminGroupBuyService {
  constructor(
    @InjectRepository(GroupBuyCampaign) private readonly campaigns: Repository<GroupBuyCampaign>,
    @InjectRepository(Group) private readonly groups: Repository<Group>,
    @InjectRepository(GroupMember) private readonly members: Repository<GroupMember>,
    private readonly tx: TransactionRunner,
    private readonly shopperSide: GroupBuyService,
  ) {}

  async create(dto: CreateCampaignDto): Promise<AdminCampaignView> {
    const tiers = dto.tiers ?? [];
    this.checkRules(dto.groupSize, tiers, dto.startsAt, dto.endsAt, dto.virtualMinMembers ?? null);
    const id = await this.tx.run(async (m) => {
      await this.checkSkus(m, dto.productId, dto.skus.map((s) => s.skuId));
      await this.checkOverlap(m, dto.productId, dto.startsAt, dto.endsAt);
      const { identifiers } = await m.getRepository(GroupBuyCampaign).insert({
        productId: dto.productId, title: dto.title, groupSize: dto.groupSize, tiers, leaderDiscount: dto.leaderDiscount ?? 0, timeLimitSeconds: dto.timeLimitSeconds,
        startsAt: dto.startsAt, endsAt: dto.endsAt, stockTotal: dto.stock, stockLeft: dto.stock, perUserLimit: dto.perUserLimit,
        newCustomerOnly: dto.newCustomerOnly ?? false, virtualMinMembers: dto.virtualMinMembers ?? null, acceptsCoupons: dto.acceptsCoupons ?? true,
      });
      const campaignId = Number(identifiers[0].id);
      await m.getRepository(GroupBuySku).insert(dto.skus.map((s) => ({ campaignId, skuId: s.skuId, groupPrice: s.groupPrice })));
      return campaignId;
    });
    return this.get(id);
  }

  /** Edits apply to groups opened from now on: an existing group keeps its size, tier, deadline and members' prices. */
  async update(id: number, dto: UpdateCampaignDto): Promise<AdminCampaignView> {
    await this.tx.run(async (m) => {
      const c = await this.require(m, id);
      if (c.stoppedAt) throw new GroupBuyError(ErrorCode.GroupBuyNotActive, '活动已停止，不能再修改');
      const next = { ...c, ...dto, tiers: dto.tiers ?? c.tiers, virtualMinMembers: dto.virtualMinMembers === undefined ? c.virtualMinMembers : dto.virtualMinMembers };
      this.checkRules(next.groupSize, next.tiers, next.startsAt, next.endsAt, next.virtualMinMembers);
      if (dto.startsAt || dto.endsAt) await this.checkOverlap(m, c.productId, next.startsAt, next.endsAt, id);
      const { stock, skus, ...fields } = dto;
      if (Object.keys(fields).length) await m.getRepository(GroupBuyCampaign).update({ id }, { ...fields, tiers: next.tiers, virtualMinMembers: next.virtualMinMembers });
      if (stock !== undefined) {
        // Units already held by orders stay held: the total can shrink only by what is left.
        const delta = stock - c.stockTotal;
        const moved = await m.createQueryBuilder().update(GroupBuyCampaign).set({ stockTotal: stock, stockLeft: () => `stock_left + ${delta}` })
          .where('id = :id AND stock_left + :delta >= 0', { id, delta }).execute();
        if (affectedRows(moved) !== 1) throw new GroupBuyError(ErrorCode.GroupBuyConflict, '已售出的数量超过新的活动库存');
      }
      if (skus) {
        await this.checkSkus(m, c.productId, skus.map((s) => s.skuId));
        await m.getRepository(GroupBuySku).delete({ campaignId: id });
        await m.getRepository(GroupBuySku).insert(skus.map((s) => ({ campaignId: id, skuId: s.skuId, groupPrice: s.groupPrice })));
      }
    });
    return this.get(id);
  }

  /** No group can be opened any more; open groups keep their time and can still fill. */
  async stop(id: number, actor: string): Promise<AdminCampaignView> {
    await this.require(this.campaigns.manager, id);
    await this.campaigns.createQueryBuilder().update(GroupBuyCampaign).set({ stoppedAt: new Date(), stoppedBy: actor.slice(0, 32) }).where('id = :id AND stopped_at IS NULL', { id }).execute();
    return this.get(id);
  }

  async list(query: AdminGroupsQuery): Promise<Page<AdminCampaignView>> {
    const [rows, total] = await this.campaigns.findAndCount({ order: { id: 'DESC' }, skip: query.skip, take: query.pageSize });
    return { items: await Promise.all(rows.map((c) => this.view(c))), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: number): Promise<AdminCampaignView> {
    return this.view(await this.require(this.campaigns.manager, id));
  }

  async listGroups(query: AdminGroupsQuery): Promise<Page<AdminGroupView>> {
    const qb = this.groups.createQueryBuilder('g').where('g.status <> :forming', { forming: GroupStatus.Forming });
    if (query.campaignId) qb.andWhere('g.campaignId = :campaignId', { campaignId: query.campaignId });
    if (query.status) qb.andWhere('g.status = :status', { status: query.status });
    const [rows, total] = await qb.orderBy('g.id', 'DESC').skip(query.skip).take(query.pageSize).getManyAndCount();
    return { items: await this.groupViews(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async getGroup(id: number): Promise<AdminGroupView> {
    const group = await this.groups.findOneBy({ id });
    if (!group) throw new GroupBuyError(ErrorCode.GroupNotFound, '拼团不存在');
    return (await this.groupViews([group]))[0];
  }

  private async groupViews(rows: Group[]): Promise<AdminGroupView[]> {
    const seats = rows.length ? await this.members.find({ where: { groupId: In(rows.map((g) => g.id)) }, order: { id: 'ASC' } }) : [];
    const users = seats.length ? await this.groups.manager.getRepository(User).findBy({ id: In([...new Set(seats.map((s) => s.userId))]) }) : [];
    const now = Date.now();
    return rows.map((g) => ({
        id: g.id, campaignId: g.campaignId, status: g.status, size: g.size, seatsTaken: g.seatsTaken, paidCount: g.paidCount, leaderUserId: g.leaderUserId,
        openedAt: g.openedAt?.toISOString() ?? null, expiresAt: g.expiresAt?.toISOString() ?? null,
        secondsLeft: g.status === GroupStatus.Open && g.expiresAt ? Math.max(0, Math.floor((g.expiresAt.getTime() - now) / 1000)) : 0,
        closedAt: g.closedAt?.toISOString() ?? null, virtual: g.virtual, closedBy: g.closedBy, closeReason: g.closeReason,
        members: seats.filter((s) => s.groupId === g.id).map((s) => ({
          userId: s.userId, nickname: users.find((u) => u.id === s.userId)?.nickname ?? '', orderId: s.orderId, isLeader: s.isLeader, status: s.status, quantity: s.quantity, refundId: s.refundId, paidAt: s.paidAt?.toISOString() ?? null,
      })),
    }));
  }

  // ---- helpers ----

  private checkRules(groupSize: number, tiers: { size: number; discount: number }[], startsAt: Date, endsAt: Date, virtualMin: number | null): void {
    const tierProblem = validateTiers(groupSize, tiers);
    if (tierProblem) throw new GroupBuyError(ErrorCode.GroupBuyInvalid, tierProblem);
    if (endsAt.getTime() <= startsAt.getTime()) throw new GroupBuyError(ErrorCode.GroupBuyInvalid, '结束时间必须晚于开始时间');
    if (virtualMin !== null && virtualMin >= groupSize) throw new GroupBuyError(ErrorCode.GroupBuyInvalid, '模拟成团的最少人数必须小于成团人数');
  }

  private async checkSkus(m: EntityManager, productId: number, skuIds: number[]): Promise<void> {
    if (new Set(skuIds).size !== skuIds.length) throw new GroupBuyError(ErrorCode.GroupBuyInvalid, 'SKU 不能重复');
    const found = await m.getRepository(Sku).countBy({ id: In(skuIds), productId, deletedAt: IsNull() });
    if (found !== skuIds.length) throw new GroupBuyError(ErrorCode.GroupBuyInvalid, 'SKU 不属于该商品或已删除', ['skus']);
  }

  /** One campaign per product at a time, so the product page is never ambiguous. */
  private async checkOverlap(m: EntityManager, productId: number, startsAt: Date, endsAt: Date, exceptId?: number): Promise<void> {
    const qb = m.getRepository(GroupBuyCampaign).createQueryBuilder('c')
      .where('c.productId = :productId AND c.stoppedAt IS NULL AND c.startsAt < :endsAt AND c.endsAt > :startsAt', { productId, startsAt, endsAt });
    if (exceptId) qb.andWhere('c.id <> :exceptId', { exceptId });
    if (await qb.getExists()) throw new GroupBuyError(ErrorCode.GroupBuyConflict, '该商品在这段时间已有拼团活动');
  }

  private async require(m: EntityManager, id: number): Promise<GroupBuyCampaign> {
    const c = await m.getRepository(GroupBuyCampaign).findOneBy({ id });
    if (!c) throw new GroupBuyError(ErrorCode.GroupBuyNotFound, '拼团活动不存在');
    return c;
  }

  private async view(c: GroupBuyCampaign): Promise<AdminCampaignView> {
    const counts = await this.groups.createQueryBuilder('g').select('g.status', 'status').addSelect('g.virtual', 'virtual').addSelect('COUNT(*)', 'n')
      .where('g.campaignId = :id', { id: c.id }).groupBy('g.status').addGroupBy('g.virtual').getRawMany<{ status: GroupStatus; virtual: number | boolean; n: string | number }>();
    const count = (status: GroupStatus, virtual?: boolean) => counts.filter((r) => r.status === status && (virtual === undefined || Boolean(Number(r.virtual)) === virtual)).reduce((s, r) => s + Number(r.n), 0);
    return {
      ...(await this.shopperSide.campaignView(c)),
      stockTotal: c.stockTotal, virtualMinMembers: c.virtualMinMembers, stoppedAt: c.stoppedAt?.toISOString() ?? null, stoppedBy: c.stoppedBy,
      groups: { open: count(GroupStatus.Open), succeeded: count(GroupStatus.Succeeded, false), virtual: count(GroupStatus.Succeeded, true), failed: count(GroupStatus.Failed) },
    };
  }
}
