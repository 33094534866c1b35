import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { WechatError, wechatLoginError } from './wechat.errors';
import { ErrorCode } from '@linli/shared';

export interface WechatSession {
  openid: string;
  sessionKey: string;
  unionid: string | null;
}

/** The WeChat server API, over HTTP to a configurable base URL (the real one, or the local simulator). */
@Injectable()
export class WechatApiClient {
  private selfBase: string | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Called once the server listens, so the default simulator base can point at this process. */
  useSelfBase(origin: string): void {
    this.selfBase = `${origin}/sim/wechat`;
  }

  get base(): string {
    const base = this.config.wechat.apiBase ?? this.selfBase;
    if (!base) throw new WechatError(503, ErrorCode.WechatBusy, 'WeChat API base URL is not configured');
    return base;
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
      throw new WechatError(503, ErrorCode.WechatBusy, '微信服务暂时不可用，请稍后再试');
    }
    if (body.errcode) throw wechatLoginError(body.errcode);
    if (!body.openid || !body.session_key) throw new WechatError(502, ErrorCode.WechatBusy, '微信登录返回异常');
    return { openid: body.openid, sessionKey: body.session_key, unionid: body.unionid ?? null };
  }
}
