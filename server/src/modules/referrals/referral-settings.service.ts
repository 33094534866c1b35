import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_REFERRAL_SETTINGS, ErrorCode, ReferralSettings, referralSettingsProblems } from '@linli/shared';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TransactionRunner } from '../../database/transaction-runner';
import { ProductCommissionRate, ReferralSettingsRow } from './entities/referral.entities';
import { ReferralsError } from './referrals.errors';

/** The operator's referral settings, read from the database on every use (several instances share them). */
@Injectable()
export class ReferralSettingsService {
  constructor(
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(m: EntityManager = this.tx.dataSource.manager): Promise<ReferralSettings> {
    const row = await m.getRepository(ReferralSettingsRow).findOneBy({ id: 1 });
    if (!row) return { ...DEFAULT_REFERRAL_SETTINGS };
    return { ...DEFAULT_REFERRAL_SETTINGS, ...(JSON.parse(row.settings) as Partial<ReferralSettings>) };
  }

  async save(settings: ReferralSettings): Promise<ReferralSettings> {
    const problems = referralSettingsProblems(settings);
    if (problems.length) throw new ReferralsError(ErrorCode.ReferralSettingsInvalid, `分销设置不正确：${problems.join('; ')}`);
    const clean: ReferralSettings = { ...DEFAULT_REFERRAL_SETTINGS, ...settings };
    await this.ensureRow();
    await this.tx.dataSource.getRepository(ReferralSettingsRow).update({ id: 1 }, { settings: JSON.stringify(clean), updatedAt: new Date() });
    return clean;
  }

  /** The settings row exists before anything locks it. */
  async ensureRow(m: EntityManager = this.tx.dataSource.manager): Promise<void> {
    await m.createQueryBuilder().insert().into(ReferralSettingsRow).values({ id: 1, settings: JSON.stringify(DEFAULT_REFERRAL_SETTINGS), bindSeq: 0, updatedAt: new Date() }).orIgnore().updateEntity(false).execute();
  }

  /** Milliseconds after completion before commission settles (the after-sales window), or the test override. */
  settleWindowMs(s: ReferralSettings): number {
    return (this.config.referrals.settleWindowSeconds ?? s.settleWindowDays * 86_400) * 1000;
  }

  async productRates(m: EntityManager, productIds: number[]): Promise<Map<number, number>> {
    if (!productIds.length) return new Map();
    const rows = await m.getRepository(ProductCommissionRate).findBy({ productId: In([...new Set(productIds)]) });
    return new Map(rows.map((r) => [r.productId, r.rateBps]));
  }

  async setProductRate(productId: number, rateBps: number | null): Promise<{ productId: number; rateBps: number | null }> {
    const repo = this.tx.dataSource.getRepository(ProductCommissionRate);
    if (rateBps === null) await repo.delete({ productId });
    else await repo.upsert({ productId, rateBps }, ['productId']);
    return { productId, rateBps };
  }
}
