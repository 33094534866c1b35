import { Injectable } from '@nestjs/common';
import { bindingActive, bindingRefusal, chinaDate } from '@linli/shared';
import type { EntityManager } from 'typeorm';
import { IsNull, Not } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import { Order } from '../orders/entities/order.entity';
import { ReferralBinding, ReferralSettingsRow, ShareLink, ShareVisit } from './entities/referral.entities';
import { ReferralSettingsService } from './referral-settings.service';
import { SharesService } from './shares.service';

/** How far up a chain is followed; a longer chain than this is treated as a cycle and refused. */
const MAX_CHAIN = 200;

export type BindOutcome = { bound: true } | { bound: false; reason: 'invalid_code' | 'already_bound' | 'self' | 'cycle' | 'not_new' };

/**
 * Referral binding: a shopper with no (active) referrer is bound to the sharer of the share they arrive through.
 * Every binding first bumps one counter row, so binding transactions run one at a time across instances (on MySQL
 * the row lock; SQLite has one writer): the chain check then sees every earlier binding, and two shares opened at
 * once, or A→B and B→A at once, cannot both pass. The unique user_id keeps one binding per shopper regardless.
 */
@Injectable()
export class BindingService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly shares: SharesService,
    private readonly settings: ReferralSettingsService,
  ) {}

  async bind(userId: number, code: string, deviceId: string | undefined, now = new Date()): Promise<BindOutcome> {
    const shareId = this.shares.decode(code);
    if (!shareId) return { bound: false, reason: 'invalid_code' };
    const m0 = this.tx.dataSource.manager;
    // The visit, now tied to the user: the device's anonymous visits take the user id, and the user's own visit is written.
    if (deviceId) await m0.createQueryBuilder().update(ShareVisit).set({ userId }).where('device_id = :deviceId AND user_id IS NULL', { deviceId }).execute();
    await m0.createQueryBuilder().insert().into(ShareVisit).values({ shareId, deviceId: deviceId ?? `u${userId}`, userId, day: chinaDate(now), createdAt: now }).orIgnore().updateEntity(false).execute();
    const share = await m0.getRepository(ShareLink).findOneBy({ id: shareId });
    if (!share) return { bound: false, reason: 'invalid_code' };
    if (share.sharerId === userId) return { bound: false, reason: 'self' };
    await this.settings.ensureRow();
    return this.tx.run(async (m) => {
      await m.createQueryBuilder().update(ReferralSettingsRow).set({ bindSeq: () => 'bind_seq + 1' }).where('id = 1').execute();
      const s = await this.settings.get(m);
      const existing = await m.getRepository(ReferralBinding).findOneBy({ userId });
      if (existing && bindingActive(existing, s, now)) return { bound: false, reason: 'already_bound' } as const;
      if (s.bindMode === 'new_only' && (await m.getRepository(Order).existsBy({ userId, paidAt: Not(IsNull()) }))) return { bound: false, reason: 'not_new' } as const;
      const chain = await this.chainOf(m, share.sharerId);
      const refusal = chain === null ? 'cycle' : bindingRefusal(userId, share.sharerId, chain);
      if (refusal) return { bound: false, reason: refusal } as const;
      if (existing) {
        await m.getRepository(ReferralBinding).update({ id: existing.id }, { referrerId: share.sharerId, shareId, chain: [share.sharerId, ...chain!], boundAt: now, lastActivityAt: now });
      } else {
        await m.getRepository(ReferralBinding).insert({ userId, referrerId: share.sharerId, shareId, chain: [share.sharerId, ...chain!], boundAt: now, lastActivityAt: now });
      }
      return { bound: true } as const;
    });
  }

  /**
   * A user's upward chain (their referrer first) through every recorded binding, active or lapsed, so no cycle can
   * form through a lapsed link either; null when it does not end within MAX_CHAIN hops.
   */
  async chainOf(m: EntityManager, userId: number): Promise<number[] | null> {
    const chain: number[] = [];
    let current = userId;
    for (let i = 0; i < MAX_CHAIN; i++) {
      const b = await m.getRepository(ReferralBinding).findOne({ select: { referrerId: true }, where: { userId: current } });
      if (!b) return chain;
      if (chain.includes(b.referrerId) || b.referrerId === userId) return null;
      chain.push(b.referrerId);
      current = b.referrerId;
    }
    return null;
  }

  /** The active referrers above a buyer, level 1 first, up to `depth`. */
  async activeReferrers(m: EntityManager, buyerId: number, depth: number, now: Date): Promise<{ userId: number; bindingId: number }[]> {
    const s = await this.settings.get(m);
    const out: { userId: number; bindingId: number }[] = [];
    let current = buyerId;
    for (let level = 1; level <= depth; level++) {
      const b = await m.getRepository(ReferralBinding).findOneBy({ userId: current });
      if (!b || !bindingActive(b, s, now) || b.referrerId === buyerId) break;
      out.push({ userId: b.referrerId, bindingId: b.id });
      current = b.referrerId;
    }
    return out;
  }
}
