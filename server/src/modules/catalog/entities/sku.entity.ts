import { Column, DeleteDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, JsonColumn, MoneyColumn } from '../../../database/columns';

@Entity('skus')
@Index('idx_skus_product', ['productId'])
export class Sku {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'product_id', type: 'int' }) productId: number;

  @JsonColumn() specs: Record<string, string>;

  @MoneyColumn() price: number;

  @MoneyColumn({ name: 'original_price' }) originalPrice: number;

  /** Only ever changed by conditional UPDATEs (see StockService). */
  @Column({ type: 'int', default: 0 }) stock: number;

  @Column({ type: 'int', default: 0 }) sales: number;

  @CreatedAt() createdAt: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true }) deletedAt: Date | null;
}
