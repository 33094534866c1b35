import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, Page, RED_PACKET_KIND_LABEL, RedPacketClaimView, RedPacketView, bestLuck, equalSplit, luckySplit } from '@linli/shared';
import { randomBytes, randomInt } from 'node:crypto';
import { EntityManager, In, LessThanOrEqual, Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/error.filter';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { bulkInsert } from '../../database/bulk-insert';
import { User } from '../auth/entities/user.entity';
import { Order } from '../orders/entities/order.entity';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderPlacementService } from '../orders/order-placement.service';
import { RefundsService } from '../payments/refunds.service';
import { BalanceEntry, Distributor } from '../referrals/entities/referral.entities';
import { BudgetEntry, MarketingBudget, UserCoupon } from './entities/coupon.entity';
import { RedPacket, RedPacketShare } from './entities/red-packet.entity';
import { CouponError } from './coupons.errors';
import { MyPacketsQuery, OperatorRedPacketDto, SendRedPacketDto } from './coupons.dto';

export const PACKET_BUDGET = 'red_packets';
/** Unclaimed value goes back this long after a packet goes live, unless the operator chose otherwise. */
export const PACKET_TTL_HOURS = 24;
/** The coupons shares become stay valid this long. */
export const PACKET_COUPON_DAYS = 7;
const HOUR_MS = 3600_000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

function newPacketCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
  return code;
}

export interface PacketSweepResult {
  expired: number;
  returned: number;
}

export interface AdminPacketView extends RedPacketView {
  createdBy: string;
  refundId: number | null;
}

/**
 * Red packets: a pot of shop credit split into shares when it is made; each claimed share becomes a coupon in the
 * claimer's wallet. A shopper's packet is an order of kind `packet`, paid through the payments module; it goes live
 * when the order is paid (a lifecycle handler) and its unclaimed value is refunded to that payment at expiry. An
 * operator's packet is paid from the marketing budget and returns to it. Sending a packet earns the sender nothing.
 */
@Injectable()
export class RedPacketsService implements OnModuleInit {
  private readonly logger = new Logger(RedPacketsService.name);

  constructor(
    @InjectRepository(RedPacket) private readonly packets: Repository<RedPacket>,
    @InjectRepository(RedPacketShare) private readonly shares: Repository<RedPacketShare>,
    private readonly tx: TransactionRunner,
    private readonly placement: OrderPlacementService,
    private readonly lifecycle: OrderLifecycle,
    private readonly refunds: RefundsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.lifecycle.on('paid', 'red packet goes live', async (m, { order }) => {
      if (order.kind !== 'packet') return;
      const now = new Date();
      await m.createQueryBuilder().update(RedPacket).set({ status: 'active', activatedAt: now, expiresAt: new Date(now.getTime() + PACKET_TTL_HOURS * HOUR_MS) })
        .where("order_id = :id AND status = 'pending_payment'", { id: order.id }).execute();
    });
    for (const event of ['cancelled', 'expired'] as const) {
      this.lifecycle.on(event, 'unpaid red packet cancelled', async (m, { order }) => {
        if (order.kind !== 'packet') return;
        await m.createQueryBuilder().update(RedPacket).set({ status: 'cancelled', closedAt: new Date() }).where("order_id = :id AND status = 'pending_payment'", { id: order.id }).execute();
      });
    }
  }

  // ---- sending ----

  /** A shopper's packet: its order (to pay like any order) and its shares are written together. */
  async send(userId: number, dto: SendRedPacketDto): Promise<RedPacketView> {
    if (dto.payWith === 'balance') return this.sendFromBalance(userId, dto);
    // A repeated send (a double tap, a retry) returns the packet its key already made.
    const repeated = await this.placement.findByRequestKey(userId, dto.requestKey);
    if (repeated) return this.byOrder(userId, repeated.id);
    const sender = await this.packets.manager.getRepository(User).findOneByOrFail({ id: userId });
    const shares = this.split(dto);
    if (dto.kind === 'exclusive' && dto.recipientUserId !== undefined) {
      if (dto.recipientUserId === userId || !(await this.packets.manager.getRepository(User).existsBy({ id: dto.recipientUserId }))) {
        throw new CouponError(ErrorCode.RedPacketInvalid, '专属红包的好友不存在');
      }
    }
    const code = newPacketCode();
    const title = RED_PACKET_KIND_LABEL[dto.kind];
    const order = await this.placement.place(userId, dto.requestKey, async () => ({
      userId, kind: 'packet', source: 'red_packet', requestKey: dto.requestKey, fulfilment: { type: 'delivery', address: null },
      // A packet is no goods: one line carries its value, and no freight applies.
      lines: [{ sku: { id: 0, productId: 0, specs: {}, price: dto.amount }, product: { id: 0, title, cover: '' }, quantity: 1 }],
      adjustments: [{ kind: 'freight_waiver', source: 'store', combinable: true, label: '红包无运费' }],
      afterInsert: async (m, orderId) => {
        await this.write(m, {
          code, kind: dto.kind, funding: 'paid', status: 'pending_payment', senderUserId: userId, senderName: (sender.nickname || '邻里用户').slice(0, 32),
          recipientUserId: dto.kind === 'exclusive' ? dto.recipientUserId ?? null : null, greeting: dto.greeting || '恭喜发财，大吉大利', amount: dto.amount, shareCount: shares.amounts.length,
          threshold: dto.threshold ?? 0, couponValidDays: PACKET_COUPON_DAYS, seed: shares.seed, orderId, createdBy: `shopper:${userId}`,
          expiresAt: new Date(Date.now() + PACKET_TTL_HOURS * HOUR_MS),
        }, shares.amounts);
      },
    }));
    return this.byOrder(userId, order.id);
  }

  /**
   * A distributor's packet paid from the withdrawable commission balance: one transaction debits the balance by a
   * conditional UPDATE (approved, enough, never below zero), writes the ledger debit (unique per packet) and the live
   * packet. A repeated request key answers the packet it made (UNIQUE(sender, request_key)); nothing is debited twice.
   */
  private async sendFromBalance(userId: number, dto: SendRedPacketDto): Promise<RedPacketView> {
    const again = async () => (dto.requestKey ? this.packets.findOneBy({ senderUserId: userId, requestKey: dto.requestKey }) : null);
    const repeated = await again();
    if (repeated) return (await this.views([repeated], userId))[0];
    const sender = await this.packets.manager.getRepository(User).findOneByOrFail({ id: userId });
    const shares = this.split(dto);
    if (dto.kind === 'exclusive' && dto.recipientUserId !== undefined) {
      if (dto.recipientUserId === userId || !(await this.packets.manager.getRepository(User).existsBy({ id: dto.recipientUserId }))) {
        throw new CouponError(ErrorCode.RedPacketInvalid, '专属红包的好友不存在');
      }
    }
    const code = newPacketCode();
    try {
      await this.tx.run(async (m) => {
        const now = new Date();
        const id = await this.write(m, {
          code, kind: dto.kind, funding: 'balance', status: 'active', senderUserId: userId, senderName: (sender.nickname || '邻里用户').slice(0, 32),
          recipientUserId: dto.kind === 'exclusive' ? dto.recipientUserId ?? null : null, greeting: dto.greeting || '恭喜发财，大吉大利', amount: dto.amount, shareCount: shares.amounts.length,
          threshold: dto.threshold ?? 0, couponValidDays: PACKET_COUPON_DAYS, seed: shares.seed, orderId: null, createdBy: `balance:${userId}`, requestKey: dto.requestKey ?? null,
          activatedAt: now, expiresAt: new Date(now.getTime() + PACKET_TTL_HOURS * HOUR_MS),
        }, shares.amounts);
        const taken = await m.createQueryBuilder().update(Distributor).set({ balance: () => `balance - ${Number(dto.amount)}`, spent: () => `spent + ${Number(dto.amount)}` })
          .where("user_id = :userId AND status = 'approved' AND balance >= :amount", { userId, amount: dto.amount }).execute();
        if (affectedRows(taken) !== 1) {
          const d = await m.getRepository(Distributor).findOneBy({ userId });
          throw d?.status === 'approved'
            ? new CouponError(ErrorCode.PacketBalanceInsufficient, '可提现佣金不足')
            : new CouponError(ErrorCode.DistributorStateInvalid, '只有分销员可以用佣金发红包');
        }
        await m.getRepository(BalanceEntry).insert({ userId, kind: 'packet', amount: -dto.amount, packetId: id, dedupeKey: `pk:${id}` });
      });
    } catch (err) {
      // Two sends with one key at once: the loser's insert hits the unique key and answers the winner's packet.
      const winner = isUniqueViolation(err) ? await again() : null;
      if (winner) return (await this.views([winner], userId))[0];
      throw err;
    }
    return this.view(code, userId);
  }

  /** An operator's packet, paid from the marketing budget by one conditional UPDATE (never below zero). */
  async sendFromBudget(dto: OperatorRedPacketDto, actor: string): Promise<AdminPacketView> {
    const shares = this.split(dto);
    const code = newPacketCode();
    await this.tx.run(async (m) => {
      const taken = await m.createQueryBuilder().update(MarketingBudget).set({ balance: () => `balance - ${Number(dto.amount)}` })
        .where('name = :name AND balance >= :amount', { name: PACKET_BUDGET, amount: dto.amount }).execute();
      if (affectedRows(taken) !== 1) throw new CouponError(ErrorCode.BudgetInsufficient, '红包预算不足，请先充值');
      const now = new Date();
      const id = await this.write(m, {
        code, kind: dto.kind, funding: 'budget', status: 'active', senderUserId: null, senderName: this.config.storeName.slice(0, 32), recipientUserId: null, greeting: (dto.greeting || `${this.config.storeName}送你一个红包`).slice(0, 40),
        amount: dto.amount, shareCount: shares.amounts.length, threshold: dto.threshold ?? 0, couponValidDays: dto.couponValidDays ?? PACKET_COUPON_DAYS, seed: shares.seed, orderId: null,
        createdBy: actor.slice(0, 32), activatedAt: now, expiresAt: new Date(now.getTime() + (dto.expiresInHours ?? PACKET_TTL_HOURS) * HOUR_MS),
      }, shares.amounts);
      await m.getRepository(BudgetEntry).insert({ budget: PACKET_BUDGET, delta: -dto.amount, reason: 'packet', ref: `packet:${id}`, actor: actor.slice(0, 32) });
    });
    return this.adminView(await this.packets.findOneByOrFail({ code }));
  }

  async topUp(amount: number, actor: string): Promise<{ balance: number }> {
    await this.tx.run(async (m) => {
      await m.createQueryBuilder().insert().into(MarketingBudget).values({ name: PACKET_BUDGET, balance: 0 }).orIgnore().execute();
      await m.createQueryBuilder().update(MarketingBudget).set({ balance: () => `balance + ${Number(amount)}` }).where('name = :name', { name: PACKET_BUDGET }).execute();
      await m.getRepository(BudgetEntry).insert({ budget: PACKET_BUDGET, delta: amount, reason: 'top_up', ref: `top_up:${randomBytes(8).toString('hex')}`, actor: actor.slice(0, 32) });
    });
    return this.budget();
  }

  async budget(): Promise<{ balance: number }> {
    return { balance: (await this.packets.manager.getRepository(MarketingBudget).findOneBy({ name: PACKET_BUDGET }))?.balance ?? 0 };
  }

  // ---- claiming ----

  /**
   * Pops the next pre-split share. The packet row moves first by a conditional UPDATE (live, not past its expiry,
   * shares left), which also serializes claimers; the share is then given to the claimer, whom the unique key
   * (packet, claimer) lets hold one share, and becomes a coupon. Everything is one transaction.
   */
  async claim(userId: number, code: string): Promise<RedPacketView> {
    const packet = await this.packets.findOneBy({ code });
    if (!packet || ((packet.status === 'pending_payment' || packet.status === 'cancelled') && packet.senderUserId !== userId)) throw new CouponError(ErrorCode.RedPacketNotFound, '红包不存在');
    const blocked = await this.claimBlock(packet, userId);
    if (blocked) throw blocked;
    try {
      await this.tx.run(async (m) => {
        const now = new Date();
        const popped = await m.createQueryBuilder().update(RedPacket).set({ claimedCount: () => 'claimed_count + 1' })
          .where("id = :id AND status = 'active' AND claimed_count < share_count AND expires_at > :now", { id: packet.id, now }).execute();
        if (affectedRows(popped) !== 1) {
          const current = await m.getRepository(RedPacket).findOneByOrFail({ id: packet.id });
          throw current.status === 'finished' || current.claimedCount >= current.shareCount
            ? new CouponError(ErrorCode.RedPacketEmpty, '手慢了，红包派完了')
            : new CouponError(ErrorCode.RedPacketClosed, '红包已过期');
        }
        const { claimedCount } = await m.getRepository(RedPacket).findOneOrFail({ select: { id: true, claimedCount: true }, where: { id: packet.id } });
        const share = await m.getRepository(RedPacketShare).findOneByOrFail({ packetId: packet.id, seq: claimedCount });
        await m.createQueryBuilder().update(RedPacketShare).set({ userId, claimedAt: now }).where('id = :id AND user_id IS NULL', { id: share.id }).execute();
        const { identifiers } = await m.getRepository(UserCoupon).insert({
          userId, templateId: null, packetId: packet.id, claimSeq: 1, source: 'packet', title: `${packet.senderName}的红包`.slice(0, 40),
          type: packet.threshold > 0 ? 'threshold_off' : 'no_threshold', amount: share.amount, rate: 100, cap: 0, threshold: packet.threshold,
          scope: 'all', scopeIds: [], excludeProductIds: [], combineGroup: true, combineFlash: false,
          validFrom: now, validTo: new Date(now.getTime() + packet.couponValidDays * 24 * HOUR_MS), status: 'unused', orderId: null, discount: 0,
        });
        await m.getRepository(RedPacketShare).update({ id: share.id }, { couponId: Number(identifiers[0].id) });
        // Claims are serialized on the packet row, so the claimer of the last share is the one who finishes it.
        const last = claimedCount >= packet.shareCount;
        await m.createQueryBuilder().update(RedPacket)
          .set({ claimedAmount: () => `claimed_amount + ${Number(share.amount)}`, ...(last ? { status: 'finished' as const, closedAt: now } : {}) })
          .where('id = :id', { id: packet.id }).execute();
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new CouponError(ErrorCode.RedPacketAlreadyClaimed, '你已经领过这个红包了');
      throw err;
    }
    return this.view(code, userId);
  }

  // ---- expiry ----

  /**
   * Packets past their expiry: each moves to `expired` by one conditional UPDATE that also computes what goes back
   * (amount − claimed), so with any number of sweeps at once only one wins and returns the value, once: to the
   * budget (a ledger row with a unique reference), or as a partial refund of the sender's payment.
   */
  async expireDue(now = new Date(), batch = 100): Promise<PacketSweepResult> {
    const due = await this.packets.find({ select: { id: true }, where: { status: 'active', expiresAt: LessThanOrEqual(now) }, order: { expiresAt: 'ASC' }, take: batch });
    const result: PacketSweepResult = { expired: 0, returned: 0 };
    for (const { id } of due) {
      const outcome = await this.tx.run(async (m) => {
        const won = await m.createQueryBuilder().update(RedPacket).set({ status: 'expired', returnedAmount: () => 'amount - claimed_amount', closedAt: now })
          .where("id = :id AND status = 'active' AND expires_at <= :now", { id, now }).execute();
        if (affectedRows(won) !== 1) return null;
        const packet = await m.getRepository(RedPacket).findOneByOrFail({ id });
        const back = packet.returnedAmount ?? 0;
        if (back <= 0) return { back, refundId: null };
        if (packet.funding === 'balance') {
          // Back to the distributor's withdrawable balance; the unique dedupe key makes the credit exactly once.
          await m.getRepository(BalanceEntry).insert({ userId: packet.senderUserId!, kind: 'packet_return', amount: back, packetId: id, dedupeKey: `pkr:${id}` });
          await m.createQueryBuilder().update(Distributor).set({ balance: () => `balance + ${Number(back)}`, spent: () => `spent - ${Number(back)}` })
            .where('user_id = :u', { u: packet.senderUserId }).execute();
          return { back, refundId: null };
        }
        if (packet.funding === 'budget') {
          await m.createQueryBuilder().update(MarketingBudget).set({ balance: () => `balance + ${Number(back)}` }).where('name = :name', { name: PACKET_BUDGET }).execute();
          await m.getRepository(BudgetEntry).insert({ budget: PACKET_BUDGET, delta: back, reason: 'packet_return', ref: `packet:${id}`, actor: 'system' });
          return { back, refundId: null };
        }
        const order = await m.getRepository(Order).findOneByOrFail({ id: packet.orderId! });
        const refundId = await this.refunds.createForPacket(m, order, back);
        await m.getRepository(RedPacket).update({ id }, { refundId });
        return { back, refundId };
      });
      if (!outcome) continue;
      result.expired++;
      if (outcome.back > 0) result.returned++;
      // After commit; a failed call stays approved and the payment sweep submits it again.
      if (outcome.refundId) await this.refunds.submit(outcome.refundId).catch((err: unknown) => this.logger.warn({ err, packetId: id }, 'packet refund submit failed; will retry'));
    }
    return result;
  }

  // ---- reads ----

  /** The envelope: anyone with the link sees it; an unpaid packet exists only for its sender. */
  async view(code: string, viewerId: number | null): Promise<RedPacketView> {
    const packet = await this.packets.findOneBy({ code });
    if (!packet || ((packet.status === 'pending_payment' || packet.status === 'cancelled') && (viewerId === null || packet.senderUserId !== viewerId))) {
      throw new CouponError(ErrorCode.RedPacketNotFound, '红包不存在');
    }
    return (await this.views([packet], viewerId))[0];
  }

  /** A packet the shopper sent; another shopper's answers like a missing one. */
  async sent(userId: number, id: number): Promise<RedPacketView> {
    const packet = await this.packets.findOneBy({ id, senderUserId: userId });
    if (!packet) throw new CouponError(ErrorCode.RedPacketNotFound, '红包不存在');
    return (await this.views([packet], userId))[0];
  }

  /** The packet a paid order of this shopper bought (the payment result page goes on to it). */
  async byOrder(userId: number, orderId: number): Promise<RedPacketView> {
    const packet = await this.packets.findOneBy({ orderId, senderUserId: userId });
    if (!packet) throw new CouponError(ErrorCode.RedPacketNotFound, '红包不存在');
    return (await this.views([packet], userId))[0];
  }

  /** 我的红包: sent (every state) or received (claimed shares). */
  async mine(userId: number, query: MyPacketsQuery): Promise<Page<RedPacketView>> {
    const qb = this.packets.createQueryBuilder('p');
    if (query.role === 'sent') qb.where('p.senderUserId = :userId', { userId });
    else qb.innerJoin(RedPacketShare, 's', 's.packetId = p.id AND s.userId = :userId', { userId });
    const [rows, total] = await qb.orderBy('p.id', 'DESC').skip(query.skip).take(query.pageSize).getManyAndCount();
    return { items: await this.views(rows, userId), total, page: query.page, pageSize: query.pageSize };
  }

  async adminList(page: { skip: number; page: number; pageSize: number }): Promise<Page<AdminPacketView>> {
    const [rows, total] = await this.packets.findAndCount({ order: { id: 'DESC' }, skip: page.skip, take: page.pageSize });
    const views = await this.views(rows, null);
    return { items: rows.map((p, i) => ({ ...views[i], createdBy: p.createdBy, refundId: p.refundId })), total, page: page.page, pageSize: page.pageSize };
  }

  private async adminView(p: RedPacket): Promise<AdminPacketView> {
    return { ...(await this.views([p], null))[0], createdBy: p.createdBy, refundId: p.refundId };
  }

  // ---- helpers ----

  private split(dto: { kind: RedPacket['kind']; amount: number; shares: number }): { amounts: number[]; seed: string } {
    if (dto.kind === 'exclusive' && dto.shares !== 1) throw new CouponError(ErrorCode.RedPacketInvalid, '专属红包只有一份');
    if (dto.amount < dto.shares) throw new CouponError(ErrorCode.RedPacketInvalid, '每份红包至少0.01元');
    const seed = randomBytes(12).toString('hex');
    return { amounts: dto.kind === 'lucky' ? luckySplit(dto.amount, dto.shares, seed) : equalSplit(dto.amount, dto.shares), seed };
  }

  private async write(m: EntityManager, packet: Partial<RedPacket>, amounts: number[]): Promise<number> {
    const { identifiers } = await m.getRepository(RedPacket).insert({ claimedCount: 0, claimedAmount: 0, returnedAmount: null, refundId: null, activatedAt: null, closedAt: null, ...packet });
    const id = Number(identifiers[0].id);
    await bulkInsert(m, RedPacketShare, amounts.map((amount, i) => ({ packetId: id, seq: i + 1, amount })), ['packetId', 'seq', 'amount']);
    return id;
  }

  private async claimBlock(p: RedPacket, userId: number | null): Promise<CouponError | null> {
    if (p.kind === 'exclusive' && userId !== null && (p.senderUserId === userId || (p.recipientUserId !== null && p.recipientUserId !== userId))) {
      return new CouponError(ErrorCode.RedPacketNotForYou, p.senderUserId === userId ? '专属红包由好友领取' : '这是发给别人的专属红包');
    }
    if (userId !== null && (await this.shares.existsBy({ packetId: p.id, userId }))) return new CouponError(ErrorCode.RedPacketAlreadyClaimed, '你已经领过这个红包了');
    if (p.status === 'pending_payment') return new CouponError(ErrorCode.RedPacketClosed, '红包还未支付');
    if (p.status === 'cancelled') return new CouponError(ErrorCode.RedPacketClosed, '红包未支付，已取消');
    if (p.status === 'finished' || p.claimedCount >= p.shareCount) return new CouponError(ErrorCode.RedPacketEmpty, '手慢了，红包派完了');
    if (p.status === 'expired' || p.expiresAt.getTime() <= Date.now()) return new CouponError(ErrorCode.RedPacketClosed, '红包已过期');
    return null;
  }

  private async views(packets: RedPacket[], viewerId: number | null): Promise<RedPacketView[]> {
    if (!packets.length) return [];
    const ids = packets.map((p) => p.id);
    const claimed = await this.shares.createQueryBuilder('s').where('s.packetId IN (:...ids) AND s.userId IS NOT NULL', { ids }).orderBy('s.claimedAt', 'ASC').getMany();
    const users = claimed.length ? await this.packets.manager.getRepository(User).findBy({ id: In([...new Set(claimed.map((s) => s.userId!))]) }) : [];
    const senders = await this.packets.manager.getRepository(User).findBy({ id: In(packets.flatMap((p) => p.senderUserId ?? [])) });
    const views: RedPacketView[] = [];
    for (const p of packets) {
      const own = claimed.filter((s) => s.packetId === p.id);
      const best = p.kind === 'lucky' ? bestLuck(own.map((s) => ({ ...s, claimedAt: s.claimedAt! })), p.shareCount) : null;
      const mine = viewerId ? own.find((s) => s.userId === viewerId) : undefined;
      const claims: RedPacketClaimView[] = own.map((s) => {
        const user = users.find((u) => u.id === s.userId);
        return { nickname: user?.nickname || '邻里用户', avatar: user?.avatar ?? null, amount: s.amount, claimedAt: s.claimedAt!.toISOString(), best: best?.id === s.id, mine: s.userId === viewerId };
      });
      const isSender = viewerId !== null && p.senderUserId === viewerId;
      views.push({
        id: p.id, code: p.code, kind: p.kind, funding: p.funding, status: p.status, senderName: p.senderName, senderAvatar: senders.find((u) => u.id === p.senderUserId)?.avatar ?? null,
        greeting: p.greeting, amount: p.amount, shareCount: p.shareCount, claimedCount: p.claimedCount, claimedAmount: p.claimedAmount, threshold: p.threshold, couponValidDays: p.couponValidDays,
        expiresAt: p.expiresAt.toISOString(), myShare: mine ? { amount: mine.amount, couponId: mine.couponId! } : null,
        claimBlockedReason: viewerId === null ? null : mine ? null : (await this.claimBlock(p, viewerId))?.message ?? null,
        isSender, claims, orderId: isSender ? p.orderId : null, returnedAmount: p.returnedAmount,
      });
    }
    return views;
  }
}
