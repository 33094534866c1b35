import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { WechatError, wechatAnswerError, wechatLoginError } from './wechat.errors';
import { ErrorCode } from '@linli/shared';
import { SelfUrl } from '../../common/self-url';

/** A subscription message: template fields such as `thing1`, `time2` with their values. */
export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** The mini program page it opens, with its query. */
  page: string;
  data: Record<string, string>;
  state?: 'developer' | 'trial' | 'formal';
}

export interface WechatSession {
  openid: string;
  sessionKey: string;
  unionid: string | null;
}

/** The WeChat server API, over HTTP to a configurable base URL (the real one, or the local simulator). */
@Injectable()
export class WechatApiClient {
  private accessToken: { token: string; expiresAt: number } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly selfUrl: SelfUrl,
  ) {}

  /** The configured WeChat API, or this process's simulator in development. */
  get base(): string {
    return this.config.wechat.apiBase ?? `${this.selfUrl.local}/sim/wechat`;
  }

  async code2Session(code: string): Promise<WechatSession> {
    const query = new URLSearchParams({ appid: this.config.wechat.appid, secret: this.config.wechat.secret, js_code: code, grant_type: 'authorization_code' });
    let body: { openid?: string; session_key?: string; unionid?: string; errcode?: number; errmsg?: string };
    try {
      const res = await fetch(`${this.base}/sns/jscode2session?${query.toString()}`, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = (await res.json()) as typeof body;
    } catch {
      // The URL carries the app secret, so neither it nor the raw error is kept.
      throw new WechatError(ErrorCode.WechatBusy, '微信服务暂时不可用，请稍后再试');
    }
    if (body.errcode) throw wechatLoginError(body.errcode);
    if (!body.openid || !body.session_key) throw new WechatError(ErrorCode.WechatFailed, '微信登录返回异常');
    return { openid: body.openid, sessionKey: body.session_key, unionid: body.unionid ?? null };
  }

  /** The server access token (stable_token): one cached per process, refreshed with 5 minutes to spare. */
  async getAccessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.accessToken && this.accessToken.expiresAt - Date.now() > 5 * 60_000) return this.accessToken.token;
    const body = await this.post<{ access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }>('/cgi-bin/stable_token', {
      grant_type: 'client_credential', appid: this.config.wechat.appid, secret: this.config.wechat.secret, force_refresh: forceRefresh,
    });
    if (!body.access_token) throw new WechatError(ErrorCode.WechatFailed, `stable_token failed (${body.errcode ?? '?'})`);
    this.accessToken = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 7200) * 1000 };
    return body.access_token;
  }

  /** Reports a shipment of a WeChat Pay order (required for physical goods); refetches the token once on 40001. */
  async uploadShippingInfo(payload: object): Promise<void> {
    for (const force of [false, true]) {
      const token = await this.getAccessToken(force);
      const body = await this.post<{ errcode?: number; errmsg?: string }>(`/wxa/sec/order/upload_shipping_info?access_token=${encodeURIComponent(token)}`, payload);
      if (!body.errcode) return;
      if (body.errcode !== 40001 || force) throw wechatAnswerError('upload_shipping_info', body.errcode, body.errmsg);
    }
  }

  /**
   * Sends one subscription message (`/cgi-bin/message/subscribe/send`). Refetches the token once on 40001.
   * Returns WeChat's errcode (0 when sent): 43101 means the user has not (or no longer) consented and must not be retried.
   */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<{ errcode: number; errmsg: string }> {
    for (const force of [false, true]) {
      const token = await this.getAccessToken(force);
      const body = await this.post<{ errcode?: number; errmsg?: string }>(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        touser: message.openid,
        template_id: message.templateId,
        page: message.page,
        data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
        miniprogram_state: message.state ?? 'formal',
        lang: 'zh_CN',
      });
      const errcode = body.errcode ?? 0;
      if (errcode !== 40001 || force) return { errcode, errmsg: body.errmsg ?? '' };
    }
    return { errcode: 40001, errmsg: 'access_token invalid' };
  }

  /**
   * The phone number behind a `getPhoneNumber` button code (`POST /wxa/business/getuserphonenumber`). Each code works
   * once and for 5 minutes: 40029 (invalid or used code) is the shopper's problem, anything else is WeChat's. The token
   * is refetched once on 40001. The number is returned to the caller only, never logged.
   */
  async getUserPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }> {
    for (const force of [false, true]) {
      const token = await this.getAccessToken(force);
      const body = await this.post<{ errcode?: number; errmsg?: string; phone_info?: { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string } }>(
        `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, { code },
      );
      const errcode = body.errcode ?? 0;
      if (errcode === 40001 && !force) continue;
      if (errcode === 40029 || errcode === 40163) throw new WechatError(ErrorCode.PhoneCodeInvalid);
      if (errcode === -1 || errcode === 45011) throw new WechatError(ErrorCode.WechatBusy, '微信服务暂时不可用，请稍后再试');
      const info = body.phone_info;
      if (errcode || !info?.purePhoneNumber) throw new WechatError(ErrorCode.WechatFailed, `getuserphonenumber failed (${errcode})`);
      return { phoneNumber: info.phoneNumber ?? info.purePhoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: info.countryCode ?? '86' };
    }
    throw new WechatError(ErrorCode.WechatFailed, 'getuserphonenumber failed');
  }

  /**
   * A mini program code for `page` carrying `scene` (≤ 32 characters): `POST /wxa/getwxacodeunlimit`. The answer is
   * the image itself, or JSON with an errcode; the token is refetched once on 40001.
   */
  async getWxaCodeUnlimit(input: { scene: string; page: string; width?: number; envVersion?: 'release' | 'trial' | 'develop'; checkPath?: boolean }): Promise<Buffer> {
    for (const force of [false, true]) {
      const token = await this.getAccessToken(force);
      let res: Response;
      try {
        res = await fetch(`${this.base}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, signal: AbortSignal.timeout(10_000),
          body: JSON.stringify({ scene: input.scene, page: input.page.replace(/^\//, ''), width: input.width ?? 280, check_path: input.checkPath ?? false, env_version: input.envVersion ?? 'release' }),
        });
      } catch {
        throw new WechatError(ErrorCode.WechatBusy, '微信服务暂时不可用');
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      const type = res.headers.get('content-type') ?? '';
      if (res.ok && type.startsWith('image/')) return bytes;
      const body = safeJson(bytes.toString('utf8'));
      if (body?.errcode === 40001 && !force) continue;
      throw new WechatError(ErrorCode.WechatFailed, `getwxacodeunlimit failed (${body?.errcode ?? res.status} ${body?.errmsg ?? ''})`);
    }
    throw new WechatError(ErrorCode.WechatFailed, 'getwxacodeunlimit failed');
  }

  private async post<T>(path: string, payload: object): Promise<T> {
    try {
      const res = await fetch(`${this.base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as T;
    } catch (err) {
      if (err instanceof WechatError) throw err;
      throw new WechatError(ErrorCode.WechatBusy, '微信服务暂时不可用');
    }
  }
}

function safeJson(text: string): { errcode?: number; errmsg?: string } | null {
  try {
    return JSON.parse(text) as { errcode?: number; errmsg?: string };
  } catch {
    return null;
  }
}
