import type { StoreState } from '@linli/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../database/columns';

export type PickupStoreState = StoreState;

/** A community store (自提点) where shoppers collect pickup orders, run by one leader (团长). */
@Entity('pickup_stores')
@Index('uq_pickup_stores_leader', ['leaderUserId'], { unique: true })
export class PickupStore {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 40 }) name: string;

  @Column({ type: 'varchar', length: 200 }) address: string;

  /** For sorting when a shopper does not share a location. */
  @Column({ type: 'varchar', length: 20, default: '' }) district: string;

  @Column({ type: 'double', default: 0 }) latitude: number;

  @Column({ type: 'double', default: 0 }) longitude: number;

  /** Opening hours as shown, e.g. 08:00-21:00. */
  @Column({ type: 'varchar', length: 40, default: '' }) hours: string;

  @Column({ type: 'varchar', length: 20, default: '' }) phone: string;

  @Column({ type: 'varchar', length: 255, nullable: true }) photo: string | null;

  /** The shopper who runs the store; one store per leader (unique). */
  @Column({ name: 'leader_user_id', type: 'int', nullable: true }) leaderUserId: number | null;

  /** Only an open store takes new pickup orders; a paused one still hands out what waits there. */
  @Column({ type: 'varchar', length: 8, default: 'open' }) state: PickupStoreState;

  @CreatedAt() createdAt: Date;
}
