import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, formatYuan, type FlashRemindersView } from '@linli/shared';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { AppError } from '../../common/app-error';
import { isUniqueViolation } from '../../common/error.filter';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { User } from '../auth/entities/user.entity';
import { Product } from '../catalog/entities/product.entity';
import { FlashItem, FlashSlot } from '../flash-sale/entities/flash.entity';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { FlashReminder } from './flash-reminder.entity';

export class ReminderError extends AppError {}

const MAX_ATTEMPTS = 3;
/** Reminders for a slot that started longer ago than this are dropped, not sent late. */
const LATE_AFTER_MS = 10 * 60_000;

/** A `thing` field takes at most 20 characters. */
export function thing(text: string): string {
  const chars = Array.from(text);
  return chars.length <= 20 ? text : `${chars.slice(0, 19).join('')}…`;
}

/** `time` fields: 2026-11-30 10:00 in China time. */
export function chinaTime(date: Date): string {
  const t = new Date(date.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

export interface ReminderPass {
  sent: number;
  refused: number;
  failed: number;
  expired: number;
}

/**
 * 提醒我: a shopper asks (after consenting in WeChat to the template) to be told when an upcoming flash item's slot
 * starts. At the start, one subscription message goes out through WeChat's subscribe/send. Each reminder is claimed
 * by a conditional UPDATE, so instances sweeping together send it once. 43101 (consent gone) is final.
 */
@Injectable()
export class FlashRemindersService {
  private readonly logger = new Logger(FlashRemindersService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly wechat: WechatApiClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async mine(userId: number): Promise<FlashRemindersView> {
    const rows = await this.db.getRepository(FlashReminder).findBy({ userId, status: 'pending' });
    return { templateId: this.config.wechat.templates.flashStart, itemIds: rows.map((r) => r.itemId) };
  }

  async add(userId: number, itemId: number, now = new Date()): Promise<FlashRemindersView> {
    if (!this.config.wechat.templates.flashStart) throw new ReminderError(ErrorCode.ReminderNotAllowed, '暂未开通开抢提醒');
    const item = await this.db.getRepository(FlashItem).findOneBy({ id: itemId });
    if (!item) throw new ReminderError(ErrorCode.FlashItemNotFound);
    const slot = await this.db.getRepository(FlashSlot).findOneByOrFail({ id: item.slotId });
    if (item.stoppedAt || slot.startsAt.getTime() <= now.getTime()) throw new ReminderError(ErrorCode.ReminderNotAllowed);
    try {
      await this.db.getRepository(FlashReminder).insert({ userId, itemId, slotId: slot.id, startsAt: slot.startsAt, status: 'pending', attempts: 0, error: null, sentAt: null });
    } catch (err) {
      // Asking twice is one reminder.
      if (!isUniqueViolation(err)) throw err;
      await this.db.getRepository(FlashReminder).update({ userId, itemId, status: In(['refused', 'failed']) }, { status: 'pending', attempts: 0, error: null });
    }
    return this.mine(userId);
  }

  async remove(userId: number, itemId: number): Promise<void> {
    const { affected } = await this.db.getRepository(FlashReminder).delete({ userId, itemId, status: 'pending' });
    if (!affected) throw new ReminderError(ErrorCode.ReminderNotFound);
  }

  /** Sends the reminders whose slot has started. */
  async sendDue(now = new Date(), batch = 100): Promise<ReminderPass> {
    const result: ReminderPass = { sent: 0, refused: 0, failed: 0, expired: 0 };
    const templateId = this.config.wechat.templates.flashStart;
    if (!templateId) return result;
    const repo = this.db.getRepository(FlashReminder);
    const due = await repo.find({ where: { status: 'pending', startsAt: LessThanOrEqual(now) }, order: { startsAt: 'ASC', id: 'ASC' }, take: batch });
    for (const reminder of due) {
      if (now.getTime() - reminder.startsAt.getTime() > LATE_AFTER_MS) {
        const { affected } = await repo.update({ id: reminder.id, status: 'pending' }, { status: 'expired' });
        if (affected) result.expired += 1;
        continue;
      }
      const { affected } = await repo.update({ id: reminder.id, status: 'pending' }, { status: 'sending', attempts: reminder.attempts + 1 });
      if (!affected) continue; // another instance has it
      const outcome = await this.sendOne(reminder, templateId).catch((err: unknown) => ({ errcode: -1, errmsg: err instanceof Error ? err.message : String(err) }));
      if (outcome.errcode === 0) {
        await repo.update({ id: reminder.id }, { status: 'sent', sentAt: new Date(), error: null });
        result.sent += 1;
      } else if (outcome.errcode === 43101) {
        await repo.update({ id: reminder.id }, { status: 'refused', error: `43101 ${outcome.errmsg}`.slice(0, 100) });
        result.refused += 1;
      } else {
        const final = reminder.attempts + 1 >= MAX_ATTEMPTS || outcome.errcode === 47003 || outcome.errcode === 40037;
        await repo.update({ id: reminder.id }, { status: final ? 'failed' : 'pending', error: `${outcome.errcode} ${outcome.errmsg}`.slice(0, 100) });
        if (final) result.failed += 1;
        this.logger.warn({ reminderId: reminder.id, errcode: outcome.errcode }, 'flash reminder not sent');
      }
    }
    return result;
  }

  private async sendOne(reminder: FlashReminder, templateId: string): Promise<{ errcode: number; errmsg: string }> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: reminder.userId });
    const item = await this.db.getRepository(FlashItem).findOneByOrFail({ id: reminder.itemId });
    const product = await this.db.getRepository(Product).findOne({ where: { id: item.productId }, withDeleted: true });
    return this.wechat.sendSubscribeMessage({
      openid: user.openid,
      templateId,
      page: `packages/flash/index/index?slot=${reminder.slotId}`,
      data: { thing1: thing(product?.title ?? '秒杀商品'), time2: chinaTime(reminder.startsAt), thing3: thing(`秒杀价¥${formatYuan(item.flashPrice)}，已开抢`) },
      state: this.config.env === 'production' ? 'formal' : 'developer',
    });
  }
}
