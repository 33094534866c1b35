import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, CreatedAt } from '../../../database/columns';

@Entity('addresses')
@Index('idx_addresses_user', ['userId'])
export class Address {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ type: 'varchar', length: 32 }) name: string;

  @Column({ type: 'varchar', length: 20 }) phone: string;

  @Column({ type: 'varchar', length: 32 }) province: string;

  @Column({ type: 'varchar', length: 32 }) city: string;

  @Column({ type: 'varchar', length: 32 }) district: string;

  @Column({ type: 'varchar', length: 128 }) detail: string;

  @BoolColumn({ name: 'is_default', default: false }) isDefault: boolean;

  @CreatedAt() createdAt: Date;
}
