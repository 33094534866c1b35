import { Inject, Injectable } from '@nestjs/common';
import { SelfUrl } from '../../../common/self-url';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { authorizationHeader } from './wechat-pay.crypto';
import { WECHAT_PAY_KEYS, WechatPayKeys } from './wechat-pay.keys';
import { fitBytes } from '../pay-description';

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
export type RefundState = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

/** A decrypted TRANSACTION resource or query answer. */
export interface Transaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: TradeState;
  success_time?: string;
  amount: { total: number; payer_total?: number; currency: string };
  payer?: { openid: string };
}

/** A refund as the refund API and refund notifications describe it. */
export interface RefundRecord {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  status?: RefundState;
  refund_status?: RefundState;
  amount: { refund: number; total: number };
  mchid?: string;
}

export type TransferState = 'ACCEPTED' | 'PROCESSING' | 'WAIT_USER_CONFIRM' | 'TRANSFERING' | 'SUCCESS' | 'FAIL' | 'CANCELING' | 'CANCELLED';

/** A merchant transfer bill (商家转账) as the create and query answers and the notification describe it. */
export interface TransferBill {
  out_bill_no: string;
  transfer_bill_no: string;
  state: TransferState;
  create_time?: string;
  update_time?: string;
  /** With WAIT_USER_CONFIRM: what `wx.requestMerchantTransfer` needs as `package`. */
  package_info?: string;
  fail_reason?: string;
  mch_id?: string;
  transfer_amount?: number;
  openid?: string;
}

export class WechatPayApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay ${status} ${code}: ${message}`);
  }
}

/** WeChat Pay API v3 for JSAPI (mini program) payments: every request signed with the merchant key. */
@Injectable()
export class WechatPayClient {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WECHAT_PAY_KEYS) private readonly keys: WechatPayKeys,
    private readonly selfUrl: SelfUrl,
  ) {}

  /** The configured WeChat Pay API, or this process's simulator in development. */
  private get base(): string {
    return this.config.wechatPay.apiBase ?? `${this.selfUrl.local}/sim/wechatpay`;
  }

  async prepayJsapi(input: { description: string; outTradeNo: string; timeExpire: Date; total: number; openid: string; notifyUrl: string }): Promise<{ prepay_id: string }> {
    return this.call('POST', '/v3/pay/transactions/jsapi', {
      appid: this.keys.appid, mchid: this.keys.mchid, description: fitBytes(input.description), out_trade_no: input.outTradeNo,
      time_expire: rfc3339China(input.timeExpire), notify_url: input.notifyUrl, amount: { total: input.total, currency: 'CNY' }, payer: { openid: input.openid },
    });
  }

  queryByOutTradeNo(outTradeNo: string): Promise<Transaction> {
    return this.call('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${this.keys.mchid}`);
  }

  async close(outTradeNo: string): Promise<void> {
    await this.call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: this.keys.mchid });
  }

  refund(input: { outTradeNo: string; outRefundNo: string; reason: string; notifyUrl: string; refund: number; total: number }): Promise<RefundRecord> {
    return this.call('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: input.outTradeNo, out_refund_no: input.outRefundNo, reason: input.reason.slice(0, 80), notify_url: input.notifyUrl,
      amount: { refund: input.refund, total: input.total, currency: 'CNY' },
    });
  }

  queryRefund(outRefundNo: string): Promise<RefundRecord> {
    return this.call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
  }

  /**
   * Merchant transfer (商家转账): pays `amount` fen to the shopper's WeChat balance. One out_bill_no transfers once:
   * a retry after a network failure sends the same number and gets the same bill back.
   */
  createTransferBill(input: { outBillNo: string; openid: string; amount: number; remark: string; notifyUrl: string; sceneId: string }): Promise<TransferBill> {
    return this.call('POST', '/v3/fund-app/mch-transfer/transfer-bills', {
      appid: this.keys.appid, out_bill_no: input.outBillNo, transfer_scene_id: input.sceneId, openid: input.openid, transfer_amount: input.amount,
      transfer_remark: [...input.remark].slice(0, 32).join(''), notify_url: input.notifyUrl, user_recv_perception: '佣金报酬',
      transfer_scene_report_infos: [{ info_type: '岗位类型', info_content: '分销推广' }, { info_type: '报酬说明', info_content: '商品分享佣金' }],
    });
  }

  queryTransferBill(outBillNo: string): Promise<TransferBill> {
    return this.call('GET', `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(outBillNo)}`);
  }

  /** Cancels a bill the shopper has not confirmed yet. */
  cancelTransferBill(outBillNo: string): Promise<{ out_bill_no: string; transfer_bill_no: string; state: TransferState }> {
    return this.call('POST', `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(outBillNo)}/cancel`, {});
  }

  private async call<T>(method: 'GET' | 'POST', pathWithQuery: string, payload?: object): Promise<T> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const authorization = authorizationHeader({ mchid: this.keys.mchid, serialNo: this.keys.merchantSerial, privateKey: this.keys.merchantPrivateKey, method, pathWithQuery, body });
    let res: Response;
    try {
      res = await fetch(`${this.base}${pathWithQuery}`, {
        method,
        headers: { Authorization: authorization, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), 'User-Agent': 'linli-server' },
        body: body || undefined,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new WechatPayApiError(0, 'NETWORK_ERROR', (err as Error).message);
    }
    const text = await res.text();
    if (!res.ok) {
      const error = safeJson<{ code?: string; message?: string }>(text);
      throw new WechatPayApiError(res.status, error?.code ?? 'HTTP_ERROR', error?.message ?? text.slice(0, 200));
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function safeJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** WeChat wants RFC 3339 with an offset, e.g. 2026-11-22T20:15:00+08:00. */
export function rfc3339China(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}
