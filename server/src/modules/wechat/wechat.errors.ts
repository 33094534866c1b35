import { ErrorCode } from '@linli/shared';
import { AppError } from '../../common/app-error';

export class WechatError extends AppError {
  /** WeChat's own errcode when WeChat answered with one (absent for network failures and HTTP errors). */
  errcode?: number;
}

/** WeChat answered, but with an errcode. */
export function wechatAnswerError(api: string, errcode: number, errmsg = ''): WechatError {
  const err = new WechatError(ErrorCode.WechatFailed, `${api} failed (${errcode} ${errmsg})`.trim());
  err.errcode = errcode;
  return err;
}

/**
 * Errcodes that say "not now" rather than "no": system busy, rate limits and a stale access token. Any other errcode
 * is WeChat's definite refusal of this request (bad openid, bad argument, nothing to report), and sending the same
 * request again gets the same answer.
 */
const TRANSIENT_ERRCODES = new Set([-1, 40001, 42001, 45009, 45011]);

/** Whether retrying the same call later could succeed: network failures and transient errcodes. */
export function isRetryableWechatError(err: unknown): boolean {
  return !(err instanceof WechatError) || err.errcode === undefined || TRANSIENT_ERRCODES.has(err.errcode);
}

/** Maps a jscode2session errcode to our answer (see shared reference: login). */
export function wechatLoginError(errcode: number): WechatError {
  switch (errcode) {
    case -1:
      return new WechatError(ErrorCode.WechatBusy, '微信繁忙，请稍后再试');
    case 40029:
    case 40163:
      return new WechatError(ErrorCode.WechatCodeInvalid, '登录凭证无效或已使用，请重新登录');
    case 45011:
      return new WechatError(ErrorCode.TooManyRequests, '登录太频繁，请稍后再试');
    case 40226:
      return new WechatError(ErrorCode.WechatRejected, '账号存在风险，暂时无法登录');
    default:
      return new WechatError(ErrorCode.WechatFailed, `微信登录失败（${errcode}）`);
  }
}
