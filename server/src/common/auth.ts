import { CanActivate, ExecutionContext, Injectable, UseGuards, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ErrorCode } from '@linli/shared';
import type { FastifyRequest } from 'fastify';
import { ADMIN_ROLES, AdminRole } from '../modules/admin-auth/entities/admin-user.entity';
import { AccountStanding } from './account-standing';
import { AppError } from './app-error';
import { roleForRoute } from './operator-roles';
import { TokenVerifier } from './token-verifier';

export interface ShopperPrincipal {
  kind: 'shopper';
  userId: number;
}

export interface AdminPrincipal {
  kind: 'admin';
  adminId: number;
  role: AdminRole;
}

/** `ver` on an operator token is the account's token version when it was issued (see AdminUser.tokenVersion). */
export type TokenPayload = { sub: number; kind: 'shopper' } | { sub: number; kind: 'admin'; role: AdminRole; ver: number };

type AuthedRequest = FastifyRequest & { principal?: ShopperPrincipal | AdminPrincipal };

/** admin may do everything an operator may. */
const ROLE_RANK: Record<AdminRole, number> = { operator: 1, admin: 2 };

export class AuthError extends AppError {}

/** The payload of a valid `Bearer` token (HS256, not expired), or a 401. */
export function verifyBearerHeader(tokens: TokenVerifier, header: string | string[] | undefined): TokenPayload {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new AuthError(ErrorCode.Unauthorized, '请先登录');
  try {
    return tokens.verify(match[1]);
  } catch (err) {
    const expired = (err as Error).name === 'TokenExpiredError';
    throw new AuthError(expired ? ErrorCode.TokenExpired : ErrorCode.Unauthorized, expired ? '登录已过期，请重新登录' : '登录无效，请重新登录');
  }
}

/** The shopper a bearer header names, or a 401; the token alone, without the account's standing. */
export function shopperIdFromHeader(tokens: TokenVerifier, header: string | string[] | undefined): number {
  const payload = verifyBearerHeader(tokens, header);
  if (payload.kind !== 'shopper' || !Number.isSafeInteger(payload.sub)) throw new AuthError(ErrorCode.Unauthorized, '请使用顾客账号登录');
  return payload.sub;
}

/**
 * The shopper a bearer header names, once the database confirms the account exists and is not blocked: for the
 * guard and for routes outside Nest's guards, such as the flash-sale rush path.
 */
export async function activeShopperFromHeader(tokens: TokenVerifier, standing: AccountStanding, header: string | string[] | undefined): Promise<number> {
  const userId = shopperIdFromHeader(tokens, header);
  await requireActiveShopper(standing, userId);
  return userId;
}

/** The database's word that a token's shopper exists and is not blocked (split out for routes that check in between). */
export async function requireActiveShopper(standing: AccountStanding, userId: number): Promise<void> {
  const state = await standing.shopper(userId);
  if (state === 'unknown') throw new AuthError(ErrorCode.Unauthorized, '用户不存在，请重新登录');
  if (state === 'blocked') throw new AuthError(ErrorCode.AccountBlocked);
}

@Injectable()
export class ShopperGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly standing: AccountStanding,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    request.principal = { kind: 'shopper', userId: await activeShopperFromHeader(this.tokens, this.standing, request.headers.authorization) };
    return true;
  }
}

/** Lets anyone through; a valid shopper token of an account in good standing identifies the viewer (pages that a share link opens). */
@Injectable()
export class OptionalShopperGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly standing: AccountStanding,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    if (!request.headers.authorization) return true;
    try {
      request.principal = { kind: 'shopper', userId: await activeShopperFromHeader(this.tokens, this.standing, request.headers.authorization) };
    } catch {
      // An invalid token, or a blocked shopper's, on a public page counts as no viewer.
    }
    return true;
  }
}

/**
 * Back-office routes. The token must be an operator's, carry a known role and the account's current token version;
 * the account must exist and be enabled. The role the route needs comes from OPERATOR_ROUTE_ROLES, and the role
 * compared is the account's current one (a demotion applies at once).
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly standing: AccountStanding,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const payload = verifyBearerHeader(this.tokens, request.headers.authorization);
    if (payload.kind !== 'admin') throw new AuthError(ErrorCode.Unauthorized, '需要后台账号');
    if (!ADMIN_ROLES.includes(payload.role) || !Number.isSafeInteger(payload.sub) || !Number.isSafeInteger(payload.ver)) {
      throw new AuthError(ErrorCode.Unauthorized, '登录无效，请重新登录');
    }
    const account = await this.standing.operator(payload.sub);
    if (!account || account.disabled || account.tokenVersion !== payload.ver) throw new AuthError(ErrorCode.Unauthorized, '登录已失效，请重新登录');
    const needed = roleForRoute(request.method, request.routeOptions.url ?? '');
    if (!needed) throw new AuthError(ErrorCode.Forbidden, '此操作未分配权限');
    if (!ADMIN_ROLES.includes(account.role) || ROLE_RANK[account.role] < ROLE_RANK[needed]) throw new AuthError(ErrorCode.Forbidden, `需要 ${needed} 权限`);
    request.principal = { kind: 'admin', adminId: payload.sub, role: account.role };
    return true;
  }
}

/** Marks a route as shopper-only. */
export const ShopperAuth = () => applyDecorators(UseGuards(ShopperGuard), ApiBearerAuth());

/** Public route that also recognises a signed-in shopper (see `ViewerId`). */
export const OptionalShopperAuth = () => applyDecorators(UseGuards(OptionalShopperGuard), ApiBearerAuth());

/** Marks a route as back-office; the role it needs is in OPERATOR_ROUTE_ROLES. */
export const AdminAuth = () => applyDecorators(UseGuards(AdminGuard), ApiBearerAuth());

export const CurrentUserId = createParamDecorator((_: unknown, ctx: ExecutionContext): number => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (principal?.kind !== 'shopper') throw new AuthError(ErrorCode.Unauthorized, '请先登录');
  return principal.userId;
});

/** The signed-in shopper on an `OptionalShopperAuth` route, or null. */
export const ViewerId = createParamDecorator((_: unknown, ctx: ExecutionContext): number | null => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  return principal?.kind === 'shopper' ? principal.userId : null;
});

export const CurrentAdmin = createParamDecorator((_: unknown, ctx: ExecutionContext): AdminPrincipal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (principal?.kind !== 'admin') throw new AuthError(ErrorCode.Unauthorized, '需要后台账号');
  return principal;
});
