import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateColumn } from '../../database/columns';

export type FlashReminderStatus = 'pending' | 'sending' | 'sent' | 'refused' | 'failed' | 'expired';

/** 提醒我 on an upcoming flash item: one subscription message to its shopper when the slot starts. */
@Entity('flash_reminders')
@Index('uq_flash_reminders_user_item', ['userId', 'itemId'], { unique: true })
@Index('idx_flash_reminders_due', ['status', 'startsAt'])
export class FlashReminder {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ name: 'item_id', type: 'int' }) itemId: number;

  @Column({ name: 'slot_id', type: 'int' }) slotId: number;

  /** The slot's start, copied so due reminders are found with one index. */
  @DateColumn('starts_at', { nullable: false }) startsAt: Date;

  @Column({ type: 'varchar', length: 10 }) status: FlashReminderStatus;

  @Column({ type: 'int', default: 0 }) attempts: number;

  /** WeChat's errcode and message when it refused. */
  @Column({ type: 'varchar', length: 100, nullable: true }) error: string | null;

  @DateColumn('sent_at') sentAt: Date | null;

  @CreatedAt() createdAt: Date;
}
