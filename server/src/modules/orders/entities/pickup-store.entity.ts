import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../database/columns';

export type PickupStoreState = 'open' | 'closed';

/** A place where shoppers collect pickup orders. Minimal for now; the community issue adds leaders, hours and more. */
@Entity('pickup_stores')
export class PickupStore {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 40 }) name: string;

  @Column({ type: 'varchar', length: 200 }) address: string;

  /** Only an open store takes new pickup orders. */
  @Column({ type: 'varchar', length: 8, default: 'open' }) state: PickupStoreState;

  @CreatedAt() createdAt: Date;
}
