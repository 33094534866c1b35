import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, OPEN_REFUND_STATUSES, OrderStatus, alreadyPickedUpMessage, maskName, maskPhone, normalizePickupCode } from '@linli/shared';
import { EntityManager, In, Not, Repository } from 'typeorm';
import { RateLimiter } from '../../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TransactionRunner } from '../../database/transaction-runner';
import { User } from '../auth/entities/user.entity';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderStateService } from '../orders/order-state.service';
import { Refund } from '../payments/entities/refund.entity';
import { PickupReportView, PickupView, VerifiedPickupView, WaitingOrderView } from './community.dto';
import { newPickupCode } from './community-codes';
import { CommunityError } from './community.errors';
import { ShopperPhone } from './entities/community.entities';
import { StaffService, Verifier } from './staff.service';
import { toStoreView } from './stores.service';

const DAY_MS = 86_400_000;

/**
 * Pickup codes and verification (核销). A pickup order gets its code when it is paid; only its owner reads it.
 * Only the order's store verifies it, once: the `pick_up` transition is a conditional UPDATE, so of two verifiers
 * at once one succeeds and the other is told when and by whom. A code of another store answers exactly like an
 * unknown code. Every try counts against the verifier's and the store's per-minute limits in the shared database.
 */
@Injectable()
export class PickupService implements OnModuleInit {
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderLine) private readonly lines: Repository<OrderLine>,
    @InjectRepository(PickupStore) private readonly stores: Repository<PickupStore>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly lifecycle: OrderLifecycle,
    private readonly state: OrderStateService,
    private readonly staff: StaffService,
    private readonly limiter: RateLimiter,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.lifecycle.on('paid', 'pickup code issued', (m, { order }) => this.issueCode(m, order));
  }

  /**
   * Gives a paid pickup order its code, once (a group order hears `paid` again when its group succeeds).
   * A collision with an existing code (about 1 in 10^16 per pair) fails the unique key and the payment
   * transaction, which the notification's retry repeats with a fresh draw.
   */
  private async issueCode(m: EntityManager, order: Order): Promise<void> {
    if (order.fulfilment !== 'pickup') return;
    await m.createQueryBuilder().update(Order).set({ pickupCode: newPickupCode() }).where('id = :id AND pickup_code IS NULL', { id: order.id }).execute();
  }

  /** The owner's pickup card: the code (digits, shown as QR by the app) and the store. Another shopper's order is not found. */
  async forOwner(userId: number, orderId: number): Promise<PickupView> {
    const order = await this.orders.findOne({ where: { id: orderId, userId, fulfilment: 'pickup' }, select: { id: true, orderNo: true, status: true, pickupCode: true, pickupStoreId: true, readyAt: true, completedAt: true, pickedUpBy: true } });
    if (!order || !order.pickupStoreId) throw new CommunityError(ErrorCode.OrderNotFound);
    const store = await this.stores.findOneByOrFail({ id: order.pickupStoreId });
    const pickedUp = order.status === OrderStatus.Completed && order.completedAt ? order.completedAt.toISOString() : null;
    return { orderId: order.id, orderNo: order.orderNo, status: order.status, code: order.pickupCode, store: toStoreView(store), readyAt: order.readyAt?.toISOString() ?? null, pickedUpAt: pickedUp };
  }

  async verify(userId: number, rawCode: string): Promise<VerifiedPickupView> {
    const verifier = await this.staff.requireVerifier(userId);
    await this.limit(verifier);
    const code = normalizePickupCode(rawCode);
    // Another store's order and a malformed code answer exactly like a code that does not exist.
    const order = code ? await this.orders.findOneBy({ pickupCode: code, pickupStoreId: verifier.storeId }) : null;
    if (!order) throw new CommunityError(ErrorCode.PickupCodeUnknown);
    if (order.status !== OrderStatus.ReadyForPickup) throw await this.refusal(order);
    const now = new Date();
    const done = await this.tx.run(async (m) => {
      // A shortage refund of some lines does not hold back the goods that did arrive.
      const open = await m.getRepository(Refund).countBy({ orderId: order.id, status: In(OPEN_REFUND_STATUSES), source: Not('shortage') });
      if (open) throw new CommunityError(ErrorCode.PickupNotReady, '订单有未处理的售后申请，暂不能提货');
      return this.state.apply(m, order, 'pick_up', `${verifier.role}:${userId}`, { changes: { completedAt: now, pickedUpBy: userId }, note: '门店核销' });
    });
    if (!done) throw await this.refusal(await this.orders.findOneByOrFail({ id: order.id }));
    const [lines, buyer] = await Promise.all([this.lines.findBy({ orderId: order.id }), this.users.findOneBy({ id: order.userId })]);
    return {
      orderId: order.id, orderNo: order.orderNo, buyer: maskName(buyer?.nickname ?? ''),
      lines: lines.map((l) => ({ title: l.title, spec: Object.values(l.specs ?? {}).join(' '), quantity: l.quantity })),
      pickedUpAt: now.toISOString(),
    };
  }

  /** Why this store's order cannot be picked up now; for a used code, when and by whom. */
  private async refusal(order: Order): Promise<CommunityError> {
    switch (order.status) {
      case OrderStatus.Completed: {
        const by = order.pickedUpBy ? await this.verifierName(order.pickedUpBy, order.pickupStoreId ?? 0) : '平台运营';
        return new CommunityError(ErrorCode.PickupAlreadyDone, alreadyPickedUpMessage(order.completedAt ?? order.updatedAt, by));
      }
      case OrderStatus.Grouping:
        return new CommunityError(ErrorCode.PickupNotReady, '拼团尚未成功，暂不能提货');
      case OrderStatus.Paid:
        return new CommunityError(ErrorCode.PickupNotReady, '商品还未到店，暂不能提货');
      case OrderStatus.Refunding:
      case OrderStatus.Refunded:
        return new CommunityError(ErrorCode.PickupNotReady, '订单已退款或正在退款，不能提货');
      case OrderStatus.Cancelled:
        return new CommunityError(ErrorCode.PickupNotReady, '订单已取消，不能提货');
      case OrderStatus.PendingPayment:
        return new CommunityError(ErrorCode.PickupNotReady, '订单未支付，不能提货');
      case OrderStatus.Shipped:
      case OrderStatus.ReadyForPickup:
        return new CommunityError(ErrorCode.PickupNotReady);
    }
  }

  /** The verifier's colleagues see who it was: role and nickname (团长 小王). */
  private async verifierName(userId: number, storeId: number): Promise<string> {
    const [user, store] = await Promise.all([this.users.findOneBy({ id: userId }), this.stores.findOneBy({ id: storeId })]);
    const role = store?.leaderUserId === userId ? '团长' : '店员';
    return `${role} ${user?.nickname || `#${userId}`}`;
  }

  private async limit(v: Verifier): Promise<void> {
    const { rateLimits } = this.config;
    const mine = await this.limiter.hit(`pickup:verifier:${v.userId}`);
    if (mine.hits > rateLimits.pickupVerifier) throw new CommunityError(ErrorCode.TooManyRequests, '核销尝试太频繁，请稍后再试');
    const store = await this.limiter.hit(`pickup:store:${v.storeId}`);
    if (store.hits > rateLimits.pickupStore) throw new CommunityError(ErrorCode.TooManyRequests, '本店核销尝试太频繁，请稍后再试');
  }

  /**
   * Orders waiting at the verifier's store, oldest first, buyers and phones masked, never their codes. With
   * `phoneTail`, only buyers whose pickup phone ends with those digits.
   */
  async waiting(userId: number, phoneTail?: string): Promise<WaitingOrderView[]> {
    const verifier = await this.staff.requireVerifier(userId);
    const qb = this.orders.createQueryBuilder('o')
      .where('o.pickupStoreId = :storeId AND o.status = :status', { storeId: verifier.storeId, status: OrderStatus.ReadyForPickup })
      .orderBy('o.readyAt', 'ASC').addOrderBy('o.id', 'ASC').take(200);
    // Digits only (validated), so the LIKE pattern holds no wildcard of the caller's.
    if (phoneTail) qb.andWhere('o.userId IN (SELECT p.user_id FROM shopper_phones p WHERE p.phone LIKE :tail)', { tail: `%${phoneTail}` });
    const rows = await qb.getMany();
    const ids = [...new Set(rows.map((r) => r.userId))];
    const [users, lines, phones] = rows.length
      ? await Promise.all([this.users.findBy({ id: In(ids) }), this.lines.findBy({ orderId: In(rows.map((r) => r.id)) }), this.orders.manager.getRepository(ShopperPhone).findBy({ userId: In(ids) })])
      : [[], [], []];
    const names = new Map(users.map((u) => [u.id, u.nickname]));
    const phoneOf = new Map(phones.map((p) => [p.userId, maskPhone(p.phone)]));
    const overdueBefore = Date.now() - this.config.community.pickupOverdueDays * DAY_MS;
    return rows.map((o) => ({
      orderId: o.id, orderNo: o.orderNo, buyer: maskName(names.get(o.userId) ?? ''),
      quantity: lines.filter((l) => l.orderId === o.id).reduce((n, l) => n + l.quantity, 0),
      readyAt: o.readyAt?.toISOString() ?? null, overdue: !!o.readyAt && o.readyAt.getTime() < overdueBefore, phone: phoneOf.get(o.userId) ?? null,
    }));
  }

  /** Picked up, waiting and overdue counts of one store (operators). */
  async report(storeId: number): Promise<PickupReportView> {
    if (!(await this.stores.existsBy({ id: storeId }))) throw new CommunityError(ErrorCode.PickupStoreNotFound, '自提点不存在');
    const days = this.config.community.pickupOverdueDays;
    const overdueBefore = new Date(Date.now() - days * DAY_MS);
    const [pickedUp, waiting, overdue] = await Promise.all([
      this.orders.countBy({ pickupStoreId: storeId, status: OrderStatus.Completed, fulfilment: 'pickup' }),
      this.orders.countBy({ pickupStoreId: storeId, status: OrderStatus.ReadyForPickup }),
      this.orders.createQueryBuilder('o').where('o.pickupStoreId = :storeId AND o.status = :status AND o.readyAt < :before', { storeId, status: OrderStatus.ReadyForPickup, before: overdueBefore }).getCount(),
    ]);
    return { storeId, pickedUp, waiting, overdue, overdueDays: days };
  }
}
