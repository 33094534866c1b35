import type { OrderEvent as OrderEventName, OrderStatus } from '@linli/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../database/columns';

/** The history of an order: one row per state transition. */
@Entity('order_events')
@Index('idx_order_events_order', ['orderId'])
export class OrderEventRecord {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'order_id', type: 'int' }) orderId: number;

  @Column({ type: 'varchar', length: 24 }) event: OrderEventName | 'create';

  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true }) fromStatus: OrderStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24 }) toStatus: OrderStatus;

  /** 'shopper:<id>', 'operator:<id>' or 'system'. */
  @Column({ type: 'varchar', length: 32 }) actor: string;

  @Column({ type: 'varchar', length: 200, default: '' }) note: string;

  @CreatedAt() createdAt: Date;
}
