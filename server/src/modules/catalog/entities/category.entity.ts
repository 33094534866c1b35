import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../database/columns';

@Entity('categories')
export class Category {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 32 }) name: string;

  @Column({ type: 'varchar', length: 255, nullable: true }) icon: string | null;

  @Column({ name: 'sort_order', type: 'int', default: 0 }) sortOrder: number;

  @CreatedAt() createdAt: Date;
}
