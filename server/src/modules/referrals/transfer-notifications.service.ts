import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TransferBill } from '../payments/wechat-pay/wechat-pay.client';
import { WECHAT_PAY_KEYS, WechatPayKeys } from '../payments/wechat-pay/wechat-pay.keys';
import { NotifyAnswer, fail, openNotification } from '../payments/wechat-pay-notifications.service';
import { WithdrawalsService } from './withdrawals.service';

/** Merchant transfer notifications: verified and decrypted like payment notifications, applied once per bill state. */
@Injectable()
export class TransferNotificationsService {
  private readonly logger = new Logger('TransferNotify');

  constructor(
    @Inject(WECHAT_PAY_KEYS) private readonly keys: WechatPayKeys,
    private readonly withdrawals: WithdrawalsService,
  ) {}

  async handle(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<NotifyAnswer> {
    const opened = openNotification<TransferBill>(this.keys, this.logger, headers, rawBody);
    if ('answer' in opened) return opened.answer;
    const bill = opened.resource;
    if (bill.mch_id && bill.mch_id !== this.keys.mchid) return fail(400, '商户号不匹配');
    if (!bill.out_bill_no || !bill.state) return fail(400, '转账单信息不完整');
    await this.withdrawals.applyBill(bill.out_bill_no, bill);
    return { status: 204 };
  }
}
