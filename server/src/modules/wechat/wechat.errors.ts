import { ErrorCode } from '@linli/shared';
import { AppError } from '../../common/app-error';

export class WechatError extends AppError {}

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
