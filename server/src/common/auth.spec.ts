import type { ExecutionContext } from '@nestjs/common';
import { ErrorCode } from '@linli/shared';
import type { AccountStanding, OperatorStanding } from './account-standing';
import { AdminGuard } from './auth';
import type { TokenVerifier } from './token-verifier';

/** AdminGuard against a fake token verifier and a fake account table. */
function guardFor(claims: Record<string, unknown>, account: OperatorStanding | null) {
  const tokens = { verify: () => claims } as unknown as TokenVerifier;
  const standing = { operator: async () => account } as unknown as AccountStanding;
  return new AdminGuard(tokens, standing);
}

function contextFor(method: string, url: string): ExecutionContext {
  const request = { method, routeOptions: { url }, headers: { authorization: 'Bearer x.y.z' } };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

async function refusal(guard: AdminGuard, method: string, url: string): Promise<string | null> {
  try {
    await guard.canActivate(contextFor(method, url));
    return null;
  } catch (err) {
    return (err as { code: string }).code;
  }
}

const operator: OperatorStanding = { role: 'operator', disabled: false, tokenVersion: 3 };
const token = { sub: 7, kind: 'admin', role: 'operator', ver: 3 };

describe('AdminGuard', () => {
  it('lets an operator through an operator route, HEAD included', async () => {
    expect(await refusal(guardFor(token, operator), 'GET', '/admin/products')).toBeNull();
    expect(await refusal(guardFor(token, operator), 'HEAD', '/admin/products')).toBeNull();
  });

  it('refuses an admin route, and any route the role table does not name', async () => {
    expect(await refusal(guardFor(token, operator), 'POST', '/admin/refunds/:id/approve')).toBe(ErrorCode.Forbidden);
    expect(await refusal(guardFor(token, { ...operator, role: 'admin' }), 'POST', '/admin/something-new')).toBe(ErrorCode.Forbidden);
  });

  it('refuses a token without a known role or version, a stale version, and a disabled or missing account', async () => {
    expect(await refusal(guardFor({ ...token, role: undefined }, operator), 'GET', '/admin/products')).toBe(ErrorCode.Unauthorized);
    expect(await refusal(guardFor({ ...token, role: 'root' }, operator), 'GET', '/admin/products')).toBe(ErrorCode.Unauthorized);
    expect(await refusal(guardFor({ ...token, ver: undefined }, operator), 'GET', '/admin/products')).toBe(ErrorCode.Unauthorized);
    expect(await refusal(guardFor({ ...token, ver: 2 }, operator), 'GET', '/admin/products')).toBe(ErrorCode.Unauthorized);
    expect(await refusal(guardFor(token, { ...operator, disabled: true }), 'GET', '/admin/products')).toBe(ErrorCode.Unauthorized);
    expect(await refusal(guardFor(token, null), 'GET', '/admin/products')).toBe(ErrorCode.Unauthorized);
    expect(await refusal(guardFor({ ...token, kind: 'shopper' }, operator), 'GET', '/admin/products')).toBe(ErrorCode.Unauthorized);
  });

  it('judges by the account role now, not the one in the token', async () => {
    expect(await refusal(guardFor({ ...token, role: 'admin' }, operator), 'GET', '/admin/refunds')).toBe(ErrorCode.Forbidden);
  });
});
