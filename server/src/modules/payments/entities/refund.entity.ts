import type { OrderStatus, RefundSource, RefundStatus, RefundType } from '@linli/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, CreatedAt, DateColumn, JsonColumn, MoneyColumn } from '../../../database/columns';

export interface RefundLineSnapshot {
  skuId: number;
  productId: number;
  title: string;
  specs: Record<string, string>;
  quantity: number;
  amount: number;
}

/** An after-sale or an automatic refund. `out_refund_no` is unique, so one number can never refund twice. */
@Entity('refunds')
@Index('idx_refunds_order', ['orderId'])
@Index('idx_refunds_status', ['status'])
@Index('idx_refunds_user_source', ['userId', 'source'])
export class Refund {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'order_id', type: 'int' }) orderId: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ name: 'out_refund_no', type: 'varchar', length: 64, unique: true }) outRefundNo: string;

  @Column({ type: 'varchar', length: 16 }) type: RefundType;

  @Column({ type: 'varchar', length: 16 }) source: RefundSource;

  /** Changed only by conditional updates in RefundsService. */
  @Column({ type: 'varchar', length: 16 }) status: RefundStatus;

  @MoneyColumn() amount: number;

  @Column({ type: 'varchar', length: 200 }) reason: string;

  @Column({ name: 'reject_reason', type: 'varchar', length: 200, nullable: true }) rejectReason: string | null;

  /** Empty for a whole-order refund. */
  @JsonColumn() lines: RefundLineSnapshot[];

  /** For a whole-order refund: the order state to return to if it is rejected. */
  @Column({ name: 'order_status_before', type: 'varchar', length: 24, nullable: true }) orderStatusBefore: OrderStatus | null;

  /** The goods never left the store, so their stock comes back when the refund succeeds. */
  @BoolColumn({ default: false }) restock: boolean;

  @Column({ name: 'wechat_refund_id', type: 'varchar', length: 32, nullable: true }) wechatRefundId: string | null;

  @Column({ name: 'handled_by', type: 'varchar', length: 32, nullable: true }) handledBy: string | null;

  @CreatedAt() createdAt: Date;

  @DateColumn('approved_at') approvedAt: Date | null;

  @DateColumn('completed_at') completedAt: Date | null;
}
