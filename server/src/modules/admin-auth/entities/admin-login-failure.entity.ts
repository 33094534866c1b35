import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../database/columns';

export type AdminLoginFailureReason = 'password' | 'locked';

/** One refused operator login: who was tried, from where, and why. Kept for audit; never holds the password. */
@Entity('admin_login_failures')
export class AdminLoginFailure {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 64 }) username: string;

  @Column({ type: 'varchar', length: 64 }) address: string;

  @Column({ type: 'varchar', length: 16 }) reason: AdminLoginFailureReason;

  @CreatedAt() createdAt: Date;
}
