import type { DetailBlock, SpecDimension, ProductAttribute } from '@linli/shared';
import { Column, DeleteDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, CreatedAt, JsonColumn, MoneyColumn, UpdatedAt } from '../../../database/columns';

@Entity('products')
@Index('idx_products_category', ['categoryId', 'onShelf'])
@Index('idx_products_shelf', ['onShelf', 'deletedAt', 'id'])
@Index('idx_products_category_sales', ['categoryId', 'onShelf', 'deletedAt', 'sales'])
@Index('idx_products_category_price', ['categoryId', 'onShelf', 'deletedAt', 'minPrice'])
@Index('idx_products_shelf_sales', ['onShelf', 'deletedAt', 'sales'])
@Index('idx_products_shelf_price', ['onShelf', 'deletedAt', 'minPrice'])
export class Product {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'category_id', type: 'int' }) categoryId: number;

  @Column({ type: 'varchar', length: 64 }) title: string;

  @Column({ type: 'varchar', length: 128, default: '' }) subtitle: string;

  @Column({ type: 'varchar', length: 255 }) cover: string;

  @JsonColumn() images: string[];

  @JsonColumn() detail: DetailBlock[];

  @JsonColumn({ name: 'spec_dimensions' }) specDimensions: SpecDimension[];

  /** 规格参数 rows (产地, 净含量, 保质期, 储存方式 …); null on products saved before the column existed. */
  @JsonColumn({ nullable: true }) attributes: ProductAttribute[] | null;

  /** Lowest live SKU price and its original price, kept in step with the SKUs for listing and sorting. */
  @MoneyColumn({ name: 'min_price' }) minPrice: number;

  @MoneyColumn({ name: 'min_original_price' }) minOriginalPrice: number;

  /** Sum of SKU sales, kept in step with the SKUs. */
  @Column({ type: 'int', default: 0 }) sales: number;

  @BoolColumn({ name: 'on_shelf', default: false }) onShelf: boolean;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true }) deletedAt: Date | null;
}
