import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateColumn } from '../../../database/columns';

/** A shopper who verifies pickups at one store, added by its leader. A person is staff of at most one store. */
@Entity('store_staff')
@Index('uq_store_staff_user', ['userId'], { unique: true })
@Index('idx_store_staff_store', ['storeId'])
export class StoreStaff {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'store_id', type: 'int' }) storeId: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @CreatedAt() createdAt: Date;
}

/** A one-time code a leader hands to a new staff member; claimed by a conditional update. */
@Entity('staff_invites')
@Index('uq_staff_invites_code', ['code'], { unique: true })
export class StaffInvite {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 8 }) code: string;

  @Column({ name: 'store_id', type: 'int' }) storeId: number;

  @DateColumn('expires_at', { nullable: false }) expiresAt: Date;

  @Column({ name: 'used_by', type: 'int', nullable: true }) usedBy: number | null;

  @DateColumn('used_at') usedAt: Date | null;

  @CreatedAt() createdAt: Date;
}

export const COMMUNITY_ENTITIES = [StoreStaff, StaffInvite];
