import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode } from '@linli/shared';
import { EntityManager, Repository } from 'typeorm';
import { affectedRows } from '../../database/transaction-runner';
import { OutboxMessage } from './entities/outbox-message.entity';
import { AdminOutboxPage, AdminOutboxQuery, AdminOutboxView, toAdminOutboxView } from './outbox.dto';
import { OutboxError } from './outbox.errors';
import { OutboxHandler, OutboxPayloads, OutboxTopic } from './outbox.topics';

/**
 * Work after commit. A use case calls `enqueue` inside its transaction, so the message exists exactly when
 * the change committed; a module registers the topic's handler at start-up; `OutboxWorker` delivers.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);
  private readonly handlers = new Map<OutboxTopic, OutboxHandler<OutboxTopic>>();

  constructor(@InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>) {}

  /** Writes a message in the caller's transaction. A repeated `dedupeKey` for the topic is ignored. */
  async enqueue<T extends OutboxTopic>(m: EntityManager, topic: T, payload: OutboxPayloads[T], dedupeKey?: string, now = new Date()): Promise<void> {
    // Outside a transaction the message could outlive a rolled-back change, or be lost after a committed one.
    if (!m.queryRunner?.isTransactionActive) throw new Error(`outbox: enqueue ${topic} inside the business transaction`);
    if (dedupeKey !== undefined && (dedupeKey.length < 1 || dedupeKey.length > 128)) throw new Error('outbox: dedupeKey must be 1-128 characters');
    await m.createQueryBuilder().insert().into(OutboxMessage)
      .values({ topic, payload, dedupeKey: dedupeKey ?? null, status: 'pending', attempts: 0, nextAttemptAt: now })
      .orIgnore()
      // An ignored duplicate has no generated id to read back (MySQL reports insertId 0).
      .updateEntity(false)
      .execute();
  }

  /** Registers the one handler of a topic (at module init). */
  handle<T extends OutboxTopic>(topic: T, handler: OutboxHandler<T>): void {
    if (this.handlers.has(topic)) throw new Error(`outbox: ${topic} already has a handler`);
    this.handlers.set(topic, handler as OutboxHandler<OutboxTopic>);
  }

  handlerFor(topic: string): OutboxHandler<OutboxTopic> | undefined {
    return this.handlers.get(topic as OutboxTopic);
  }

  /** Topics this instance can deliver; a worker claims nothing else (an older instance in a rolling deploy leaves new topics alone). */
  get topics(): string[] {
    return [...this.handlers.keys()];
  }

  async list(query: AdminOutboxQuery): Promise<AdminOutboxPage> {
    const qb = this.messages.createQueryBuilder('m').orderBy('m.id', 'DESC').skip(query.skip).take(query.pageSize);
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.topic) qb.andWhere('m.topic = :topic', { topic: query.topic });
    const [rows, total] = await qb.getManyAndCount();
    const now = new Date();
    return { items: rows.map((r) => toAdminOutboxView(r, now)), total, page: query.page, pageSize: query.pageSize };
  }

  /** Gives a dead message a new round of attempts, starting now. Only a dead message: anything else is still handled by the worker. */
  async retry(id: number, adminId: number, now = new Date()): Promise<AdminOutboxView> {
    const revived = await this.messages.createQueryBuilder().update(OutboxMessage)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedUntil: null, lockToken: null })
      .where('id = :id AND status = :dead', { id, dead: 'dead' })
      .execute();
    const message = await this.messages.findOneBy({ id });
    if (!message) throw new OutboxError(ErrorCode.OutboxMessageNotFound);
    if (!affectedRows(revived)) throw new OutboxError(ErrorCode.OutboxStateInvalid, `消息当前状态为 ${message.status}，只有 dead 的消息可以重试`);
    this.logger.log({ messageId: id, topic: message.topic, adminId }, 'outbox message retried by an operator');
    return toAdminOutboxView(message, now);
  }
}
