import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, MoneyColumn } from '../../../database/columns';

@Entity('order_lines')
@Index('idx_order_lines_order', ['orderId'])
export class OrderLine {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'order_id', type: 'int' }) orderId: number;

  @Column({ name: 'sku_id', type: 'int' }) skuId: number;

  @Column({ name: 'product_id', type: 'int' }) productId: number;

  /** Snapshots taken when the order is placed. */
  @Column({ type: 'varchar', length: 64 }) title: string;

  @Column({ type: 'varchar', length: 255 }) cover: string;

  @JsonColumn() specs: Record<string, string>;

  @MoneyColumn({ name: 'unit_price' }) unitPrice: number;

  @Column({ type: 'int' }) quantity: number;

  @MoneyColumn({ name: 'line_total' }) lineTotal: number;

  /** What the shopper paid for this line after order discounts (from the pricing pipeline); refunds pay back this. */
  @MoneyColumn({ name: 'net_amount' }) netAmount: number;
}
