import { CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards, applyDecorators, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ErrorCode } from '@linli/shared';
import type { FastifyRequest } from 'fastify';
import type { AdminRole } from '../modules/admin-auth/entities/admin-user.entity';
import { AppError } from './app-error';
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

export type TokenPayload = { sub: number; kind: 'shopper' } | { sub: number; kind: 'admin'; role: AdminRole };

type AuthedRequest = FastifyRequest & { principal?: ShopperPrincipal | AdminPrincipal };

const ADMIN_ROLE_KEY = 'linli:adminRole';
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

/** The shopper a bearer header names, or a 401 (for routes outside Nest's guards, such as the flash-sale rush path). */
export function shopperIdFromHeader(tokens: TokenVerifier, header: string | string[] | undefined): number {
  const payload = verifyBearerHeader(tokens, header);
  if (payload.kind !== 'shopper') throw new AuthError(ErrorCode.Unauthorized, '请使用顾客账号登录');
  return payload.sub;
}

@Injectable()
export class ShopperGuard implements CanActivate {
  constructor(private readonly tokens: TokenVerifier) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    request.principal = { kind: 'shopper', userId: shopperIdFromHeader(this.tokens, request.headers.authorization) };
    return true;
  }
}

/** Lets anyone through; a valid shopper token identifies the viewer (pages that a share link opens). */
@Injectable()
export class OptionalShopperGuard implements CanActivate {
  constructor(private readonly tokens: TokenVerifier) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    if (!request.headers.authorization) return true;
    let payload: TokenPayload | null = null;
    try {
      payload = verifyBearerHeader(this.tokens, request.headers.authorization);
    } catch {
      // An invalid token on a public page counts as no viewer.
    }
    if (payload?.kind === 'shopper') request.principal = { kind: 'shopper', userId: payload.sub };
    return true;
  }
}

@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const payload = verifyBearerHeader(this.tokens, request.headers.authorization);
    if (payload.kind !== 'admin') throw new AuthError(ErrorCode.Unauthorized, '需要后台账号');
    const needed = this.reflector.getAllAndOverride<AdminRole>(ADMIN_ROLE_KEY, [context.getHandler(), context.getClass()]) ?? 'operator';
    if (ROLE_RANK[payload.role] < ROLE_RANK[needed]) throw new AuthError(ErrorCode.Forbidden, `需要 ${needed} 权限`);
    request.principal = { kind: 'admin', adminId: payload.sub, role: payload.role };
    return true;
  }
}

/** Marks a route as shopper-only. */
export const ShopperAuth = () => applyDecorators(UseGuards(ShopperGuard), ApiBearerAuth());

/** Public route that also recognises a signed-in shopper (see `ViewerId`). */
export const OptionalShopperAuth = () => applyDecorators(UseGuards(OptionalShopperGuard), ApiBearerAuth());

/** Marks a route as back-office, needing at least `role`. */
export const AdminAuth = (role: AdminRole = 'operator') => applyDecorators(SetMetadata(ADMIN_ROLE_KEY, role), UseGuards(AdminGuard), ApiBearerAuth());

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
