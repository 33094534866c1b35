import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('banners')
export class Banner {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 64 }) title: string;

  @Column({ type: 'varchar', length: 255 }) image: string;

  @Column({ name: 'product_id', type: 'int', nullable: true }) productId: number | null;

  @Column({ name: 'sort_order', type: 'int', default: 0 }) sortOrder: number;
}
