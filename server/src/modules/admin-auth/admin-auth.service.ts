import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode } from '@linli/shared';
import { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { TokenPayload } from '../../common/auth';
import { isUniqueViolation } from '../../common/error.filter';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AdminLoginResult, AdminUserView, CreateAdminUserDto } from './admin-auth.dto';
import { AdminUser } from './entities/admin-user.entity';
import { hashPassword, verifyPassword } from './password';

export class AdminAuthError extends AppError {}

const toView = (a: AdminUser): AdminUserView => ({ id: a.id, username: a.username, role: a.role, displayName: a.displayName, disabled: a.disabled });

@Injectable()
export class AdminAuthService {
  constructor(
    @InjectRepository(AdminUser) private readonly admins: Repository<AdminUser>,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<AdminLoginResult> {
    const admin = await this.admins.findOne({ where: { username }, select: ['id', 'username', 'role', 'displayName', 'disabled', 'passwordHash'] });
    // Same answer for unknown user and wrong password, and hash work either way.
    const ok = admin ? await verifyPassword(password, admin.passwordHash) : (await hashPassword(password), false);
    if (!admin || !ok || admin.disabled) throw new AdminAuthError(ErrorCode.AdminLoginFailed, '用户名或密码错误');
    const payload: TokenPayload = { sub: admin.id, kind: 'admin', role: admin.role };
    return { token: await this.jwt.signAsync(payload), expiresIn: this.config.jwt.ttlSeconds, admin: toView(admin) };
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

  /** Creates the configured first admin when there is none yet (idempotent across instances by the unique username). */
  async ensureBootstrapAdmin(): Promise<void> {
    if ((await this.admins.count()) > 0) return;
    try {
      await this.create({ username: this.config.admin.username, password: this.config.admin.password, role: 'admin', displayName: '店长' });
    } catch (err) {
      if (!(err instanceof AdminAuthError && err.status === 409)) throw err;
    }
  }
}
