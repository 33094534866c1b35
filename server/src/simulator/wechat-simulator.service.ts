import QRCode from 'qrcode';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** How the simulator answers a code: normally, or as one of WeChat's failures. */
export type SimulatedLoginBehaviour = 'ok' | 'busy' | 'rate_limited' | 'blocked';

interface IssuedCode {
  openid: string;
  behaviour: SimulatedLoginBehaviour;
  expiresAt: number;
  used: boolean;
}

export const DEMO_SHOPPERS = [
  { openid: 'demo-openid-xiaomei', nickname: '小美', avatar: '/media/avatars/xiaomei.svg' },
  { openid: 'demo-openid-laowang', nickname: '老王', avatar: '/media/avatars/laowang.svg' },
  { openid: 'demo-openid-ajie', nickname: '阿杰', avatar: '/media/avatars/ajie.svg' },
  { openid: 'demo-openid-zhangayi', nickname: '张阿姨', avatar: '/media/avatars/zhangayi.svg' },
] as const;

const CODE_TTL_MS = 5 * 60_000;

/** The WeChat server APIs the simulator answers, by the last part of their path. */
export const SIMULATED_APIS = ['jscode2session', 'stable_token', 'upload_shipping_info', 'getuserphonenumber'] as const;
export type SimulatedApi = (typeof SIMULATED_APIS)[number];

/** Told by a test or a developer: the next `failNext` calls answer `errcode`; every call waits `delayMs` first. */
export interface SimulatedFault {
  failNext: number;
  errcode: number;
  delayMs: number;
}

const FAULT_MESSAGES: Record<number, string> = { [-1]: 'system error', 45009: 'reach max api daily quota limit', 45011: 'api minute-quota reach limit' };

/**
 * A development stand-in for WeChat's login server. It issues one-time codes (as `wx.login` would)
 * and answers `sns/jscode2session` with WeChat's own fields and error codes. State is in memory: dev only.
 */
@Injectable()
export class WechatSimulatorService {
  private readonly codes = new Map<string, IssuedCode>();
  private accessToken: string | null = null;
  /** Shipments reported through upload_shipping_info and accepted, for tests. */
  readonly shippingReports: Record<string, unknown>[] = [];
  /** Subscription messages accepted, for tests (`GET /sim/wechat/dev/subscribe-messages`). */
  readonly subscribeMessages: Record<string, unknown>[] = [];
  /** Openids that answer 43101 (set with `POST /sim/wechat/dev/subscribe-refusals`). */
  readonly refusingSubscriptions = new Set<string>();
  private readonly faults = new Map<SimulatedApi, SimulatedFault>();
  /** Calls per API, and how many of them were answered with an injected error. */
  readonly stats = Object.fromEntries(SIMULATED_APIS.map((api) => [api, { calls: 0, failed: 0 }])) as Record<SimulatedApi, { calls: number; failed: number }>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Replaces the fault of one API; `failNext: 0, delayMs: 0` clears it. */
  setFault(api: SimulatedApi, fault: Partial<SimulatedFault>): SimulatedFault {
    const next = { failNext: fault.failNext ?? 0, errcode: fault.errcode ?? -1, delayMs: fault.delayMs ?? 0 };
    if (next.failNext === 0 && next.delayMs === 0) this.faults.delete(api);
    else this.faults.set(api, next);
    return next;
  }

  /**
   * Counts a call and applies its API's fault: resolves to WeChat's error body when this call is one of the
   * failures asked for, otherwise to null (answer normally).
   */
  async injectedFailure(api: SimulatedApi): Promise<Record<string, unknown> | null> {
    this.stats[api].calls++;
    const fault = this.faults.get(api);
    if (!fault) return null;
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.failNext <= 0) return null;
    fault.failNext--;
    this.stats[api].failed++;
    return { errcode: fault.errcode, errmsg: FAULT_MESSAGES[fault.errcode] ?? 'simulated failure' };
  }

  issueCode(openid: string, behaviour: SimulatedLoginBehaviour = 'ok'): string {
    this.forgetExpired();
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { openid, behaviour, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    return code;
  }

  jscode2session(query: Record<string, string | undefined>): Record<string, unknown> {
    if (query.grant_type !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
    if (query.appid !== this.config.wechat.appid) return { errcode: 40013, errmsg: 'invalid appid' };
    if (query.secret !== this.config.wechat.secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    const issued = query.js_code ? this.codes.get(query.js_code) : undefined;
    if (!issued || issued.expiresAt < Date.now()) return { errcode: 40029, errmsg: 'invalid code' };
    if (issued.behaviour === 'busy') return { errcode: -1, errmsg: 'system error' };
    if (issued.behaviour === 'rate_limited') return { errcode: 45011, errmsg: 'api minute-quota reach limit' };
    if (issued.behaviour === 'blocked') return { errcode: 40226, errmsg: 'high risk user' };
    if (issued.used) return { errcode: 40163, errmsg: 'code been used' };
    issued.used = true;
    return { openid: issued.openid, session_key: randomBytes(16).toString('base64') };
  }

  /** stable_token: one token per appid, replaced on force_refresh. */
  stableToken(body: { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean }): Record<string, unknown> {
    if (body.grant_type !== 'client_credential' || body.appid !== this.config.wechat.appid) return { errcode: 40013, errmsg: 'invalid appid' };
    if (body.secret !== this.config.wechat.secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    if (!this.accessToken || body.force_refresh) this.accessToken = randomBytes(24).toString('hex');
    return { access_token: this.accessToken, expires_in: 7200 };
  }

  /**
   * getwxacodeunlimit: checks the token, the scene (≤ 32 characters of WeChat's set) and the page, and answers with a
   * QR image of `page?scene=…` (WeChat draws its round code; a QR of the same content serves development and tests).
   */
  async wxaCodeUnlimit(accessToken: string | undefined, body: Record<string, unknown>): Promise<{ image: Buffer } | { error: Record<string, unknown> }> {
    if (!accessToken || accessToken !== this.accessToken) return { error: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' } };
    const scene = body.scene;
    if (typeof scene !== 'string' || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/.test(scene)) return { error: { errcode: 40129, errmsg: 'invalid scene' } };
    const page = typeof body.page === 'string' ? body.page : '';
    if (!page || page.startsWith('/')) return { error: { errcode: 41030, errmsg: 'invalid page rule' } };
    this.wxaCodes++;
    const width = Number.isInteger(body.width) ? Math.min(Math.max(body.width as number, 280), 1280) : 430;
    return { image: await QRCode.toBuffer(`${page}?scene=${scene}`, { type: 'png', width, margin: 1 }) };
  }

  wxaCodes = 0;

  uploadShippingInfo(accessToken: string | undefined, body: Record<string, unknown>): Record<string, unknown> {
    if (!accessToken || accessToken !== this.accessToken) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' };
    const key = body.order_key as { out_trade_no?: string } | undefined;
    if (!key?.out_trade_no || !Array.isArray(body.shipping_list) || !body.payer) return { errcode: 47001, errmsg: 'data format error' };
    this.shippingReports.push(body);
    return { errcode: 0, errmsg: 'ok' };
  }

  /**
   * subscribe/send as WeChat answers it: 40001 for a bad token, 40003 for an unknown openid shape, 47003 for a
   * field value WeChat would refuse (a `thing` over 20 characters, a `time` that is not a time), 43101 for openids a
   * test marked as not consenting. Accepted messages are recorded for tests to read.
   */
  sendSubscribeMessage(accessToken: string | undefined, body: Record<string, unknown>): Record<string, unknown> {
    if (!accessToken || accessToken !== this.accessToken) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' };
    const touser = body.touser;
    const data = body.data as Record<string, { value?: unknown }> | undefined;
    if (typeof touser !== 'string' || !touser) return { errcode: 40003, errmsg: 'invalid openid' };
    if (typeof body.template_id !== 'string' || !body.template_id) return { errcode: 40037, errmsg: 'invalid template_id' };
    if (!data || typeof data !== 'object') return { errcode: 47003, errmsg: 'argument invalid! data is empty' };
    for (const [key, field] of Object.entries(data)) {
      const value = typeof field?.value === 'string' ? field.value : '';
      if (!value) return { errcode: 47003, errmsg: `argument invalid! data.${key}.value is empty` };
      if (key.startsWith('thing') && Array.from(value).length > 20) return { errcode: 47003, errmsg: `argument invalid! data.${key}.value exceeds 20` };
      if (key.startsWith('time') && !/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$|^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(value)) {
        return { errcode: 47003, errmsg: `argument invalid! data.${key}.value is not a time` };
      }
    }
    if (this.refusingSubscriptions.has(touser)) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    this.subscribeMessages.push({ ...body, sentAt: new Date().toISOString() });
    return { errcode: 0, errmsg: 'ok', msgid: this.subscribeMessages.length };
  }

  private readonly phoneCodes = new Map<string, { phone: string; expiresAt: number; used: boolean }>();

  /** What the `getPhoneNumber` button gives on a phone: a one-time code for a number (dev and tests). */
  issuePhoneCode(phone: string): string {
    const code = randomBytes(16).toString('hex');
    this.phoneCodes.set(code, { phone, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /** getuserphonenumber as WeChat answers it: 40001 bad token, 40029 unknown, expired or used code. */
  getUserPhoneNumber(accessToken: string | undefined, body: Record<string, unknown>): Record<string, unknown> {
    if (!accessToken || accessToken !== this.accessToken) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' };
    const issued = typeof body.code === 'string' ? this.phoneCodes.get(body.code) : undefined;
    if (!issued || issued.used || issued.expiresAt < Date.now()) return { errcode: 40029, errmsg: 'invalid code' };
    issued.used = true;
    return {
      errcode: 0, errmsg: 'ok',
      phone_info: { phoneNumber: issued.phone, purePhoneNumber: issued.phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.config.wechat.appid } },
    };
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [code, issued] of this.codes) if (issued.expiresAt < now) this.codes.delete(code);
  }
}
