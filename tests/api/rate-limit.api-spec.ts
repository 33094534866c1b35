import { JwtService } from '@nestjs/jwt';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { User } from '../../server/src/modules/auth/entities/user.entity';
import { ShareVisit } from '../../server/src/modules/referrals/entities/referral.entities';
import { SharesService } from '../../server/src/modules/referrals/shares.service';
import { startTestApp, TestApp } from '../factories/test-app';

/** Counters are per minute: start each test well inside a window so it cannot straddle two. */
async function freshWindow(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
}

/** Behaviour 9: login and checkout are rate limited with 429, counted in the database so every instance shares it. */
describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '5', RATE_LIMIT_CHECKOUT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once an address logs in too often in a minute, even in parallel', async () => {
    await freshWindow();
    const codes = await Promise.all(Array.from({ length: 8 }, async (_, i) => (await t.http().post('/sim/wechat/dev/login-code').send({ openid: `rl-openid-${i}` })).body.code as string));
    const results = await Promise.all(codes.map((code) => t.http().post('/api/auth/wechat-login').send({ code })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    expect(limited[0].body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits placing orders per shopper, not across shoppers', async () => {
    await freshWindow();
    const p = await t.factory.product({ skus: [{ price: 100, stock: 100 }] });
    const [a, b] = await Promise.all([shopperToken(t, 'rl-openid-0'), shopperToken(t, 'rl-openid-1')]);
    const place = (auth: { Authorization: string }, addressId: number) =>
      t.http().post('/api/orders').set(auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 1 }], addressId, source: 'buy_now' });
    const addrA = (await t.factory.address(a.userId)).id;
    const addrB = (await t.factory.address(b.userId)).id;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await place(a.auth, addrA)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await place(b.auth, addrB)).status).toBe(201);
    expect((await t.factory.sku(p.skus[0].id)).stock).toBe(96);
  });
});

describe('share visits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_VISIT_IP_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('bounds visits per address across devices (every instance shares the count), writing nothing beyond', async () => {
    await freshWindow();
    const p = await t.factory.product();
    const { code } = await t.app.get(SharesService).create(1, 'product', p.id, 'chat');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => t.http().post('/api/shares/visits').send({ code, deviceId: `rl-device-${i}-abcdef` })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(3);
    expect(await t.app.get(TransactionRunner).dataSource.getRepository(ShareVisit).countBy({ shareId: Number.parseInt(code.split('.')[0], 36) })).toBe(5);
  });
});

/** A token for a user who already logged in, without another login request (that limit is spent). */
async function shopperToken(t: TestApp, openid: string) {
  const user = await t.app.get(TransactionRunner).dataSource.getRepository(User).findOneByOrFail({ openid });
  const token = await t.app.get(JwtService).signAsync({ sub: user.id, kind: 'shopper' });
  return { userId: user.id, auth: { Authorization: `Bearer ${token}` } };
}
