import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateColumn, JsonColumn } from '../../../database/columns';

export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;
/** pending: waiting for (or in) a delivery attempt; delivered: a handler accepted it; dead: out of attempts, waits for an operator. */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Work to do after a business transaction commits, written inside that transaction.
 * A worker claims a row by a conditional UPDATE that sets `locked_until` (a lease) and `lock_token`;
 * only the holder of the token may settle it, and a crashed worker's lease simply runs out.
 */
@Entity('outbox_messages')
@Index('uq_outbox_dedupe', ['topic', 'dedupeKey'], { unique: true })
@Index('idx_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 64 }) topic: string;

  @JsonColumn() payload: unknown;

  /** A second enqueue with the same topic and key is ignored. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 128, nullable: true }) dedupeKey: string | null;

  /** Changed only by conditional updates in OutboxWorker and OutboxService. */
  @Column({ type: 'varchar', length: 10 }) status: OutboxStatus;

  /** Claims so far, counted when claimed: an attempt whose worker died still counts. */
  @Column({ type: 'int', default: 0 }) attempts: number;

  @DateColumn('next_attempt_at', { nullable: false }) nextAttemptAt: Date;

  @DateColumn('locked_until') lockedUntil: Date | null;

  @Column({ name: 'lock_token', type: 'varchar', length: 32, nullable: true, select: false }) lockToken: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true }) lastError: string | null;

  @DateColumn('delivered_at') deliveredAt: Date | null;

  @CreatedAt() createdAt: Date;
}
