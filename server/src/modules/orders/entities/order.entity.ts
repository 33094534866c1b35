import type { AddressInput, Fulfilment, OrderKind, OrderStatus } from '@linli/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAt, DateColumn, JsonColumn, MoneyColumn, UpdatedAt } from '../../../database/columns';

/** The address as it was when the order was placed. */
export type AddressSnapshot = Omit<AddressInput, 'isDefault'>;

@Entity('orders')
@Index('idx_orders_user_status', ['userId', 'status'])
@Index('idx_orders_user_id', ['userId', 'id'])
@Index('idx_orders_status_id', ['status', 'id'])
@Index('idx_orders_created', ['createdAt'])
@Index('idx_orders_status_deadline', ['status', 'payDeadline'])
@Index('uq_orders_pickup_code', ['pickupCode'], { unique: true })
@Index('uq_orders_user_request', ['userId', 'requestKey'], { unique: true })
@Index('idx_orders_pickup_store', ['pickupStoreId', 'status'])
export class Order {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'order_no', type: 'varchar', length: 32, unique: true }) orderNo: string;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ type: 'varchar', length: 12, default: 'normal' }) kind: OrderKind;

  /** The group-buy group a `group` order holds a seat in. */
  @Column({ name: 'group_id', type: 'int', nullable: true }) groupId: number | null;

  /** Changed only through OrderStateService's conditional updates. */
  @Column({ type: 'varchar', length: 24 }) status: OrderStatus;

  @MoneyColumn() subtotal: number;

  @MoneyColumn() freight: number;

  @MoneyColumn() discount: number;

  @MoneyColumn() total: number;

  /** How the goods reach the shopper, separate from the promotion kind. */
  @Column({ type: 'varchar', length: 8, default: 'delivery' }) fulfilment: Fulfilment;

  /** Null for a pickup order. */
  @JsonColumn({ nullable: true }) address: AddressSnapshot | null;

  /** The store a pickup order is collected at. */
  @Column({ name: 'pickup_store_id', type: 'int', nullable: true }) pickupStoreId: number | null;

  /** A paid pickup order's code (16 digits from a CSPRNG); only its owner reads it, its store verifies it once. */
  @Column({ name: 'pickup_code', type: 'varchar', length: 16, nullable: true, select: false }) pickupCode: string | null;

  /** The leader or staff member who verified the pickup. */
  @Column({ name: 'picked_up_by', type: 'int', nullable: true }) pickedUpBy: number | null;

  @Column({ type: 'varchar', length: 200, default: '' }) remark: string;

  @Column({ name: 'request_key', type: 'varchar', length: 64, nullable: true }) requestKey: string | null;

  @DateColumn('pay_deadline', { nullable: false }) payDeadline: Date;

  @DateColumn('paid_at') paidAt: Date | null;

  @DateColumn('shipped_at') shippedAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true }) carrier: string | null;

  @Column({ name: 'tracking_no', type: 'varchar', length: 64, nullable: true }) trackingNo: string | null;

  /** A pickup order was made ready at its store. */
  @DateColumn('ready_at') readyAt: Date | null;

  @DateColumn('completed_at') completedAt: Date | null;

  /** When the store's leader was told this pickup is overdue (set once, by the overdue sweep). */
  @DateColumn('overdue_notified_at') overdueNotifiedAt: Date | null;

  @DateColumn('cancelled_at') cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 100, nullable: true }) cancelReason: string | null;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;

  @VersionColumn({ default: 1 }) version: number;
}
