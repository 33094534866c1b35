import type { GroupStatus, SeatStatus } from '@linli/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, CreatedAt, DateColumn, MoneyColumn } from '../../../database/columns';

/** One group (团). Its status and seat counters move only by conditional UPDATEs. */
@Entity('group_buy_groups')
@Index('idx_groups_campaign_status', ['campaignId', 'status'])
@Index('idx_groups_status_expires', ['status', 'expiresAt'])
export class Group {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'campaign_id', type: 'int' }) campaignId: number;

  @Column({ name: 'product_id', type: 'int' }) productId: number;

  @Column({ name: 'leader_user_id', type: 'int' }) leaderUserId: number;

  @Column({ type: 'varchar', length: 12 }) status: GroupStatus;

  @Column({ type: 'int' }) size: number;

  /** The extra per-unit discount of the tier this group was opened at. */
  @MoneyColumn({ name: 'tier_discount' }) tierDiscount: number;

  /** Reserved and paid seats; never above `size`. */
  @Column({ name: 'seats_taken', type: 'int', default: 1 }) seatsTaken: number;

  @Column({ name: 'paid_count', type: 'int', default: 0 }) paidCount: number;

  @DateColumn('opened_at') openedAt: Date | null;

  @DateColumn('expires_at') expiresAt: Date | null;

  @DateColumn('closed_at') closedAt: Date | null;

  @BoolColumn({ default: false }) virtual: boolean;

  /** Who closed it and why, when an operator forced it. */
  @Column({ name: 'closed_by', type: 'varchar', length: 32, nullable: true }) closedBy: string | null;

  @Column({ name: 'close_reason', type: 'varchar', length: 200, nullable: true }) closeReason: string | null;

  @CreatedAt() createdAt: Date;
}

/** A seat in a group, held by one order. */
@Entity('group_buy_members')
@Index('uq_group_member_order', ['orderId'], { unique: true })
@Index('uq_group_member_holder', ['groupId', 'seatHolder'], { unique: true })
@Index('idx_group_member_status', ['status'])
export class GroupMember {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'group_id', type: 'int' }) groupId: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ name: 'order_id', type: 'int' }) orderId: number;

  @BoolColumn({ name: 'is_leader', default: false }) isLeader: boolean;

  @Column({ type: 'varchar', length: 12 }) status: SeatStatus;

  /**
   * The user id while the seat is held (reserved or paid), null once released: with the unique index on
   * (group_id, seat_holder), nobody can hold two seats in one group, whatever the concurrency.
   */
  @Column({ name: 'seat_holder', type: 'int', nullable: true }) seatHolder: number | null;

  @Column({ type: 'int' }) quantity: number;

  @Column({ name: 'refund_id', type: 'int', nullable: true }) refundId: number | null;

  @CreatedAt() createdAt: Date;

  @DateColumn('paid_at') paidAt: Date | null;
}
