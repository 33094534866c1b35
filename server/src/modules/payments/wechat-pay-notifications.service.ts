import { Inject, Injectable, Logger } from '@nestjs/common';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';
import type { RefundRecord, Transaction } from './wechat-pay/wechat-pay.client';
import { DecryptionError, EncryptedResource, SignatureVerificationError, decryptResource } from './wechat-pay/wechat-pay.crypto';
import { WECHAT_PAY_KEYS, WechatPayKeys } from './wechat-pay/wechat-pay.keys';

/** The answer WeChat Pay expects: 204 with no body when handled, otherwise 4xx/5xx with `{code:'FAIL', message}` (it retries). */
export interface NotifyAnswer {
  status: number;
  body?: { code: 'FAIL'; message: string };
}

export const fail = (status: number, message: string): NotifyAnswer => ({ status, body: { code: 'FAIL', message } });

interface NotificationEnvelope {
  id?: string;
  event_type?: string;
  resource_type?: string;
  resource?: EncryptedResource;
}

@Injectable()
export class WechatPayNotificationsService {
  private readonly logger = new Logger('WechatPayNotify');

  constructor(
    @Inject(WECHAT_PAY_KEYS) private readonly keys: WechatPayKeys,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
  ) {}

  async transaction(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<NotifyAnswer> {
    const opened = this.open<Transaction>(headers, rawBody);
    if ('answer' in opened) return opened.answer;
    if (opened.eventType !== 'TRANSACTION.SUCCESS') return { status: 204 };
    const outcome = await this.payments.settleSuccess(opened.resource);
    if (outcome === 'mismatch') return fail(400, '订单信息不匹配');
    if (outcome === 'unknown') return fail(404, '订单不存在');
    return { status: 204 };
  }

  async refund(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<NotifyAnswer> {
    const opened = this.open<RefundRecord>(headers, rawBody);
    if ('answer' in opened) return opened.answer;
    const r = opened.resource;
    if (r.mchid && r.mchid !== this.keys.mchid) return fail(400, '商户号不匹配');
    const status = r.refund_status ?? r.status;
    if (!r.out_refund_no || !status) return fail(400, '退款信息不完整');
    await this.refunds.record(r.out_refund_no, status, r.refund_id);
    return { status: 204 };
  }

  private open<T>(headers: Record<string, string | string[] | undefined>, rawBody: string): { answer: NotifyAnswer } | { eventType: string; resource: T } {
    return openNotification<T>(this.keys, this.logger, headers, rawBody);
  }
}

/**
 * Signature first (on the raw body), then the AES-GCM resource; any failure changes nothing. Shared by every
 * WeChat Pay notification route (payments, refunds, merchant transfers).
 */
export function openNotification<T>(keys: WechatPayKeys, logger: Logger, headers: Record<string, string | string[] | undefined>, rawBody: string): { answer: NotifyAnswer } | { eventType: string; resource: T } {
  try {
    keys.verifier.verify(headers, rawBody);
  } catch (err) {
    const reason = err instanceof SignatureVerificationError ? err.reason : 'error';
    logger.warn({ reason }, 'notification refused: signature');
    return { answer: fail(401, '签名验证失败') };
  }
  let envelope: NotificationEnvelope;
  try {
    envelope = JSON.parse(rawBody) as NotificationEnvelope;
  } catch {
    return { answer: fail(400, '报文格式错误') };
  }
  if (!envelope.resource || !envelope.event_type) return { answer: fail(400, '报文格式错误') };
  try {
    return { eventType: envelope.event_type, resource: JSON.parse(decryptResource(envelope.resource, keys.apiV3Key)) as T };
  } catch (err) {
    logger.warn({ id: envelope.id, reason: err instanceof DecryptionError ? err.message : 'bad plaintext' }, 'notification refused: decryption');
    return { answer: fail(400, '解密失败') };
  }
}
