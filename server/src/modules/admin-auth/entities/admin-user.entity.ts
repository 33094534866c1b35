import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, CreatedAt, DateColumn } from '../../../database/columns';

export type AdminRole = 'admin' | 'operator';
export const ADMIN_ROLES: readonly AdminRole[] = ['admin', 'operator'];

@Entity('admin_users')
export class AdminUser {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 64, unique: true }) username: string;

  /** scrypt$N$salt$hash; never selected by default. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false }) passwordHash: string;

  @Column({ type: 'varchar', length: 16 }) role: AdminRole;

  @Column({ name: 'display_name', type: 'varchar', length: 64, default: '' }) displayName: string;

  @BoolColumn({ default: false }) disabled: boolean;

  /** Every token carries the version it was issued under; raising it (logout, new password, disabling) revokes them all. */
  @Column({ name: 'token_version', type: 'int', default: 1 }) tokenVersion: number;

  /** Wrong passwords since the last successful login; from a threshold on, each one locks the account for longer. */
  @Column({ name: 'failed_logins', type: 'int', default: 0 }) failedLogins: number;

  @DateColumn('locked_until') lockedUntil: Date | null;

  @CreatedAt() createdAt: Date;
}
