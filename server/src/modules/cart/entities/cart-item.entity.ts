import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, CreatedAt, UpdatedAt } from '../../../database/columns';

@Entity('cart_items')
@Index('uq_cart_user_sku', ['userId', 'skuId'], { unique: true })
export class CartItem {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ name: 'sku_id', type: 'int' }) skuId: number;

  @Column({ type: 'int' }) quantity: number;

  @BoolColumn({ default: true }) selected: boolean;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;
}
