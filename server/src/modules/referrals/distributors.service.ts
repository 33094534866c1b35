import { Injectable } from '@nestjs/common';
import { DistributorMeView, DistributorStatus, ErrorCode, LedgerEntryView, Page, ReferralView, VisitorView, chinaDate, distributorTransition, maskName } from '@linli/shared';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { User } from '../auth/entities/user.entity';
import { BalanceEntry, CommissionEntry, Distributor, ReferralBinding } from './entities/referral.entities';
import { ReferralSettingsService } from './referral-settings.service';
import { ReferralsError } from './referrals.errors';
import { SharesService } from './shares.service';

export interface AdminDistributorView {
  userId: number;
  nickname: string;
  status: DistributorStatus;
  rejectReason: string | null;
  pending: number;
  balance: number;
  frozen: number;
  withdrawn: number;
  reversed: number;
  directReferrals: number;
  appliedAt: string;
  reviewedAt: string | null;
}

export interface ReferralTreeNode {
  userId: number;
  nickname: string;
  boundAt: string | null;
  children: ReferralTreeNode[];
}

/** Becoming a distributor (free, always), the distributor's own figures and lists, and the operator's review. */
@Injectable()
export class DistributorsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly settings: ReferralSettingsService,
    private readonly shares: SharesService,
  ) {}

  private get repo() {
    return this.tx.dataSource.getRepository(Distributor);
  }

  /** Applying costs nothing and is never paid for. With auto-approval the shopper is a distributor at once. */
  async apply(userId: number): Promise<DistributorMeView> {
    const s = await this.settings.get();
    const status: DistributorStatus = s.autoApprove ? 'approved' : 'reviewing';
    await this.tx.dataSource.createQueryBuilder().insert().into(Distributor)
      .values({ userId, status, appliedAt: new Date(), reviewedAt: s.autoApprove ? new Date() : null }).orIgnore().updateEntity(false).execute();
    // A rejected shopper may apply again.
    const again = distributorTransition('reapply');
    await this.tx.dataSource.createQueryBuilder().update(Distributor).set({ status: s.autoApprove ? 'approved' : again.to, rejectReason: null, appliedAt: new Date() })
      .where('user_id = :userId AND status IN (:...from)', { userId, from: again.from }).execute();
    return this.me(userId);
  }

  async me(userId: number, now = new Date()): Promise<DistributorMeView> {
    const s = await this.settings.get();
    const d = await this.repo.findOneBy({ userId });
    const rules = { withdrawMin: s.withdrawMin, withdrawDailyLimit: s.withdrawDailyLimit, settleWindowDays: s.settleWindowDays, depth: s.depth };
    if (!d) return { status: null, rejectReason: null, pending: 0, balance: 0, frozen: 0, withdrawn: 0, reversed: 0, spent: 0, today: 0, month: 0, rules };
    const day = chinaDate(now);
    // China's midnight today and on the first of the month, as instants.
    const todayStart = new Date(`${day}T00:00:00+08:00`);
    const monthStart = new Date(`${day.slice(0, 8)}01T00:00:00+08:00`);
    const earned = async (since: Date) => {
      const row = await this.tx.dataSource.createQueryBuilder().select('COALESCE(SUM(e.amount), 0)', 'sum').from(CommissionEntry, 'e')
        .where('e.beneficiary_id = :userId AND e.created_at >= :since', { userId, since }).getRawOne<{ sum: string | number }>();
      return Number(row?.sum ?? 0);
    };
    return {
      status: d.status, rejectReason: d.rejectReason, pending: d.pending, balance: d.balance, frozen: d.frozen, withdrawn: d.withdrawn, reversed: d.reversed, spent: d.spent,
      today: await earned(todayStart), month: await earned(monthStart), rules,
    };
  }

  async ledger(beneficiaryId: number, page: number, pageSize: number, state?: 'pending' | 'settled' | 'reversed'): Promise<Page<LedgerEntryView>> {
    const qb = this.tx.dataSource.createQueryBuilder()
      .select(['e.id AS id', 'e.kind AS kind', 'e.state AS state', 'e.level AS level', 'e.amount AS amount', 'e.taken AS taken', 'e.settle_after AS settleAfter', 'e.created_at AS createdAt', 'o.order_no AS orderNo', 'l.title AS title'])
      .from(CommissionEntry, 'e').innerJoin('orders', 'o', 'o.id = e.order_id').innerJoin('order_lines', 'l', 'l.id = e.order_line_id')
      .where('e.beneficiary_id = :beneficiaryId', { beneficiaryId });
    if (state) qb.andWhere('e.state = :state', { state });
    const total = await qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: string | number }>();
    const toView = (r: Record<string, unknown>): LedgerEntryView => ({
      id: Number(r.id), kind: r.kind as LedgerEntryView['kind'], state: r.state as LedgerEntryView['state'], level: Number(r.level), orderNo: String(r.orderNo), title: String(r.title),
      amount: Number(r.amount), taken: Number(r.taken), settleAfter: r.settleAfter ? toIso(r.settleAfter) : null, createdAt: toIso(r.createdAt),
    });
    if (state) {
      const rows = await qb.orderBy('e.id', 'DESC').offset((page - 1) * pageSize).limit(pageSize).getRawMany<Record<string, unknown>>();
      return { items: rows.map(toView), total: Number(total?.n ?? 0), page, pageSize };
    }
    // 全部 also lists red packets paid from the balance and their returns (another table): the newest `page × pageSize`
    // of each, in one order (time, then commission before packets, then id), merged. Packet ids are negated so a list
    // never has two rows with one id.
    const upTo = page * pageSize;
    const balanceRepo = this.tx.dataSource.getRepository(BalanceEntry);
    const [rows, packets, packetCount] = await Promise.all([
      qb.orderBy('e.created_at', 'DESC').addOrderBy('e.id', 'DESC').limit(upTo).getRawMany<Record<string, unknown>>(),
      balanceRepo.find({ where: { userId: beneficiaryId }, order: { createdAt: 'DESC', id: 'DESC' }, take: upTo }),
      balanceRepo.countBy({ userId: beneficiaryId }),
    ]);
    const merged: LedgerEntryView[] = [
      ...rows.map(toView),
      ...packets.map((b): LedgerEntryView => ({
        id: -b.id, kind: b.kind, state: 'settled', level: 0, orderNo: '', title: b.kind === 'packet' ? '用佣金发红包' : '红包未领完退回',
        amount: b.amount, taken: 0, settleAfter: null, createdAt: b.createdAt.toISOString(),
      })),
    ].sort((x, y) => y.createdAt.localeCompare(x.createdAt) || Math.sign(y.id) - Math.sign(x.id) || Math.abs(y.id) - Math.abs(x.id));
    return { items: merged.slice((page - 1) * pageSize, upTo), total: Number(total?.n ?? 0) + packetCount, page, pageSize };
  }

  /** My direct referrals only (never a team below them), names masked, with how many orders each paid. */
  async referrals(userId: number, page: number, pageSize: number): Promise<Page<ReferralView>> {
    const [bindings, total] = await this.tx.dataSource.getRepository(ReferralBinding).findAndCount({ where: { referrerId: userId }, order: { boundAt: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    const items: ReferralView[] = [];
    for (const b of bindings) {
      const user = await this.tx.dataSource.getRepository(User).findOneBy({ id: b.userId });
      const orders = await this.tx.dataSource.createQueryBuilder().select('COUNT(*)', 'n').from('orders', 'o').where('o.user_id = :u AND o.paid_at IS NOT NULL AND o.paid_at >= :since', { u: b.userId, since: b.boundAt }).getRawOne<{ n: string | number }>();
      items.push({ name: maskName(user?.nickname ?? ''), avatar: user?.avatar ?? null, joinedAt: b.boundAt.toISOString(), orders: Number(orders?.n ?? 0) });
    }
    return { items, total, page, pageSize };
  }

  /** Who visited through my links (logged-in visitors, masked), when, through which share, and whether they bought. */
  async visitors(userId: number, page: number, pageSize: number): Promise<Page<VisitorView>> {
    const base = this.tx.dataSource.createQueryBuilder().from('share_visits', 'v').innerJoin('share_links', 's', 's.id = v.share_id')
      .where('s.sharer_id = :userId AND v.user_id IS NOT NULL AND v.user_id <> :userId', { userId });
    const total = await base.clone().select('COUNT(*)', 'n').getRawOne<{ n: string | number }>();
    const rows = await base.clone().select(['v.id AS id', 'v.user_id AS visitorId', 'v.created_at AS visitedAt', 's.id AS shareId', 's.target AS target', 's.target_id AS targetId'])
      .orderBy('v.id', 'DESC').offset((page - 1) * pageSize).limit(pageSize).getRawMany<Record<string, unknown>>();
    const items: VisitorView[] = [];
    for (const r of rows) {
      const user = await this.tx.dataSource.getRepository(User).findOneBy({ id: Number(r.visitorId) });
      const bought = await this.tx.dataSource.createQueryBuilder().select('1').from('order_attributions', 'a').where('a.share_id = :s AND a.buyer_id = :b', { s: r.shareId, b: r.visitorId }).getRawOne();
      items.push({
        name: maskName(user?.nickname ?? ''), avatar: user?.avatar ?? null, visitedAt: toIso(r.visitedAt), shareCode: this.shares.encode(Number(r.shareId)), target: r.target as VisitorView['target'],
        targetId: Number(r.targetId), bought: Boolean(bought),
      });
    }
    return { items, total: Number(total?.n ?? 0), page, pageSize };
  }

  // ───── operator ─────

  async list(page: number, pageSize: number, status?: DistributorStatus): Promise<Page<AdminDistributorView>> {
    const [rows, total] = await this.repo.findAndCount({ where: status ? { status } : {}, order: { id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items: await Promise.all(rows.map((d) => this.adminView(d))), total, page, pageSize };
  }

  async review(userId: number, event: 'approve' | 'reject' | 'disable', reason?: string): Promise<AdminDistributorView> {
    const d = await this.repo.findOneBy({ userId });
    if (!d) throw new ReferralsError(ErrorCode.DistributorNotFound);
    const t = distributorTransition(event);
    const moved = await this.tx.dataSource.createQueryBuilder().update(Distributor).set({ status: t.to, reviewedAt: new Date(), rejectReason: event === 'reject' ? (reason ?? null) : null })
      .where('user_id = :userId AND status IN (:...from)', { userId, from: t.from }).execute();
    if (!affectedRows(moved)) throw new ReferralsError(ErrorCode.DistributorStateInvalid);
    return this.adminView(await this.repo.findOneByOrFail({ userId }));
  }

  async adminGet(userId: number): Promise<AdminDistributorView> {
    const d = await this.repo.findOneBy({ userId });
    if (!d) throw new ReferralsError(ErrorCode.DistributorNotFound);
    return this.adminView(d);
  }

  private async adminView(d: Distributor): Promise<AdminDistributorView> {
    const user = await this.tx.dataSource.getRepository(User).findOneBy({ id: d.userId });
    const directReferrals = await this.tx.dataSource.getRepository(ReferralBinding).countBy({ referrerId: d.userId });
    return {
      userId: d.userId, nickname: user?.nickname ?? '', status: d.status, rejectReason: d.rejectReason, pending: d.pending, balance: d.balance, frozen: d.frozen,
      withdrawn: d.withdrawn, reversed: d.reversed, directReferrals, appliedAt: d.appliedAt.toISOString(), reviewedAt: d.reviewedAt?.toISOString() ?? null,
    };
  }

  /** For support: one shopper's chain upward and their referrals below (two levels down), not for payment. */
  async tree(userId: number): Promise<{ user: ReferralTreeNode; upline: { userId: number; nickname: string; boundAt: string }[] }> {
    const users = this.tx.dataSource.getRepository(User);
    const bindings = this.tx.dataSource.getRepository(ReferralBinding);
    const me = await users.findOneBy({ id: userId });
    if (!me) throw new ReferralsError(ErrorCode.NotFound, '用户不存在');
    const upline: { userId: number; nickname: string; boundAt: string }[] = [];
    const seen = new Set([userId]);
    let current = userId;
    for (let i = 0; i < 50; i++) {
      const b = await bindings.findOneBy({ userId: current });
      if (!b || seen.has(b.referrerId)) break;
      seen.add(b.referrerId);
      upline.push({ userId: b.referrerId, nickname: (await users.findOneBy({ id: b.referrerId }))?.nickname ?? '', boundAt: b.boundAt.toISOString() });
      current = b.referrerId;
    }
    const down = async (id: number, depth: number): Promise<ReferralTreeNode[]> => {
      if (depth === 0) return [];
      const children = await bindings.find({ where: { referrerId: id }, order: { boundAt: 'ASC' }, take: 100 });
      return Promise.all(children.map(async (c) => ({ userId: c.userId, nickname: (await users.findOneBy({ id: c.userId }))?.nickname ?? '', boundAt: c.boundAt.toISOString(), children: await down(c.userId, depth - 1) })));
    };
    const own = await bindings.findOneBy({ userId });
    return { user: { userId, nickname: me.nickname, boundAt: own?.boundAt.toISOString() ?? null, children: await down(userId, 2) }, upline };
  }
}

/** Raw rows give dates as Date (mysql2) or 'YYYY-MM-DD HH:MM:SS.sss' UTC text (SQLite). */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`).toISOString();
}
