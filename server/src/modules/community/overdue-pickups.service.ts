import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, OrderStatus, maskName } from '@linli/shared';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { User } from '../auth/entities/user.entity';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { OutboxService } from '../outbox/outbox.service';
import { chinaTime, thing } from '../reminders/flash-reminders.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { OverdueNoticeView } from './community.dto';
import { CommunityError } from './community.errors';
import { LeaderNoticeConsent } from './entities/community.entities';
import { StaffService } from './staff.service';

const DAY_MS = 86_400_000;
/** Orders announced per sweep pass; the next pass takes the rest. */
const BATCH = 200;
/** One-time consents kept per leader (each 允许 in WeChat is one message). */
const MAX_CREDITS = 50;

export interface OverdueSweepResult {
  announced: number;
}

/**
 * 逾期未取提醒: a pickup order still waiting `PICKUP_OVERDUE_DAYS` after it became ready is announced to its store's
 * leader once. The sweep claims each order by `UPDATE … SET overdue_notified_at WHERE overdue_notified_at IS NULL` and
 * enqueues the outbox message in the same transaction, so two instances announce an order once. The message spends one
 * of the leader's one-time subscription consents (a conditional decrement); without one nothing is sent and the order
 * stays flagged in the waiting list and the operator's pickup report.
 */
@Injectable()
export class OverduePickupsService implements OnModuleInit {
  private readonly logger = new Logger(OverduePickupsService.name);

  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(LeaderNoticeConsent) private readonly consents: Repository<LeaderNoticeConsent>,
    private readonly staff: StaffService,
    private readonly outbox: OutboxService,
    private readonly wechat: WechatApiClient,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.outbox.handle('community.pickup_overdue', ({ orderId }) => this.send(orderId));
  }

  async status(leaderId: number): Promise<OverdueNoticeView> {
    await this.staff.requireLeader(leaderId);
    const row = await this.consents.findOneBy({ userId: leaderId });
    return { templateId: this.config.wechat.templates.pickupOverdue, credits: row?.credits ?? 0, overdueDays: this.config.community.pickupOverdueDays };
  }

  /** Records one consent the leader gave in WeChat (one message); at most MAX_CREDITS are kept. */
  async consent(leaderId: number): Promise<OverdueNoticeView> {
    if (!this.config.wechat.templates.pickupOverdue) throw new CommunityError(ErrorCode.ReminderNotAllowed, '暂未开通逾期提醒');
    await this.staff.requireLeader(leaderId);
    await this.consents.createQueryBuilder().insert().into(LeaderNoticeConsent).values({ userId: leaderId, credits: 0, updatedAt: new Date() }).orIgnore().updateEntity(false).execute();
    await this.consents.createQueryBuilder().update(LeaderNoticeConsent).set({ credits: () => 'credits + 1', updatedAt: new Date() })
      .where('user_id = :id AND credits < :max', { id: leaderId, max: MAX_CREDITS }).execute();
    return this.status(leaderId);
  }

  /** Announces every order that became overdue by `now` and was not announced yet. */
  async sweep(now = new Date()): Promise<OverdueSweepResult> {
    const before = new Date(now.getTime() - this.config.community.pickupOverdueDays * DAY_MS);
    const due = await this.orders.createQueryBuilder('o').select('o.id', 'id')
      .where("o.status = :ready AND o.fulfilment = 'pickup' AND o.readyAt <= :before AND o.overdueNotifiedAt IS NULL", { ready: OrderStatus.ReadyForPickup, before })
      .orderBy('o.readyAt', 'ASC').limit(BATCH).getRawMany<{ id: number }>();
    let announced = 0;
    for (const { id } of due) {
      const won = await this.tx.run(async (m) => {
        const claimed = await m.createQueryBuilder().update(Order).set({ overdueNotifiedAt: now })
          .where('id = :id AND overdue_notified_at IS NULL AND status = :ready', { id: Number(id), ready: OrderStatus.ReadyForPickup }).execute();
        if (affectedRows(claimed) !== 1) return false; // another instance has it, or it was picked up meanwhile
        await this.outbox.enqueue(m, 'community.pickup_overdue', { orderId: Number(id) }, `pickup-overdue:${id}`);
        return true;
      });
      if (won) announced++;
    }
    return { announced };
  }

  /** The outbox handler: one message to the store's leader, spending one of their consents. */
  async send(orderId: number): Promise<void> {
    const templateId = this.config.wechat.templates.pickupOverdue;
    const m = this.orders.manager;
    const order = await m.getRepository(Order).findOneBy({ id: orderId });
    const store = order?.pickupStoreId ? await m.getRepository(PickupStore).findOneBy({ id: order.pickupStoreId }) : null;
    if (!templateId || !order || order.status !== OrderStatus.ReadyForPickup || !store?.leaderUserId) return;
    const leaderId = store.leaderUserId;
    const spent = await this.consents.createQueryBuilder().update(LeaderNoticeConsent).set({ credits: () => 'credits - 1' })
      .where('user_id = :id AND credits > 0', { id: leaderId }).execute();
    if (affectedRows(spent) !== 1) return; // no consent left: the flag in the waiting list is all
    const [leader, buyer, lines] = await Promise.all([
      m.getRepository(User).findOneByOrFail({ id: leaderId }),
      m.getRepository(User).findOneBy({ id: order.userId }),
      m.getRepository(OrderLine).findBy({ orderId }),
    ]);
    const goods = lines.length > 1 ? `${lines[0].title}等${lines.length}件` : (lines[0]?.title ?? '自提商品');
    const outcome = await this.wechat.sendSubscribeMessage({
      openid: leader.openid, templateId,
      page: 'packages/leader/index',
      data: {
        thing1: thing(goods), thing2: thing(`顾客 ${maskName(buyer?.nickname ?? '')}`), time3: chinaTime(order.readyAt ?? new Date()),
        thing4: thing(`到店已超过${this.config.community.pickupOverdueDays}天未取，请联系顾客`),
      },
      state: this.config.env === 'production' ? 'formal' : 'developer',
    }).catch((err: unknown) => ({ errcode: -1, errmsg: err instanceof Error ? err.message : String(err) }));
    if (outcome.errcode === 0) return;
    if (outcome.errcode === 43101) {
      // WeChat says no consent is left: our count was ahead of it.
      await this.consents.update({ userId: leaderId }, { credits: 0 });
      return;
    }
    if (outcome.errcode === 47003 || outcome.errcode === 40037) return; // a message WeChat will never take
    // Give the consent back and let the outbox retry.
    await this.consents.createQueryBuilder().update(LeaderNoticeConsent).set({ credits: () => 'credits + 1' }).where('user_id = :id', { id: leaderId }).execute();
    this.logger.warn({ orderId, errcode: outcome.errcode }, 'overdue notice not sent, the outbox retries');
    throw new Error(`subscribe/send failed (${outcome.errcode})`);
  }
}
