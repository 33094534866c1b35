import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, LoginResult, UserView } from '@linli/shared';
import { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { isUniqueViolation } from '../../common/error.filter';
import { TokenPayload } from '../../common/auth';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { toUserView } from './auth.dto';
import { User } from './entities/user.entity';
import { NewUserHooks } from './new-user-hooks';

export class AuthUserError extends AppError {}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly wechat: WechatApiClient,
    private readonly jwt: JwtService,
    private readonly newUsers: NewUserHooks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** wx.login code → WeChat session → our user and token. A failed exchange creates nothing. */
  async loginWithWechatCode(code: string): Promise<LoginResult> {
    const session = await this.wechat.code2Session(code);
    const user = await this.upsertUser(session.openid, session.unionid, session.sessionKey);
    const payload: TokenPayload = { sub: user.id, kind: 'shopper' };
    return { token: await this.jwt.signAsync(payload), expiresIn: this.config.jwt.ttlSeconds, user: toUserView(user) };
  }

  async me(userId: number): Promise<UserView> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new AuthUserError(ErrorCode.Unauthorized, '用户不存在，请重新登录');
    return toUserView(user);
  }

  private async upsertUser(openid: string, unionid: string | null, sessionKey: string): Promise<User> {
    const now = new Date();
    let user = await this.users.findOneBy({ openid });
    if (!user) {
      try {
        const created = await this.users.insert({ openid, unionid, sessionKey, nickname: '', lastLoginAt: now });
        const id = Number(created.identifiers[0].id);
        await this.users.update({ id }, { nickname: `邻里用户${String(id).padStart(4, '0')}` });
        // Only the request that created the user announces it (a parallel first login lands in the catch).
        await this.newUsers.created(id);
      } catch (err) {
        // A parallel first login of the same person created the row first: use it.
        if (!isUniqueViolation(err)) throw err;
      }
      user = await this.users.findOneByOrFail({ openid });
    }
    await this.users.update({ id: user.id }, { sessionKey, lastLoginAt: now, ...(unionid ? { unionid } : {}) });
    return user;
  }
}
