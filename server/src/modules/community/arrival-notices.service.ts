import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, OrderStatus } from '@linli/shared';
import { EntityManager, In, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { affectedRows } from '../../database/transaction-runner';
import { User } from '../auth/entities/user.entity';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OutboxService } from '../outbox/outbox.service';
import { chinaTime, thing } from '../reminders/flash-reminders.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { ArrivalNoticeView } from './community.dto';
import { CommunityError } from './community.errors';
import { PickupNotice } from './entities/community.entities';

/** Consent can be given until the goods are at the store. */
const BEFORE_ARRIVAL: readonly string[] = [OrderStatus.PendingPayment, OrderStatus.Grouping, OrderStatus.Paid];

/**
 * 到店提醒: at checkout the shopper consents (requestSubscribeMessage) and the app records it for the order; when the
 * order becomes 待自提 its lifecycle event enqueues one outbox message in the same transaction, and the outbox
 * handler sends one subscribe/send. The handler claims the notice by a conditional UPDATE (consented → sending), so a
 * redelivered message sends nothing twice; 43101 (consent gone) is final, other failures go back for the outbox to retry.
 */
@Injectable()
export class ArrivalNoticesService implements OnModuleInit {
  private readonly logger = new Logger(ArrivalNoticesService.name);

  constructor(
    @InjectRepository(PickupNotice) private readonly notices: Repository<PickupNotice>,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly lifecycle: OrderLifecycle,
    private readonly outbox: OutboxService,
    private readonly wechat: WechatApiClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.lifecycle.on('ready_for_pickup', 'arrival notice queued', (m, { order }) => this.enqueue(m, order));
    this.outbox.handle('community.pickup_ready', ({ orderId }) => this.send(orderId));
  }

  template(): { templateId: string | null } {
    return { templateId: this.config.wechat.templates.pickupReady };
  }

  async status(userId: number, orderId: number): Promise<ArrivalNoticeView> {
    await this.ownPickupOrder(userId, orderId);
    const notice = await this.notices.findOneBy({ orderId });
    return { templateId: this.config.wechat.templates.pickupReady, subscribed: !!notice && notice.status !== 'refused' };
  }

  /** Records the consent the shopper gave in WeChat for this order; asking twice is one notice. */
  async subscribe(userId: number, orderId: number): Promise<ArrivalNoticeView> {
    if (!this.config.wechat.templates.pickupReady) throw new CommunityError(ErrorCode.ReminderNotAllowed, '暂未开通到店提醒');
    const order = await this.ownPickupOrder(userId, orderId);
    if (!BEFORE_ARRIVAL.includes(order.status)) throw new CommunityError(ErrorCode.ReminderNotAllowed, '订单已到店或已结束，无需提醒');
    await this.notices.createQueryBuilder().insert().into(PickupNotice)
      .values({ orderId, userId, status: 'consented', attempts: 0, error: null, sentAt: null }).orIgnore().updateEntity(false).execute();
    return this.status(userId, orderId);
  }

  private async ownPickupOrder(userId: number, orderId: number): Promise<Order> {
    const order = await this.orders.findOneBy({ id: orderId, userId, fulfilment: 'pickup' });
    if (!order) throw new CommunityError(ErrorCode.OrderNotFound);
    return order;
  }

  private async enqueue(m: EntityManager, order: Order): Promise<void> {
    if (order.fulfilment !== 'pickup') return;
    if (!(await m.getRepository(PickupNotice).existsBy({ orderId: order.id, status: 'consented' }))) return;
    await this.outbox.enqueue(m, 'community.pickup_ready', { orderId: order.id }, `pickup-ready:${order.id}`);
  }

  /** The outbox handler: one message per consented notice. */
  async send(orderId: number): Promise<void> {
    const templateId = this.config.wechat.templates.pickupReady;
    const notice = await this.notices.findOneBy({ orderId });
    if (!templateId || !notice) return;
    const claimed = await this.notices.createQueryBuilder().update(PickupNotice)
      .set({ status: 'sending', attempts: notice.attempts + 1 })
      .where('order_id = :orderId AND status = :consented', { orderId, consented: 'consented' }).execute();
    if (!affectedRows(claimed)) return; // sent, refused, or another worker has it
    const m = this.notices.manager;
    const order = await m.getRepository(Order).findOneByOrFail({ id: orderId });
    const [user, store, lines] = await Promise.all([
      m.getRepository(User).findOneByOrFail({ id: order.userId }),
      m.getRepository(PickupStore).findOneByOrFail({ id: order.pickupStoreId ?? 0 }),
      m.getRepository(OrderLine).findBy({ orderId: In([orderId]) }),
    ]);
    const goods = lines.length > 1 ? `${lines[0].title}等${lines.length}件` : (lines[0]?.title ?? '自提商品');
    const outcome = await this.wechat.sendSubscribeMessage({
      openid: user.openid, templateId,
      page: `packages/order/detail/index?id=${orderId}`,
      data: { thing1: thing(goods), thing2: thing(store.name), thing3: thing(store.address), time4: chinaTime(order.readyAt ?? new Date()) },
      state: this.config.env === 'production' ? 'formal' : 'developer',
    }).catch((err: unknown) => ({ errcode: -1, errmsg: err instanceof Error ? err.message : String(err) }));
    if (outcome.errcode === 0) {
      await this.notices.update({ orderId }, { status: 'sent', sentAt: new Date(), error: null });
    } else if (outcome.errcode === 43101 || outcome.errcode === 47003 || outcome.errcode === 40037) {
      // Consent gone, or a message WeChat will never take: retrying cannot help.
      await this.notices.update({ orderId }, { status: outcome.errcode === 43101 ? 'refused' : 'failed', error: `${outcome.errcode} ${outcome.errmsg}`.slice(0, 100) });
    } else {
      await this.notices.update({ orderId }, { status: 'consented', error: `${outcome.errcode} ${outcome.errmsg}`.slice(0, 100) });
      this.logger.warn({ orderId, errcode: outcome.errcode }, 'arrival notice not sent, the outbox retries');
      throw new Error(`subscribe/send failed (${outcome.errcode})`);
    }
  }
}
