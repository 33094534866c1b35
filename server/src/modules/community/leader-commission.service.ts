import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { lineCommission } from '@linli/shared';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { CommissionEntry, Distributor } from '../referrals/entities/referral.entities';
import { CommunityCampaign, CommunityOrder } from './entities/community.entities';

/** Leader entries sit beside referral levels 1 and 2 in the same ledger, as level 0. */
export const LEADER_LEVEL = 0;

/**
 * A store leader earns on the store's pickup orders, in the referrals' commission ledger: one pending `commission`
 * entry per line when the order is paid (line net × the campaign's rate, or the default), inside the paying
 * transaction, with a unique dedupe key. From there the ledger treats it like any commission: the settle time is set
 * on completion (the pickup), refunds reverse or claw it back proportionally, and the settled balance is withdrawn
 * through the same withdrawals. A leader buying at their own store earns nothing on it. Purchases only: no sharing pays.
 */
@Injectable()
export class LeaderCommissionService implements OnModuleInit {
  constructor(
    private readonly lifecycle: OrderLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.lifecycle.on('paid', 'leader commission pending', (m, { order }) => this.onPaid(m, order));
  }

  /** Makes sure a leader has a ledger account (an approved distributor row) to earn into. */
  static async openAccount(m: EntityManager, userId: number): Promise<void> {
    await m.createQueryBuilder().insert().into(Distributor).values({ userId, status: 'approved', appliedAt: new Date(), reviewedAt: new Date() }).orIgnore().updateEntity(false).execute();
  }

  private async onPaid(m: EntityManager, order: Order): Promise<void> {
    if (order.fulfilment !== 'pickup' || !order.pickupStoreId) return;
    const store = await m.getRepository(PickupStore).findOneBy({ id: order.pickupStoreId });
    const leaderId = store?.leaderUserId;
    if (!leaderId || leaderId === order.userId) return;
    if (!(await m.getRepository(Distributor).existsBy({ userId: leaderId }))) await LeaderCommissionService.openAccount(m, leaderId);
    const link = await m.getRepository(CommunityOrder).findOneBy({ orderId: order.id });
    const campaign = link ? await m.getRepository(CommunityCampaign).findOneBy({ id: link.campaignId }) : null;
    const rate = campaign?.commissionRateBps ?? this.config.community.leaderRateBps;
    const lines = await m.getRepository(OrderLine).find({ where: { orderId: order.id }, order: { id: 'ASC' } });
    const now = order.paidAt ?? new Date();
    let total = 0;
    for (const line of lines) {
      const amount = lineCommission(line.netAmount, rate);
      if (amount <= 0) continue;
      // A group order hears `paid` again when its group succeeds: one entry per line (the dedupe key is unique too).
      if (await m.getRepository(CommissionEntry).existsBy({ dedupeKey: `l:${line.id}` })) continue;
      await m.getRepository(CommissionEntry).insert({
        dedupeKey: `l:${line.id}`, beneficiaryId: leaderId, buyerId: order.userId, orderId: order.id, orderLineId: line.id, level: LEADER_LEVEL,
        kind: 'commission', state: 'pending', amount, lineNet: line.netAmount, rateBps: rate, refundedOfLine: 0, taken: 0, createdAt: now,
      });
      total += amount;
    }
    if (total > 0) await m.createQueryBuilder().update(Distributor).set({ pending: () => `pending + ${total}` }).where('user_id = :u', { u: leaderId }).execute();
  }
}
