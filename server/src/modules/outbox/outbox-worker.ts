import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { In, Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { affectedRows } from '../../database/transaction-runner';
import { OutboxMessage } from './entities/outbox-message.entity';
import { OUTBOX_RETRY, retryDelayMs } from './outbox-retry';
import { PermanentDeliveryError } from './outbox.errors';
import { OutboxService } from './outbox.service';

export interface OutboxPassResult {
  delivered: number;
  /** Failed attempts that will be tried again. */
  retried: number;
  /** Messages that ran out of attempts in this pass. */
  dead: number;
  /** Delivered messages older than the retention, deleted. */
  purged: number;
}

const BATCH = 50;
const MAX_PER_PASS = 500;
/** Delivered messages are kept this long for operators to look back at; the business rows keep their own record. */
export const DELIVERED_RETENTION_MS = 30 * 24 * 3600_000;

/**
 * Delivers due outbox messages on the sweep timer (and from `cli/sweep`). Any number of instances can run it:
 * a message is delivered only by the worker whose conditional UPDATE claimed it, for the length of a lease,
 * and only the claim's token can settle it. Nothing in memory decides who delivers.
 */
@Injectable()
export class OutboxWorker extends PeriodicSweep<OutboxPassResult> {
  constructor(
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  protected async pass(now: Date): Promise<OutboxPassResult> {
    const result: OutboxPassResult = { delivered: 0, retried: 0, dead: await this.buryAbandoned(now), purged: await this.purgeDelivered(now) };
    const topics = this.outbox.topics;
    if (!topics.length) return result;
    for (let seen = 0; seen < MAX_PER_PASS; seen += BATCH) {
      const due = await this.messages.createQueryBuilder('m')
        .select('m.id', 'id')
        .where('m.status = :pending AND m.topic IN (:...topics) AND m.attempts < :max AND m.nextAttemptAt <= :now', { pending: 'pending', topics, max: OUTBOX_RETRY.maxAttempts, now })
        .andWhere('(m.lockedUntil IS NULL OR m.lockedUntil <= :now)', { now })
        .orderBy('m.nextAttemptAt', 'ASC')
        .addOrderBy('m.id', 'ASC')
        .limit(BATCH)
        .getRawMany<{ id: number }>();
      let claimed = 0;
      for (const { id } of due) {
        const outcome = await this.deliver(Number(id), now);
        if (outcome === 'not_claimed') continue;
        claimed++;
        result[outcome]++;
      }
      // Nothing left, or other workers hold what is left.
      if (due.length < BATCH || claimed === 0) break;
    }
    return result;
  }

  /** Claims one message and runs its handler. */
  private async deliver(id: number, now: Date): Promise<'delivered' | 'retried' | 'dead' | 'not_claimed'> {
    const token = randomBytes(12).toString('hex');
    const claim = await this.messages.createQueryBuilder().update(OutboxMessage)
      .set({ lockedUntil: new Date(now.getTime() + OUTBOX_RETRY.leaseMs), lockToken: token, attempts: () => 'attempts + 1' })
      .where('id = :id AND status = :pending AND attempts < :max AND next_attempt_at <= :now', { id, pending: 'pending', max: OUTBOX_RETRY.maxAttempts, now })
      .andWhere('(locked_until IS NULL OR locked_until <= :now)', { now })
      .execute();
    if (!affectedRows(claim)) return 'not_claimed';
    const message = await this.messages.findOneByOrFail({ id });
    const handler = this.outbox.handlerFor(message.topic);
    try {
      if (!handler) throw new Error(`no handler for ${message.topic}`);
      await handler(message.payload as never, { messageId: id, attempt: message.attempts });
    } catch (err) {
      return this.fail(message, token, err, now);
    }
    const settled = await this.messages.createQueryBuilder().update(OutboxMessage)
      .set({ status: 'delivered', deliveredAt: now, lockedUntil: null, lockToken: null, lastError: null })
      .where('id = :id AND lock_token = :token', { id, token })
      .execute();
    // The lease ran out under a slow handler and another worker took the message: the handler's idempotency covers it.
    if (!affectedRows(settled)) this.logger.warn({ messageId: id, topic: message.topic }, 'outbox lease lost before settling');
    return 'delivered';
  }

  private async fail(message: OutboxMessage, token: string, err: unknown, now: Date): Promise<'retried' | 'dead'> {
    const dead = message.attempts >= OUTBOX_RETRY.maxAttempts || err instanceof PermanentDeliveryError;
    const lastError = (err instanceof AppError ? `${err.code} ${err.message}` : err instanceof Error ? err.message : String(err)).slice(0, 500);
    await this.messages.createQueryBuilder().update(OutboxMessage)
      .set({ lastError, lockedUntil: null, lockToken: null, ...(dead ? { status: 'dead' as const } : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)) }) })
      .where('id = :id AND lock_token = :token', { id: message.id, token })
      .execute();
    const log = { messageId: message.id, topic: message.topic, attempt: message.attempts, error: lastError };
    if (dead) this.logger.error(log, 'outbox message is dead; an operator can retry it');
    else this.logger.warn(log, 'outbox delivery failed; will retry');
    return dead ? 'dead' : 'retried';
  }

  /** Deletes old delivered messages, a bounded batch per pass (SQLite has no DELETE … LIMIT). */
  private async purgeDelivered(now: Date): Promise<number> {
    const old = await this.messages.createQueryBuilder('m')
      .select('m.id', 'id')
      .where('m.status = :delivered AND m.deliveredAt < :cutoff', { delivered: 'delivered', cutoff: new Date(now.getTime() - DELIVERED_RETENTION_MS) })
      .limit(MAX_PER_PASS)
      .getRawMany<{ id: number }>();
    if (!old.length) return 0;
    return affectedRows(await this.messages.delete({ id: In(old.map((r) => Number(r.id))), status: 'delivered' }));
  }

  /** A message whose last allowed attempt never settled (its worker died) will not be claimed again: it is dead. */
  private async buryAbandoned(now: Date): Promise<number> {
    const buried = await this.messages.createQueryBuilder().update(OutboxMessage)
      .set({ status: 'dead', lastError: 'the worker stopped during the last attempt (lease expired)', lockedUntil: null, lockToken: null })
      .where('status = :pending AND attempts >= :max AND locked_until IS NOT NULL AND locked_until <= :now', { pending: 'pending', max: OUTBOX_RETRY.maxAttempts, now })
      .execute();
    return affectedRows(buried);
  }
}
