import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ErrorCode, Page, WithdrawalStatus, WithdrawalView, chinaDate, withdrawalProblem, withdrawalTransition } from '@linli/shared';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { LessThanOrEqual } from 'typeorm';
import { SelfUrl } from '../../common/self-url';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { transition } from '../../database/transition';
import { User } from '../auth/entities/user.entity';
import { OutboxService } from '../outbox/outbox.service';
import { TransferBill, TransferState, WechatPayApiError, WechatPayClient } from '../payments/wechat-pay/wechat-pay.client';
import { WECHAT_PAY_KEYS, WechatPayKeys } from '../payments/wechat-pay/wechat-pay.keys';
import { Distributor, Withdrawal } from './entities/referral.entities';
import { ReferralSettingsService } from './referral-settings.service';
import { ReferralsError } from './referrals.errors';

const REFUSALS: Record<string, { code: ErrorCode; message?: string }> = {
  amount: { code: ErrorCode.WithdrawalRefused, message: '提现金额不正确' },
  negative_balance: { code: ErrorCode.WithdrawalBalanceNegative },
  below_minimum: { code: ErrorCode.WithdrawalRefused, message: '低于最低提现金额' },
  insufficient_balance: { code: ErrorCode.WithdrawalRefused, message: '可提现余额不足' },
  daily_limit: { code: ErrorCode.WithdrawalRefused, message: '超过今日提现额度' },
};

const FINAL_FAIL: TransferState[] = ['FAIL', 'CANCELLED'];

/**
 * Withdrawals: the amount leaves the balance for `frozen` when requested (one conditional UPDATE that also checks
 * the balance, the sign and the day's limit), an operator approves or rejects, and the payout goes through WeChat
 * Pay's merchant transfer after the approving transaction commits: the approval writes an outbox message in its
 * transaction (so the payout is never lost), and the approving request also tries at once after commit. Each
 * withdrawal has one out_bill_no for its whole life: an approval clicked twice moves the row once, and every retry
 * (operator, outbox, another instance) resends the same number, which WeChat (and the simulator) pays at most once.
 */
@Injectable()
export class WithdrawalsService implements OnModuleInit {
  private readonly logger = new Logger('Withdrawals');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly settings: ReferralSettingsService,
    private readonly client: WechatPayClient,
    private readonly selfUrl: SelfUrl,
    @Inject(WECHAT_PAY_KEYS) private readonly keys: WechatPayKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.outbox.handle('referrals.transfer', async ({ withdrawalId }) => {
      await this.transfer(withdrawalId);
      // Still approved: WeChat did not take the bill yet; the outbox retries with backoff.
      if ((await this.repo.findOneBy({ id: withdrawalId }))?.status === 'approved') throw new Error(`withdrawal ${withdrawalId}: transfer not accepted yet`);
    });
  }

  private get repo() {
    return this.tx.dataSource.getRepository(Withdrawal);
  }

  async request(userId: number, amount: number, now = new Date()): Promise<WithdrawalView> {
    const s = await this.settings.get();
    const d = await this.tx.dataSource.getRepository(Distributor).findOneBy({ userId });
    if (!d || d.status !== 'approved') throw new ReferralsError(ErrorCode.DistributorStateInvalid, '还不是分销员，不能提现');
    const day = chinaDate(now);
    const withdrawnToday = d.withdrawDay === day ? d.withdrawnToday : 0;
    const problem = withdrawalProblem(d, amount, s, withdrawnToday);
    if (problem) throw new ReferralsError(REFUSALS[problem].code, REFUSALS[problem].message);
    return this.tx.run(async (m) => {
      // The checks again, in the UPDATE itself: two requests at once cannot both spend the same balance or limit.
      const moved = await m.createQueryBuilder().update(Distributor)
        .set({
          balance: () => 'balance - :amount', frozen: () => 'frozen + :amount',
          withdrawnToday: () => 'CASE WHEN withdraw_day = :day THEN withdrawn_today + :amount ELSE :amount END', withdrawDay: day,
        })
        .where("user_id = :userId AND status = 'approved' AND balance >= :amount AND balance >= 0")
        .andWhere('(CASE WHEN withdraw_day = :day THEN withdrawn_today ELSE 0 END) + :amount <= :limit')
        .setParameters({ userId, amount, day, limit: s.withdrawDailyLimit }).execute();
      if (!affectedRows(moved)) throw new ReferralsError(ErrorCode.WithdrawalRefused, '余额或今日额度已变化，请刷新后重试');
      const outBillNo = `LW${now.getTime().toString(36)}${randomBytes(8).toString('hex')}`.toUpperCase();
      const w = await m.getRepository(Withdrawal).save(m.getRepository(Withdrawal).create({ userId, amount, status: 'reviewing', outBillNo, updatedAt: now }));
      return this.view(w);
    });
  }

  async mine(userId: number, page: number, pageSize: number): Promise<Page<WithdrawalView>> {
    const [rows, total] = await this.repo.findAndCount({ where: { userId }, order: { id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items: rows.map((w) => this.view(w)), total, page, pageSize };
  }

  async get(userId: number, id: number): Promise<WithdrawalView> {
    const w = await this.repo.findOneBy({ id, userId });
    if (!w) throw new ReferralsError(ErrorCode.WithdrawalNotFound);
    return this.view(w);
  }

  /** After `wx.requestMerchantTransfer` returns, the app asks WeChat (through us) where the bill stands. */
  async refresh(userId: number, id: number): Promise<WithdrawalView> {
    const w = await this.repo.findOneBy({ id, userId });
    if (!w) throw new ReferralsError(ErrorCode.WithdrawalNotFound);
    if (w.status === 'transferring') await this.query(w);
    return this.view(await this.repo.findOneByOrFail({ id }));
  }

  view(w: Withdrawal): WithdrawalView {
    const waiting = w.status === 'transferring' && w.transferState === 'WAIT_USER_CONFIRM' && w.packageInfo;
    return {
      id: w.id, amount: w.amount, status: w.status, outBillNo: w.outBillNo, transferState: w.transferState, reason: w.reason, createdAt: w.createdAt.toISOString(),
      confirm: waiting ? { mchId: this.keys.mchid, appId: this.keys.appid, package: w.packageInfo! } : null,
    };
  }

  // ───── operator ─────

  async list(page: number, pageSize: number, status?: WithdrawalStatus): Promise<Page<WithdrawalView & { userId: number; attempts: number }>> {
    const [rows, total] = await this.repo.findAndCount({ where: status ? { status } : {}, order: { id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items: rows.map((w) => ({ ...this.view(w), userId: w.userId, attempts: w.attempts })), total, page, pageSize };
  }

  /** Approves once (the loser of a double click gets 409) and sends the transfer after commit. */
  async approve(id: number, adminId: number): Promise<WithdrawalView> {
    const t = withdrawalTransition('approve');
    const won = await this.tx.run(async (m) => {
      if (!(await transition(m, Withdrawal, { id }, t.from, t.to, { reviewedBy: adminId, updatedAt: new Date() }))) return false;
      await this.outbox.enqueue(m, 'referrals.transfer', { withdrawalId: id }, `withdrawal:${id}`);
      return true;
    });
    if (!won) throw await this.stateError(id);
    // The fast path; the outbox message covers a crash or a failure here.
    await this.transfer(id);
    return this.view(await this.repo.findOneByOrFail({ id }));
  }

  async reject(id: number, adminId: number, reason: string): Promise<WithdrawalView> {
    const won = await this.tx.run(async (m) => {
      const w = await m.getRepository(Withdrawal).findOneBy({ id });
      if (!w) return false;
      const t = withdrawalTransition('reject');
      if (!(await transition(m, Withdrawal, { id }, t.from, t.to, { reviewedBy: adminId, reason, updatedAt: new Date() }))) return false;
      await this.giveBack(m, w);
      return true;
    });
    if (!won) throw await this.stateError(id);
    return this.view(await this.repo.findOneByOrFail({ id }));
  }

  /** Sends an approved withdrawal's transfer again (after a failure to reach WeChat), or asks where a sent one stands. */
  async retry(id: number): Promise<WithdrawalView> {
    const w = await this.repo.findOneBy({ id });
    if (!w) throw new ReferralsError(ErrorCode.WithdrawalNotFound);
    if (w.status === 'approved') await this.transfer(id);
    else if (w.status === 'transferring') await this.query(w);
    else throw new ReferralsError(ErrorCode.WithdrawalStateInvalid);
    return this.view(await this.repo.findOneByOrFail({ id }));
  }

  /** Cancels a bill the shopper has not confirmed; the money returns to the balance when WeChat says CANCELLED. */
  async cancel(id: number): Promise<WithdrawalView> {
    const w = await this.repo.findOneBy({ id });
    if (!w) throw new ReferralsError(ErrorCode.WithdrawalNotFound);
    if (w.status !== 'transferring' || w.transferState !== 'WAIT_USER_CONFIRM') throw new ReferralsError(ErrorCode.WithdrawalStateInvalid);
    try {
      await this.client.cancelTransferBill(w.outBillNo);
    } catch (err) {
      throw new ReferralsError(ErrorCode.PaymentProviderError, err instanceof WechatPayApiError ? `撤销失败：${err.code}` : undefined);
    }
    await this.query(w);
    return this.view(await this.repo.findOneByOrFail({ id }));
  }

  private async stateError(id: number): Promise<ReferralsError> {
    return (await this.repo.existsBy({ id })) ? new ReferralsError(ErrorCode.WithdrawalStateInvalid) : new ReferralsError(ErrorCode.WithdrawalNotFound);
  }

  /** Calls the merchant transfer for an approved withdrawal. A failure to get an answer leaves it approved for a retry. */
  async transfer(id: number): Promise<void> {
    const w = await this.repo.findOneBy({ id });
    if (!w || w.status !== 'approved') return;
    const user = await this.tx.dataSource.getRepository(User).findOneByOrFail({ id: w.userId });
    await this.repo.increment({ id }, 'attempts', 1);
    let bill: TransferBill;
    try {
      bill = await this.client.createTransferBill({
        outBillNo: w.outBillNo, openid: user.openid, amount: w.amount, remark: `${this.config.storeName}分销佣金提现`.slice(0, 32), sceneId: this.config.referrals.transferSceneId,
        notifyUrl: `${this.selfUrl.public}/api/payments/wechat/transfer-notify`,
      });
    } catch (err) {
      const e = err as WechatPayApiError;
      this.logger.warn({ withdrawal: id, status: e.status, code: e.code }, 'merchant transfer not accepted; will retry');
      await this.repo.update({ id, status: 'approved' }, { reason: `转账未成功（${e.code ?? 'ERROR'}），等待重试`.slice(0, 100), updatedAt: new Date() });
      return;
    }
    await this.applyBill(w.outBillNo, bill);
  }

  private async query(w: Withdrawal): Promise<void> {
    try {
      await this.applyBill(w.outBillNo, await this.client.queryTransferBill(w.outBillNo));
    } catch (err) {
      this.logger.warn({ withdrawal: w.id, code: (err as WechatPayApiError).code }, 'transfer query failed');
    }
  }

  /** Where WeChat says a bill stands, applied once: SUCCESS pays, FAIL/CANCELLED gives the money back, else waiting. */
  async applyBill(outBillNo: string, bill: Pick<TransferBill, 'state' | 'transfer_bill_no' | 'package_info' | 'fail_reason'>): Promise<boolean> {
    return this.tx.run(async (m) => {
      const w = await m.getRepository(Withdrawal).findOneBy({ outBillNo });
      if (!w) return false;
      const now = new Date();
      const common = { transferBillNo: bill.transfer_bill_no ?? w.transferBillNo, transferState: bill.state, updatedAt: now };
      if (bill.state === 'SUCCESS') {
        const t = withdrawalTransition('succeed');
        if (!(await transition(m, Withdrawal, { id: w.id }, t.from, t.to, { ...common, paidAt: now, reason: null }))) return false;
        await m.createQueryBuilder().update(Distributor).set({ frozen: () => `frozen - ${w.amount}`, withdrawn: () => `withdrawn + ${w.amount}` }).where('user_id = :u', { u: w.userId }).execute();
        return true;
      }
      if (FINAL_FAIL.includes(bill.state)) {
        const t = withdrawalTransition('fail');
        if (!(await transition(m, Withdrawal, { id: w.id }, t.from, t.to, { ...common, reason: (bill.fail_reason ?? bill.state).slice(0, 100) }))) return false;
        await this.giveBack(m, w);
        return true;
      }
      const t = withdrawalTransition('accepted');
      if (w.status === 'approved') return transition(m, Withdrawal, { id: w.id }, t.from, t.to, { ...common, packageInfo: bill.package_info ?? w.packageInfo, reason: null });
      await m.getRepository(Withdrawal).update({ id: w.id, status: 'transferring' }, { ...common, ...(bill.package_info ? { packageInfo: bill.package_info } : {}) });
      return false;
    });
  }

  /**
   * A rejected or failed withdrawal's money goes back to the balance, and to the day's quota when it was requested
   * on the quota's current day (a later day's quota never counted it).
   */
  private async giveBack(m: EntityManager, w: Withdrawal): Promise<void> {
    const amount = Number(w.amount);
    await m.createQueryBuilder().update(Distributor)
      .set({
        frozen: () => `frozen - ${amount}`, balance: () => `balance + ${amount}`,
        withdrawnToday: () => `CASE WHEN withdraw_day = :day AND withdrawn_today >= ${amount} THEN withdrawn_today - ${amount} ELSE withdrawn_today END`,
      })
      .where('user_id = :u', { u: w.userId }).setParameters({ day: chinaDate(w.createdAt) }).execute();
  }

  /**
   * The sweep asks WeChat about bills sent a while ago that no notification settled (approved ones are the outbox's
   * to resend).
   */
  async sweep(now = new Date(), olderThanSeconds = 30): Promise<{ queried: number }> {
    const before = new Date(now.getTime() - olderThanSeconds * 1000);
    const stale = await this.repo.find({ where: { status: 'transferring', updatedAt: LessThanOrEqual(before) }, order: { id: 'ASC' }, take: 50 });
    for (const w of stale) await this.query(w);
    return { queried: stale.length };
  }
}
