import { Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per (gram, product): the n-gram search index, rewritten with the product in the same transaction. */
@Entity('product_search_grams')
@Index('idx_product_search_grams_product', ['productId'])
export class ProductSearchGram {
  @PrimaryColumn({ type: 'varchar', length: 8 }) gram: string;

  @PrimaryColumn({ name: 'product_id', type: 'int' }) productId: number;
}
