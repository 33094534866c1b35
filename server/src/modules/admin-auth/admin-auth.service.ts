import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode } from '@linli/shared';
import { Repository } from 'typeorm';
import { AppError, RetryLaterError } from '../../common/app-error';
import { TokenPayload } from '../../common/auth';
import { isUniqueViolation } from '../../common/error.filter';
import { RateLimiter } from '../../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AdminLoginResult, AdminUserView, ChangePasswordDto, CreateAdminUserDto, UpdateAdminUserDto } from './admin-auth.dto';
import { AdminLoginFailure, AdminLoginFailureReason } from './entities/admin-login-failure.entity';
import { AdminUser } from './entities/admin-user.entity';
import { hashPassword, verifyPassword } from './password';

export class AdminAuthError extends AppError {}

const toView = (a: AdminUser): AdminUserView => ({ id: a.id, username: a.username, role: a.role, displayName: a.displayName, disabled: a.disabled });

/** The longest an account stays locked, however many wrong passwords it has seen. */
const MAX_LOCK_SECONDS = 3600;

@Injectable()
export class AdminAuthService {
  private readonly logger = new Logger('AdminAuth');

  constructor(
    @InjectRepository(AdminUser) private readonly admins: Repository<AdminUser>,
    @InjectRepository(AdminLoginFailure) private readonly failures: Repository<AdminLoginFailure>,
    private readonly jwt: JwtService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks, in order: attempts from this address this minute, the account's lock, then the password. Each refusal
   * past the address limit is recorded (those over it are only counted, so a flood cannot fill the table). From ADMIN_LOGIN_FAILURES_BEFORE_LOCK wrong passwords in a row on, each one locks the account for
   * twice as long as the one before (up to an hour); a correct password clears the count.
   */
  async login(username: string, password: string, address: string, now = new Date()): Promise<AdminLoginResult> {
    const { hits, windowEndsAt } = await this.limiter.hit(`admin-login:ip${address}`, now.getTime());
    if (hits > this.config.rateLimits.adminLogin) {
      throw new RetryLaterError(ErrorCode.TooManyRequests, (windowEndsAt - now.getTime()) / 1000, '登录尝试太频繁，请稍后再试');
    }
    const admin = await this.admins.findOne({ where: { username }, select: ['id', 'username', 'role', 'displayName', 'disabled', 'passwordHash', 'tokenVersion', 'failedLogins', 'lockedUntil'] });
    if (admin?.lockedUntil && admin.lockedUntil > now) {
      await this.recordFailure(username, address, 'locked');
      throw new RetryLaterError(ErrorCode.AdminLoginLocked, (admin.lockedUntil.getTime() - now.getTime()) / 1000);
    }
    // Same answer for unknown user and wrong password, and hash work either way.
    const ok = admin ? await verifyPassword(password, admin.passwordHash) : (await hashPassword(password), false);
    if (!admin || !ok) {
      await this.recordFailure(username, address, 'password');
      if (admin) await this.countWrongPassword(admin.id, now);
      throw new AdminAuthError(ErrorCode.AdminLoginFailed, '用户名或密码错误');
    }
    if (admin.disabled) throw new AdminAuthError(ErrorCode.AdminLoginFailed, '用户名或密码错误');
    if (admin.failedLogins || admin.lockedUntil) await this.admins.update({ id: admin.id }, { failedLogins: 0, lockedUntil: null });
    return this.issue(admin);
  }

  /** Ends every session of this operator (all tokens carry the old version). */
  async logout(adminId: number): Promise<void> {
    await this.revokeTokens(adminId);
  }

  /** Needs the current password; ends every session, this one included. */
  async changePassword(adminId: number, dto: ChangePasswordDto): Promise<void> {
    const admin = await this.admins.findOne({ where: { id: adminId }, select: ['id', 'passwordHash'] });
    if (!admin || !(await verifyPassword(dto.currentPassword, admin.passwordHash))) throw new AdminAuthError(ErrorCode.ValidationFailed, '当前密码不正确', ['currentPassword']);
    await this.admins.update({ id: adminId }, { passwordHash: await hashPassword(dto.newPassword) });
    await this.revokeTokens(adminId);
  }

  async list(): Promise<AdminUserView[]> {
    return (await this.admins.find({ order: { id: 'ASC' } })).map(toView);
  }

  async create(dto: CreateAdminUserDto): Promise<AdminUserView> {
    try {
      const passwordHash = await hashPassword(dto.password);
      const { identifiers } = await this.admins.insert({ username: dto.username, passwordHash, role: dto.role, displayName: dto.displayName ?? '' });
      return toView(await this.admins.findOneByOrFail({ id: Number(identifiers[0].id) }));
    } catch (err) {
      if (isUniqueViolation(err)) throw new AdminAuthError(ErrorCode.Conflict, '用户名已存在');
      throw err;
    }
  }

  /** A new role or a disabled account takes effect at once: the account's tokens are revoked. */
  async update(actorId: number, id: number, dto: UpdateAdminUserDto): Promise<AdminUserView> {
    const admin = await this.admins.findOneBy({ id });
    if (!admin) throw new AdminAuthError(ErrorCode.NotFound, '后台账号不存在');
    const demoting = dto.role !== undefined && dto.role !== admin.role;
    const disabling = dto.disabled === true && !admin.disabled;
    if (id === actorId && (demoting || disabling)) throw new AdminAuthError(ErrorCode.Conflict, '不能停用或降级自己的账号');
    const changes = { ...(dto.role !== undefined ? { role: dto.role } : {}), ...(dto.disabled !== undefined ? { disabled: dto.disabled } : {}), ...(dto.displayName !== undefined ? { displayName: dto.displayName } : {}) };
    if (Object.keys(changes).length) await this.admins.update({ id }, changes);
    if (demoting || disabling) await this.revokeTokens(id);
    return toView(await this.admins.findOneByOrFail({ id }));
  }

  /** Creates the configured first admin when there is none yet (idempotent across instances by the unique username). */
  async ensureBootstrapAdmin(): Promise<void> {
    if ((await this.admins.count()) > 0) return;
    try {
      await this.create({ username: this.config.admin.username, password: this.config.admin.password, role: 'admin', displayName: '店长' });
    } catch (err) {
      if (!(err instanceof AdminAuthError && err.status === 409)) throw err;
    }
  }

  private async issue(admin: AdminUser): Promise<AdminLoginResult> {
    const payload: TokenPayload = { sub: admin.id, kind: 'admin', role: admin.role, ver: admin.tokenVersion };
    const ttl = this.config.adminLogin.tokenTtlSeconds;
    return { token: await this.jwt.signAsync(payload, { expiresIn: ttl }), expiresIn: ttl, admin: toView(admin) };
  }

  private async revokeTokens(adminId: number): Promise<void> {
    await this.admins.createQueryBuilder().update().set({ tokenVersion: () => 'token_version + 1' }).where('id = :adminId', { adminId }).execute();
  }

  /** One more wrong password, counted atomically; at the threshold and beyond, the account locks with doubling time. */
  private async countWrongPassword(adminId: number, now: Date): Promise<void> {
    await this.admins.createQueryBuilder().update().set({ failedLogins: () => 'failed_logins + 1' }).where('id = :adminId', { adminId }).execute();
    const { failedLogins } = await this.admins.findOneOrFail({ where: { id: adminId }, select: ['id', 'failedLogins'] });
    const { failuresBeforeLock, lockSeconds } = this.config.adminLogin;
    if (failedLogins < failuresBeforeLock) return;
    const seconds = Math.min(MAX_LOCK_SECONDS, lockSeconds * 2 ** Math.min(20, failedLogins - failuresBeforeLock));
    await this.admins.update({ id: adminId }, { lockedUntil: new Date(now.getTime() + seconds * 1000) });
    this.logger.warn({ adminId, failedLogins, lockedSeconds: seconds }, 'operator account locked after wrong passwords');
  }

  private async recordFailure(username: string, address: string, reason: AdminLoginFailureReason): Promise<void> {
    await this.failures.insert({ username: username.slice(0, 64), address: address.slice(0, 64), reason });
  }
}
