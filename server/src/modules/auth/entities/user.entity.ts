import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, CreatedAt, DateColumn } from '../../../database/columns';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 64, unique: true }) openid: string;

  @Column({ type: 'varchar', length: 64, nullable: true }) unionid: string | null;

  /** WeChat's session key: kept for decrypting user data, never selected by default, never sent. */
  @Column({ name: 'session_key', type: 'varchar', length: 64, nullable: true, select: false }) sessionKey: string | null;

  @Column({ type: 'varchar', length: 64, default: '' }) nickname: string;

  @Column({ type: 'varchar', length: 255, nullable: true }) avatar: string | null;

  @CreatedAt() createdAt: Date;

  @DateColumn('last_login_at') lastLoginAt: Date | null;

  /** Set by an operator: every request with this shopper's tokens is refused, including the flash-sale lane. */
  @BoolColumn({ default: false }) blocked: boolean;
}
