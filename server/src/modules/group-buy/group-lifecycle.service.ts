import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, GroupEvent, GroupStatus, OrderStatus, SeatEvent, SeatStatus, groupSourceStates, nextGroupStatus, nextSeatStatus, seatSourceStates } from '@linli/shared';
import { EntityManager, In, LessThanOrEqual, Repository } from 'typeorm';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { transition, transitionAll } from '../../database/transition';
import { Order } from '../orders/entities/order.entity';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderStateService } from '../orders/order-state.service';
import { PurchaseQuotaService } from '../orders/purchase-quota';
import { RefundsService } from '../payments/refunds.service';
import { GroupBuyCampaign } from './entities/group-buy-campaign.entity';
import { Group, GroupMember } from './entities/group.entity';
import { GroupBuyError } from './group-buy.errors';

export const quotaScope = (campaignId: number) => `group:${campaignId}`;

export interface GroupSweepResult {
  closed: number;
  refunded: number;
}

/**
 * Everything that happens to a group after its orders are placed: payments open and fill it, unpaid seats come back,
 * expiry fails it (or completes it virtually), and failed members are refunded. Every step is a conditional UPDATE on
 * the group's or the seat's state, so payment notifications, sweeps on several instances and operators can race freely.
 */
@Injectable()
export class GroupLifecycleService implements OnModuleInit {
  private readonly logger = new Logger(GroupLifecycleService.name);

  constructor(
    @InjectRepository(Group) private readonly groups: Repository<Group>,
    @InjectRepository(GroupMember) private readonly members: Repository<GroupMember>,
    private readonly tx: TransactionRunner,
    private readonly lifecycle: OrderLifecycle,
    private readonly orderState: OrderStateService,
    private readonly quotas: PurchaseQuotaService,
    private readonly refunds: RefundsService,
  ) {}

  onModuleInit(): void {
    const group = (order: Order) => order.kind === 'group';
    this.lifecycle.on('paid', 'group seat paid', async (m, { order, transition }) => {
      if (group(order) && transition === 'pay_into_group') await this.seatPaid(m, order);
    });
    this.lifecycle.on('cancelled', 'group seat released', async (m, { order }) => {
      if (group(order)) await this.seatReleased(m, order);
    });
    this.lifecycle.on('expired', 'group seat released', async (m, { order }) => {
      if (group(order)) await this.seatReleased(m, order);
    });
    this.lifecycle.on('refunded', 'group units and quota back', async (m, { order, refund }) => {
      if (group(order) && refund.restock) await this.unitsRefunded(m, order, refund.lines.reduce((n, l) => n + l.quantity, 0));
    });
  }

  // ---- lifecycle handlers (inside the order's transaction) ----

  /** A member paid: the leader's payment opens the group, the last seat's payment fills it. */
  private async seatPaid(m: EntityManager, order: Order): Promise<void> {
    const member = await m.getRepository(GroupMember).findOneByOrFail({ orderId: order.id });
    if (!(await this.moveSeat(m, member.id, 'pay', { paidAt: new Date() }))) return;
    const group = await m.getRepository(Group).findOneByOrFail({ id: member.groupId });
    if (member.isLeader) {
      const campaign = await m.getRepository(GroupBuyCampaign).findOneByOrFail({ id: group.campaignId });
      const now = new Date();
      const opened = await this.moveGroup(m, group.id, 'leader_paid', { openedAt: now, expiresAt: new Date(now.getTime() + campaign.timeLimitSeconds * 1000), paidCount: 1 });
      if (!opened) await this.moveSeat(m, member.id, 'owe_refund');
      return;
    }
    const counted = await m.createQueryBuilder().update(Group).set({ paidCount: () => 'paid_count + 1' })
      .where('id = :id AND status = :open', { id: group.id, open: GroupStatus.Open }).execute();
    // The group closed before this payment counted (expired, or an operator closed it): the money goes back.
    if (affectedRows(counted) !== 1) {
      await this.moveSeat(m, member.id, 'owe_refund');
      return;
    }
    if (group.paidCount + 1 >= group.size) await this.succeed(m, group.id, 'fill', 'system');
  }

  /** An unpaid order was cancelled or expired: its seat, campaign stock and quota come back. */
  private async seatReleased(m: EntityManager, order: Order): Promise<void> {
    const member = await m.getRepository(GroupMember).findOneBy({ orderId: order.id });
    if (!member || !(await this.moveSeat(m, member.id, 'release', { seatHolder: null }))) return;
    const group = await m.getRepository(Group).findOneByOrFail({ id: member.groupId });
    if (member.isLeader) await this.moveGroup(m, group.id, 'leader_unpaid', { closedAt: new Date() });
    else await m.createQueryBuilder().update(Group).set({ seatsTaken: () => 'seats_taken - 1' }).where('id = :id', { id: group.id }).execute();
    await this.returnCampaignUnits(m, group.campaignId, order.userId, member.quantity);
  }

  /**
   * Goods of a group order that never shipped were refunded (a failed group's member, or an after-sale after success):
   * the campaign's units and the shopper's quota come back. The SKU stock comes back through SkuStockHandler.
   */
  private async unitsRefunded(m: EntityManager, order: Order, quantity: number): Promise<void> {
    if (!order.groupId || quantity <= 0) return;
    const group = await m.getRepository(Group).findOneByOrFail({ id: order.groupId });
    await this.returnCampaignUnits(m, group.campaignId, order.userId, quantity);
  }

  // ---- closing a group ----

  /** Success: every paid member's order moves on to shipping; unpaid reservations are ended at once. */
  async succeed(
    m: EntityManager, groupId: number, event: Extract<GroupEvent, 'fill' | 'virtual_complete' | 'force_success'>, actor: string, reason?: string,
    condition = event === 'fill' ? 'paid_count >= size' : undefined,
  ): Promise<boolean> {
    const won = await this.moveGroup(m, groupId, event, { closedAt: new Date(), virtual: event === 'virtual_complete', ...this.closedBy(actor, reason) }, condition);
    if (!won) return false;
    const seats = await m.getRepository(GroupMember).findBy({ groupId, status: In([SeatStatus.Paid, SeatStatus.Reserved]) });
    for (const seat of seats.filter((s) => s.status === SeatStatus.Paid)) {
      await this.orderState.apply(m, { id: seat.orderId, status: OrderStatus.Grouping }, 'group_succeed', actor, { note: reason ?? '拼团成功' });
    }
    await this.endReservations(m, seats);
    return true;
  }

  /** Failure: every paid seat is owed a refund (the refund pass pays it); unpaid reservations are ended at once. */
  async fail(m: EntityManager, groupId: number, event: Extract<GroupEvent, 'expire' | 'force_fail'>, actor: string, reason?: string): Promise<boolean> {
    if (!(await this.moveGroup(m, groupId, event, { closedAt: new Date(), ...this.closedBy(actor, reason) }))) return false;
    const oweRefund = seatSourceStates('owe_refund');
    await transitionAll(m, GroupMember, { groupId }, oweRefund, nextSeatStatus(oweRefund[0], 'owe_refund')!);
    await this.endReservations(m, await m.getRepository(GroupMember).findBy({ groupId, status: SeatStatus.Reserved }));
    return true;
  }

  /** An operator's decision, with the reason kept on the group. */
  async force(groupId: number, outcome: 'success' | 'fail', actor: string, reason: string): Promise<void> {
    const group = await this.groups.findOneBy({ id: groupId });
    if (!group) throw new GroupBuyError(ErrorCode.GroupNotFound, '拼团不存在');
    const won = await this.tx.run((m) => (outcome === 'success' ? this.succeed(m, groupId, 'force_success', actor, reason) : this.fail(m, groupId, 'force_fail', actor, reason)));
    if (!won) throw new GroupBuyError(ErrorCode.GroupStateInvalid, '只有拼团中的团可以手动成团或失败');
    if (outcome === 'fail') await this.refundDue();
  }

  // ---- sweeps (safe on several instances at once) ----

  /** Closes groups whose time ran out (failing them, or completing them virtually), then pays the refunds owed. */
  async sweep(now = new Date(), batch = 200): Promise<GroupSweepResult> {
    let closed = 0;
    const full = await this.groups.createQueryBuilder('g').where('g.status = :open AND g.paidCount >= g.size', { open: GroupStatus.Open }).take(batch).getMany();
    for (const group of full) if (await this.tx.run((m) => this.succeed(m, group.id, 'fill', 'system'))) closed++;
    const expired = await this.groups.find({ where: { status: GroupStatus.Open, expiresAt: LessThanOrEqual(now) }, order: { expiresAt: 'ASC' }, take: batch });
    for (const group of expired) {
      const campaign = await this.groups.manager.getRepository(GroupBuyCampaign).findOneByOrFail({ id: group.campaignId });
      const min = campaign.virtualMinMembers;
      // Write first, read nothing before: the paid count is a condition of the UPDATE, so a racing payment is counted
      // and (on SQLite) the transaction takes the write lock with its first statement.
      const won = await this.tx.run(async (m) =>
        (min !== null && (await this.succeed(m, group.id, 'virtual_complete', 'system', '模拟成团', `paid_count >= ${Number(min)}`))) ||
        this.fail(m, group.id, 'expire', 'system', '拼团时间已到，人数不足'));
      if (won) closed++;
    }
    return { closed, refunded: await this.refundDue(batch) };
  }

  /**
   * Pays every refund a failed group owes. Each seat moves refund_due → refunded by a conditional UPDATE in the same
   * transaction that creates its refund, so two sweeps can never refund a member twice, and a crash between the two
   * leaves the seat due for the next pass. The refund call itself is idempotent per out_refund_no.
   */
  async refundDue(batch = 200): Promise<number> {
    const due = await this.members.find({ where: { status: SeatStatus.RefundDue }, take: batch });
    let refunded = 0;
    for (const seat of due) {
      const refundId = await this.tx.run(async (m) => {
        if (!(await this.moveSeat(m, seat.id, 'refund'))) return null;
        const order = await m.getRepository(Order).findOneByOrFail({ id: seat.orderId });
        if (!(await this.orderState.apply(m, order, 'group_fail', 'system', { note: '拼团未成功，自动退款' }))) {
          throw new Error(`group order ${order.id} is ${order.status}, not grouping`);
        }
        // The stock, the campaign's units and the quota come back when the refund succeeds (the `refunded` handlers).
        const id = await this.refunds.createForFailedGroup(m, order);
        await m.getRepository(GroupMember).update({ id: seat.id }, { refundId: id });
        return id;
      }).catch((err: unknown) => {
        this.logger.error({ err, seatId: seat.id }, 'group refund failed; will retry');
        return null;
      });
      if (refundId === null) continue;
      refunded++;
      await this.refunds.submit(refundId).catch((err: unknown) => this.logger.warn({ err, refundId }, 'group refund submit failed; the payment sweep retries'));
    }
    return refunded;
  }

  // ---- helpers ----

  private closedBy(actor: string, reason?: string): Partial<Group> {
    return actor === 'system' ? {} : { closedBy: actor.slice(0, 32), closeReason: reason?.slice(0, 200) ?? null };
  }

  /** Reserved seats of a closed group: their orders are due now, so the order sweep cancels them (asking WeChat first). */
  private async endReservations(m: EntityManager, seats: GroupMember[]): Promise<void> {
    const orderIds = seats.filter((s) => s.status === SeatStatus.Reserved).map((s) => s.orderId);
    if (!orderIds.length) return;
    await m.createQueryBuilder().update(Order).set({ payDeadline: new Date() })
      .where('id IN (:...orderIds) AND status = :pending', { orderIds, pending: OrderStatus.PendingPayment }).execute();
  }

  private async returnCampaignUnits(m: EntityManager, campaignId: number, userId: number, quantity: number): Promise<void> {
    await m.createQueryBuilder().update(GroupBuyCampaign).set({ stockLeft: () => `stock_left + ${Number(quantity)}` }).where('id = :id', { id: campaignId }).execute();
    await this.quotas.give(m, quotaScope(campaignId), userId, quantity);
  }

  private moveGroup(m: EntityManager, id: number, event: GroupEvent, changes: Partial<Group>, extraCondition?: string): Promise<boolean> {
    const from = groupSourceStates(event);
    return transition(m, Group, { id }, from, nextGroupStatus(from[0], event)!, changes, extraCondition);
  }

  private moveSeat(m: EntityManager, id: number, event: SeatEvent, changes: Partial<GroupMember> = {}): Promise<boolean> {
    const from = seatSourceStates(event);
    return transition(m, GroupMember, { id }, from, nextSeatStatus(from[0], event)!, changes);
  }
}
