import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../../common/pagination.dto';
import { OUTBOX_STATUSES, OutboxMessage, OutboxStatus } from './entities/outbox-message.entity';
import { OUTBOX_RETRY } from './outbox-retry';

export class AdminOutboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES, description: 'pending: waiting or being retried; dead: out of attempts' })
  @IsOptional() @IsIn(OUTBOX_STATUSES) status?: OutboxStatus;

  @ApiPropertyOptional({ example: 'wechat.shipping_report' })
  @IsOptional() @Matches(/^[a-z0-9_.]{1,64}$/, { message: 'topic must be 1-64 lowercase letters, digits, _ or .' }) topic?: string;
}

/** One outbox message as operators see it. */
export class AdminOutboxView {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'wechat.shipping_report' }) topic: string;
  @ApiProperty({ description: 'Ids the handler works from', example: { orderId: 12 } }) payload: unknown;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty({ description: 'Attempts made so far' }) attempts: number;
  @ApiProperty({ description: 'Attempts before the message is dead' }) maxAttempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed' }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When a pending message is tried next' }) nextAttemptAt: string | null;
  @ApiProperty({ description: 'A worker holds it right now' }) inFlight: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt: string | null;
}

export class AdminOutboxPage {
  @ApiProperty({ type: [AdminOutboxView] }) items: AdminOutboxView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export function toAdminOutboxView(m: OutboxMessage, now = new Date()): AdminOutboxView {
  return {
    id: m.id,
    topic: m.topic,
    payload: m.payload,
    status: m.status,
    attempts: m.attempts,
    maxAttempts: OUTBOX_RETRY.maxAttempts,
    lastError: m.lastError,
    nextAttemptAt: m.status === 'pending' ? m.nextAttemptAt.toISOString() : null,
    inFlight: m.status === 'pending' && m.lockedUntil !== null && m.lockedUntil > now,
    createdAt: m.createdAt.toISOString(),
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
  };
}
