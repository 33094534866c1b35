import type { PaymentStatus } from '@linli/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateColumn, MoneyColumn, UpdatedAt } from '../../../database/columns';

/** One WeChat Pay transaction per order; `out_trade_no` is the order number. */
@Entity('payments')
export class Payment {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'order_id', type: 'int', unique: true }) orderId: number;

  @Column({ name: 'out_trade_no', type: 'varchar', length: 32, unique: true }) outTradeNo: string;

  @MoneyColumn() amount: number;

  /** Changed only by conditional updates in PaymentsService. */
  @Column({ type: 'varchar', length: 16 }) status: PaymentStatus;

  @Column({ name: 'prepay_id', type: 'varchar', length: 64, nullable: true }) prepayId: string | null;

  @DateColumn('prepay_expires_at') prepayExpiresAt: Date | null;

  @Column({ name: 'transaction_id', type: 'varchar', length: 32, nullable: true }) transactionId: string | null;

  @DateColumn('paid_at') paidAt: Date | null;

  @DateColumn('closed_at') closedAt: Date | null;

  @DateColumn('shipping_reported_at') shippingReportedAt: Date | null;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;
}
