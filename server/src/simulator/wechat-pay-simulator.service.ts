import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { encryptResource, parseAuthorization, rsaSign, rsaVerify, signMessage, unixSeconds, MAX_CLOCK_SKEW_SECONDS } from '../modules/payments/wechat-pay/wechat-pay.crypto';
import { WECHAT_PAY_KEYS, WechatPayKeys } from '../modules/payments/wechat-pay/wechat-pay.keys';
import type { RefundState, TradeState, TransferState } from '../modules/payments/wechat-pay/wechat-pay.client';

/** How the simulator delivers a notification: as WeChat would, or broken in one of the ways the API must survive. */
export type NotifyMode = 'normal' | 'none' | 'bad_signature' | 'probe' | 'unknown_serial' | 'stale' | 'bad_tag' | 'wrong_amount' | 'wrong_mchid';
export const NOTIFY_MODES: readonly NotifyMode[] = ['normal', 'none', 'bad_signature', 'probe', 'unknown_serial', 'stale', 'bad_tag', 'wrong_amount', 'wrong_mchid'];

interface SimTransaction {
  appid: string;
  mchid: string;
  outTradeNo: string;
  prepayId: string;
  description: string;
  total: number;
  openid: string;
  notifyUrl: string;
  timeExpire: Date;
  state: TradeState;
  transactionId: string | null;
  successTime: string | null;
  refunded: number;
}

interface SimRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  refund: number;
  total: number;
  status: RefundState;
  notifyUrl: string;
}

interface SimTransferBill {
  outBillNo: string;
  transferBillNo: string;
  openid: string;
  amount: number;
  notifyUrl: string;
  state: TransferState;
  packageInfo: string;
  createTime: string;
  updateTime: string;
  failReason: string | null;
}

export interface Delivery {
  status: number;
  body: string;
}

/** A WeChat Pay error answer: HTTP status plus `{code, message}`, as the real API gives. */
export class SimPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SIM_PREFIX = '/sim/wechatpay';

/**
 * A development stand-in for WeChat Pay API v3: it checks our request signatures, keeps its own transactions
 * and refunds, and sends signed, encrypted notifications. In memory, one process: dev and tests only.
 */
@Injectable()
export class WechatPaySimulatorService {
  private readonly logger = new Logger('WechatPaySimulator');
  private readonly transactions = new Map<string, SimTransaction>();
  private readonly refunds = new Map<string, SimRefund>();
  private readonly transfers = new Map<string, SimTransferBill>();
  readonly stats = { prepay: 0, query: 0, close: 0, refund: new Map<string, number>(), transferCalls: 0, transfersPaid: 0, transferredFen: 0 };
  /**
   * `transferFailNext`: the next n transfer creations answer 500 SYSTEM_ERROR without creating a bill (a network-ish
   * failure the server must retry). `transferConfirm`: 'user' leaves bills WAIT_USER_CONFIRM until confirmed;
   * 'auto' pays at once.
   */
  settings = { refundNotify: true, refundDelayMs: 30, transferFailNext: 0, transferConfirm: 'user' as 'user' | 'auto' };

  constructor(@Inject(WECHAT_PAY_KEYS) private readonly keys: WechatPayKeys) {}

  private get sim() {
    if (!this.keys.simulator) throw new SimPayError(500, 'SYSTEM_ERROR', 'the simulator needs development keys');
    return this.keys.simulator;
  }

  /** Refuses an unsigned or badly signed merchant request with 401, as WeChat does. */
  verifyMerchantRequest(method: string, url: string, authorization: string | undefined, body: string): void {
    const auth = parseAuthorization(authorization);
    if (!auth) throw new SimPayError(401, 'SIGN_ERROR', 'missing or malformed Authorization');
    if (auth.mchid !== this.keys.mchid) throw new SimPayError(401, 'SIGN_ERROR', 'mchid mismatch');
    if (auth.serialNo !== this.keys.merchantSerial) throw new SimPayError(401, 'SIGN_ERROR', 'unknown merchant certificate serial');
    if (Math.abs(Date.now() / 1000 - Number(auth.timestamp)) > MAX_CLOCK_SKEW_SECONDS) throw new SimPayError(401, 'SIGN_ERROR', 'timestamp expired');
    const path = url.startsWith(SIM_PREFIX) ? url.slice(SIM_PREFIX.length) : url;
    if (!rsaVerify(signMessage([method.toUpperCase(), path, auth.timestamp, auth.nonceStr, body]), auth.signature, this.sim.merchantPublicKey)) {
      throw new SimPayError(401, 'SIGN_ERROR', 'signature verification failed');
    }
  }

  prepay(body: Record<string, unknown>): { prepay_id: string } {
    this.stats.prepay++;
    const amount = body.amount as { total?: unknown } | undefined;
    const payer = body.payer as { openid?: unknown } | undefined;
    const outTradeNo = String(body.out_trade_no ?? '');
    if (body.appid !== this.keys.appid || body.mchid !== this.keys.mchid) throw new SimPayError(400, 'PARAM_ERROR', 'appid and mchid do not match');
    if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(outTradeNo)) throw new SimPayError(400, 'PARAM_ERROR', 'out_trade_no is invalid');
    if (!Number.isInteger(amount?.total) || (amount?.total as number) < 1) throw new SimPayError(400, 'PARAM_ERROR', 'amount.total must be a positive integer');
    if (typeof payer?.openid !== 'string' || typeof body.notify_url !== 'string' || typeof body.time_expire !== 'string') throw new SimPayError(400, 'PARAM_ERROR', 'payer.openid, notify_url and time_expire are required');
    const existing = this.transactions.get(outTradeNo);
    if (existing?.state === 'SUCCESS' || existing?.state === 'REFUND') throw new SimPayError(400, 'ORDERPAID', '该订单已支付');
    if (existing?.state === 'CLOSED') throw new SimPayError(400, 'ORDER_CLOSED', '订单已关闭');
    if (existing && existing.total !== amount!.total) throw new SimPayError(400, 'INVALID_REQUEST', '商户订单号重复，且参数不一致');
    const tx: SimTransaction = existing ?? {
      appid: String(body.appid), mchid: String(body.mchid), outTradeNo, prepayId: `wx${Date.now()}${randomBytes(8).toString('hex')}`,
      description: String(body.description ?? ''), total: amount!.total as number, openid: payer!.openid as string, notifyUrl: String(body.notify_url),
      timeExpire: new Date(String(body.time_expire)), state: 'NOTPAY', transactionId: null, successTime: null, refunded: 0,
    };
    this.transactions.set(outTradeNo, tx);
    return { prepay_id: tx.prepayId };
  }

  query(outTradeNo: string): Record<string, unknown> {
    this.stats.query++;
    const tx = this.requireTransaction(outTradeNo);
    this.expireIfDue(tx);
    return this.transactionResource(tx);
  }

  /** What has been refunded of a transaction: a repeated refund number never refunds twice. */
  refundedAmount(outTradeNo: string): number {
    return this.requireTransaction(outTradeNo).refunded;
  }

  close(outTradeNo: string): void {
    this.stats.close++;
    const tx = this.requireTransaction(outTradeNo);
    if (tx.state === 'SUCCESS' || tx.state === 'REFUND') throw new SimPayError(400, 'ORDERPAID', '订单已支付');
    tx.state = 'CLOSED';
  }

  transactionByPrepayId(prepayId: string): SimTransaction | undefined {
    return [...this.transactions.values()].find((t) => t.prepayId === prepayId);
  }

  /**
   * The shopper pays. `force` pays even a closed or expired transaction: the race WeChat can produce,
   * which the server must answer by refunding. Then the notification goes out, `copies` times at once.
   */
  async pay(outTradeNo: string, opts: { mode?: NotifyMode; copies?: number; force?: boolean } = {}): Promise<Delivery[]> {
    const tx = this.requireTransaction(outTradeNo);
    this.expireIfDue(tx);
    if (!opts.force && tx.state !== 'NOTPAY') throw new SimPayError(400, tx.state === 'CLOSED' ? 'ORDER_CLOSED' : 'ORDERPAID', `transaction is ${tx.state}`);
    if (tx.state !== 'SUCCESS' && tx.state !== 'REFUND') {
      tx.state = 'SUCCESS';
      tx.transactionId = `4200${Date.now()}${randomBytes(4).toString('hex')}`;
      tx.successTime = new Date().toISOString();
    }
    const mode = opts.mode ?? 'normal';
    if (mode === 'none') return [];
    const resource = this.transactionResource(tx);
    if (mode === 'wrong_amount') (resource.amount as { total: number }).total += 1;
    if (mode === 'wrong_mchid') resource.mchid = '1230000109';
    const copies = Math.max(1, Math.min(opts.copies ?? 1, 50));
    const { headers, body } = this.notification('TRANSACTION.SUCCESS', '支付成功', resource, 'transaction', mode);
    return Promise.all(Array.from({ length: copies }, () => this.deliver(tx.notifyUrl, headers, body)));
  }

  refund(body: Record<string, unknown>): Record<string, unknown> {
    const outRefundNo = String(body.out_refund_no ?? '');
    this.stats.refund.set(outRefundNo, (this.stats.refund.get(outRefundNo) ?? 0) + 1);
    const existing = this.refunds.get(outRefundNo);
    if (existing) return this.refundResource(existing);
    const amount = body.amount as { refund?: number; total?: number } | undefined;
    const tx = this.requireTransaction(String(body.out_trade_no ?? ''));
    if (tx.state !== 'SUCCESS' && tx.state !== 'REFUND') throw new SimPayError(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    if (!Number.isInteger(amount?.refund) || amount!.refund! < 1 || amount!.total !== tx.total) throw new SimPayError(400, 'PARAM_ERROR', 'amount is invalid');
    if (tx.refunded + amount!.refund! > tx.total) throw new SimPayError(403, 'NOT_ENOUGH', '可退金额不足');
    tx.refunded += amount!.refund!;
    tx.state = 'REFUND';
    const refund: SimRefund = { refundId: `5030${Date.now()}${randomBytes(4).toString('hex')}`, outRefundNo, outTradeNo: tx.outTradeNo, refund: amount!.refund!, total: tx.total, status: 'PROCESSING', notifyUrl: String(body.notify_url ?? '') };
    this.refunds.set(outRefundNo, refund);
    setTimeout(() => void this.completeRefund(refund), this.settings.refundDelayMs);
    return this.refundResource(refund);
  }

  queryRefund(outRefundNo: string): Record<string, unknown> {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new SimPayError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return this.refundResource(refund);
  }

  private async completeRefund(refund: SimRefund): Promise<void> {
    refund.status = 'SUCCESS';
    if (!this.settings.refundNotify || !refund.notifyUrl) return;
    const resource = { mchid: this.keys.mchid, out_trade_no: refund.outTradeNo, refund_id: refund.refundId, out_refund_no: refund.outRefundNo, refund_status: 'SUCCESS', success_time: new Date().toISOString(), amount: { total: refund.total, refund: refund.refund, payer_total: refund.total, payer_refund: refund.refund } };
    const { headers, body } = this.notification('REFUND.SUCCESS', '退款成功', resource, 'refund', 'normal');
    await this.deliver(refund.notifyUrl, headers, body);
  }

  /** POST /v3/fund-app/mch-transfer/transfer-bills: one out_bill_no makes one bill; a repeat answers the same bill. */
  createTransfer(body: Record<string, unknown>): Record<string, unknown> {
    this.stats.transferCalls++;
    if (this.settings.transferFailNext > 0) {
      this.settings.transferFailNext--;
      throw new SimPayError(500, 'SYSTEM_ERROR', '系统错误，请使用相同参数稍后重试');
    }
    const outBillNo = String(body.out_bill_no ?? '');
    if (body.appid !== this.keys.appid) throw new SimPayError(400, 'PARAM_ERROR', 'appid does not match');
    if (!/^[0-9A-Za-z]{1,32}$/.test(outBillNo)) throw new SimPayError(400, 'PARAM_ERROR', 'out_bill_no is invalid');
    const amount = body.transfer_amount;
    if (!Number.isInteger(amount) || (amount as number) < 10) throw new SimPayError(400, 'PARAM_ERROR', 'transfer_amount must be at least 10 fen');
    if (typeof body.openid !== 'string' || typeof body.transfer_scene_id !== 'string' || typeof body.transfer_remark !== 'string' || [...body.transfer_remark].length > 32) {
      throw new SimPayError(400, 'PARAM_ERROR', 'openid, transfer_scene_id and transfer_remark (≤32) are required');
    }
    if ((amount as number) >= 200_000 && !body.user_name) throw new SimPayError(400, 'PARAM_ERROR', 'user_name is required from 2000 yuan');
    const existing = this.transfers.get(outBillNo);
    if (existing) {
      if (existing.amount !== amount || existing.openid !== body.openid) throw new SimPayError(400, 'INVALID_REQUEST', '商户单号重复，且参数不一致');
      return this.transferAnswer(existing);
    }
    const now = new Date().toISOString();
    const bill: SimTransferBill = {
      outBillNo, transferBillNo: `1330${Date.now()}${randomBytes(4).toString('hex')}`, openid: body.openid, amount: amount as number,
      notifyUrl: String(body.notify_url ?? ''), state: 'WAIT_USER_CONFIRM', packageInfo: `ABBQO+oYAAABAAAAAAB${randomBytes(12).toString('base64url')}`,
      createTime: now, updateTime: now, failReason: null,
    };
    this.transfers.set(outBillNo, bill);
    if (this.settings.transferConfirm === 'auto') void this.finishTransfer(bill, 'SUCCESS');
    return this.transferAnswer(bill);
  }

  queryTransfer(outBillNo: string): Record<string, unknown> {
    return this.transferResource(this.requireTransfer(outBillNo));
  }

  cancelTransfer(outBillNo: string): Record<string, unknown> {
    const bill = this.requireTransfer(outBillNo);
    if (bill.state !== 'WAIT_USER_CONFIRM' && bill.state !== 'ACCEPTED') throw new SimPayError(400, 'INVALID_REQUEST', `bill is ${bill.state}`);
    void this.finishTransfer(bill, 'CANCELLED');
    return { out_bill_no: bill.outBillNo, transfer_bill_no: bill.transferBillNo, state: bill.state, update_time: bill.updateTime };
  }

  /** The shopper confirms receipt (what `wx.requestMerchantTransfer` does), or declines; the notification follows. */
  async confirmTransfer(outBillNo: string, accept = true): Promise<Delivery | null> {
    const bill = this.requireTransfer(outBillNo);
    if (bill.state !== 'WAIT_USER_CONFIRM') throw new SimPayError(400, 'INVALID_REQUEST', `bill is ${bill.state}`);
    return this.finishTransfer(bill, accept ? 'SUCCESS' : 'CANCELLED');
  }

  /** The bill the simulator knows for a package (the H5 stand-in for the confirmation sheet). */
  transferByPackage(packageInfo: string): SimTransferBill | undefined {
    return [...this.transfers.values()].find((b) => b.packageInfo === packageInfo);
  }

  private finishTransfer(bill: SimTransferBill, state: 'SUCCESS' | 'CANCELLED' | 'FAIL'): Promise<Delivery | null> {
    bill.state = state;
    bill.updateTime = new Date().toISOString();
    if (state === 'SUCCESS') {
      this.stats.transfersPaid++;
      this.stats.transferredFen += bill.amount;
    }
    if (!bill.notifyUrl) return Promise.resolve(null);
    const { headers, body } = this.notification('MCHTRANSFER.BILL.FINISHED', '商家转账单据终态通知', this.transferResource(bill), 'mch_payment', 'normal');
    return this.deliver(bill.notifyUrl, headers, body);
  }

  private requireTransfer(outBillNo: string): SimTransferBill {
    const bill = this.transfers.get(outBillNo);
    if (!bill) throw new SimPayError(404, 'NOT_FOUND', '记录不存在');
    return bill;
  }

  private transferAnswer(b: SimTransferBill): Record<string, unknown> {
    return { out_bill_no: b.outBillNo, transfer_bill_no: b.transferBillNo, create_time: b.createTime, state: b.state, ...(b.state === 'WAIT_USER_CONFIRM' ? { package_info: b.packageInfo } : {}) };
  }

  private transferResource(b: SimTransferBill): Record<string, unknown> {
    return {
      mch_id: this.keys.mchid, out_bill_no: b.outBillNo, transfer_bill_no: b.transferBillNo, appid: this.keys.appid, state: b.state, transfer_amount: b.amount,
      transfer_remark: '佣金提现', openid: b.openid, create_time: b.createTime, update_time: b.updateTime, ...(b.failReason ? { fail_reason: b.failReason } : {}),
      ...(b.state === 'WAIT_USER_CONFIRM' ? { package_info: b.packageInfo } : {}),
    };
  }

  /** Builds a notification exactly as WeChat Pay does, or broken as `mode` asks. */
  notification(eventType: string, summary: string, resource: object, originalType: string, mode: NotifyMode): { headers: Record<string, string>; body: string } {
    const encrypted = encryptResource(JSON.stringify(resource), this.keys.apiV3Key, originalType, originalType);
    if (mode === 'bad_tag') {
      const bytes = Buffer.from(encrypted.ciphertext, 'base64');
      bytes[bytes.length - 1] ^= 0xff;
      encrypted.ciphertext = bytes.toString('base64');
    }
    const body = JSON.stringify({ id: `EV-${randomBytes(8).toString('hex')}`, create_time: new Date().toISOString(), resource_type: 'encrypt-resource', event_type: eventType, summary, resource: encrypted });
    const timestamp = mode === 'stale' ? String(Number(unixSeconds()) - 600) : unixSeconds();
    const nonceStr = randomBytes(16).toString('hex');
    let signature = rsaSign(signMessage([timestamp, nonceStr, body]), this.sim.privateKey);
    if (mode === 'bad_signature') signature = rsaSign(signMessage([timestamp, nonceStr, `${body} `]), this.sim.privateKey);
    if (mode === 'probe') signature = `WECHATPAY/SIGNTEST/${signature}`;
    const serial = mode === 'unknown_serial' ? 'PUB_KEY_ID_0000000000000000000000000000' : this.sim.publicKeyId;
    return { headers: { 'Content-Type': 'application/json', 'Wechatpay-Serial': serial, 'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': nonceStr, 'Wechatpay-Signature': signature, 'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048' }, body };
  }

  private async deliver(url: string, headers: Record<string, string>, body: string): Promise<Delivery> {
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
      return { status: res.status, body: await res.text() };
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'notification delivery failed');
      return { status: 0, body: '' };
    }
  }

  private requireTransaction(outTradeNo: string): SimTransaction {
    const tx = this.transactions.get(outTradeNo);
    if (!tx) throw new SimPayError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return tx;
  }

  private expireIfDue(tx: SimTransaction): void {
    if (tx.state === 'NOTPAY' && tx.timeExpire.getTime() < Date.now()) tx.state = 'CLOSED';
  }

  private transactionResource(tx: SimTransaction): Record<string, unknown> {
    return {
      appid: tx.appid, mchid: tx.mchid, out_trade_no: tx.outTradeNo, trade_state: tx.state, trade_state_desc: tx.state,
      ...(tx.transactionId ? { transaction_id: tx.transactionId, success_time: tx.successTime, trade_type: 'JSAPI', bank_type: 'OTHERS' } : {}),
      amount: { total: tx.total, payer_total: tx.total, currency: 'CNY', payer_currency: 'CNY' }, payer: { openid: tx.openid },
    };
  }

  private refundResource(r: SimRefund): Record<string, unknown> {
    return { refund_id: r.refundId, out_refund_no: r.outRefundNo, out_trade_no: r.outTradeNo, status: r.status, channel: 'ORIGINAL', amount: { refund: r.refund, total: r.total, currency: 'CNY' } };
  }
}
