import { JwtService } from '@nestjs/jwt';
import { request as httpRequest } from 'node:http';
import { OPERATOR_ROUTE_ROLES } from '../../server/src/common/operator-roles';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { AdminLoginFailure } from '../../server/src/modules/admin-auth/entities/admin-login-failure.entity';
import { AdminUser } from '../../server/src/modules/admin-auth/entities/admin-user.entity';
import { Product } from '../../server/src/modules/catalog/entities/product.entity';
import { FlashReservation } from '../../server/src/modules/flash-sale/entities/flash.entity';
import { GroupBuyCampaign } from '../../server/src/modules/group-buy/entities/group-buy-campaign.entity';
import { startTestApp, TestApp } from '../factories/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `[[[…]]]` nested `depth` levels. */
const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

/** Issue 12: each defect the hostile-client probe found, refused with a 4xx `{code, message}` that writes nothing. */
describe('hardening', () => {
  let t: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_LOGIN_FAILURES_BEFORE_LOCK: '3', ADMIN_LOGIN_LOCK_SECONDS: '2', ADMIN_TOKEN_TTL_SECONDS: '900', RATE_LIMIT_ADMIN_LOGIN_PER_MINUTE: '100000' });
    admin = await t.loginAdmin();
  });
  afterAll(() => t.close());

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);
  const productBody = (categoryId: number, extra: Record<string, unknown> = {}) => ({
    categoryId, title: '改过的', images: ['/media/x.svg'], specDimensions: [{ name: '规格', values: ['A'] }], skus: [{ specs: { 规格: 'A' }, price: 100, originalPrice: 100, stock: 1 }], ...extra,
  });

  async function operator(username: string, password = 'operator-pass-9'): Promise<{ id: number; auth: { Authorization: string } }> {
    const created = await t.http().post('/admin/users').set(admin).send({ username, password, role: 'operator' }).expect(201);
    const { body } = await t.http().post('/admin/auth/login').send({ username, password }).expect(200);
    return { id: created.body.id, auth: { Authorization: `Bearer ${body.token}` } };
  }

  describe('ids', () => {
    it.each(['0x{id}', '{id}.0', '+{id}', '{id}e0', '%20{id}', '0{id}', '{id}%20', '2147483648', '-1', '0'])('refuses the path id %s and changes nothing', async (form) => {
      const p = await t.factory.product({ title: '原标题' });
      const path = `/admin/products/${form.replace('{id}', p.id.toString(form.startsWith('0x') ? 16 : 10))}`;
      const put = await t.http().put(path).set(admin).send(productBody(p.categoryId)).expect(400);
      expect(put.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['id'] });
      await t.http().delete(path).set(admin).expect(400);
      expect((await repo(Product).findOneByOrFail({ id: p.id })).title).toBe('原标题');
      await t.http().get(`/admin/products/${p.id}`).set(admin).expect(200);
    });
  });

  describe('bodies', () => {
    it('refuses deeply nested JSON with 400 on shopper and operator routes', async () => {
      const s = await t.loginShopper();
      for (const [path, auth, body] of [
        ['/api/cart/select', s.auth, { itemIds: nested(3000), selected: true }],
        ['/api/cart/remove', s.auth, { itemIds: nested(3000) }],
        ['/api/orders/preview', s.auth, { lines: nested(3000) }],
        ['/admin/products', admin, productBody(1, { skus: nested(3000) })],
        ['/admin/group-buy/campaigns', admin, { skus: nested(3000) }],
      ] as const) {
        const r = await t.http().post(path).set(auth).send(body as object);
        expect({ path, status: r.status, code: r.body.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
      }
    });

    it('refuses an array where an object belongs', async () => {
      const c = await t.factory.category();
      const before = await repo(Product).count();
      for (const extra of [{ specDimensions: [[]] }, { skus: [[]] }, { skus: [{ specs: [], price: 100, originalPrice: 100 }] }, { skus: [{ specs: { 规格: ['A'] }, price: 100, originalPrice: 100 }] }, { detail: [[]] }]) {
        const r = await t.http().post('/admin/products').set(admin).send(productBody(c.id, extra));
        expect({ extra, status: r.status, code: r.body.code }).toEqual({ extra, status: 400, code: 'VALIDATION_FAILED' });
      }
      expect(await repo(Product).count()).toBe(before);
    });

    it('refuses null in optional fields the database requires', async () => {
      const s = await t.loginShopper();
      const p = await t.factory.product();
      const line = (await t.http().post('/api/cart/items').set(s.auth).send({ skuId: p.skus[0].id, quantity: 1 }).expect(200)).body;
      const itemId = (line.items as { id: number }[])[0].id;
      await t.http().patch(`/api/cart/items/${itemId}`).set(s.auth).send({ quantity: null }).expect(400);
      await t.http().patch(`/api/cart/items/${itemId}`).set(s.auth).send({ selected: null }).expect(400);
      await t.http().post('/admin/categories').set(admin).send({ name: '空排序', sortOrder: null }).expect(400);
      await t.http().post('/admin/products').set(admin).send(productBody(p.categoryId, { onShelf: null })).expect(400);
      const c = await campaign();
      for (const field of ['title', 'groupSize', 'stock', 'perUserLimit', 'startsAt', 'endsAt', 'timeLimitSeconds', 'newCustomerOnly', 'leaderDiscount', 'tiers', 'skus']) {
        const r = await t.http().patch(`/admin/group-buy/campaigns/${c.id}`).set(admin).send({ [field]: null });
        expect({ field, status: r.status }).toEqual({ field, status: 400 });
      }
      // null is the documented way to turn 模拟成团 off.
      await t.http().patch(`/admin/group-buy/campaigns/${c.id}`).set(admin).send({ virtualMinMembers: null }).expect(200);
    });

    it('refuses dates outside 2000-2100, so the campaign list keeps working', async () => {
      const c = await campaign();
      for (const startsAt of ['-000001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2200-01-01T00:00:00Z', 'soon', 1e20]) {
        const r = await t.http().patch(`/admin/group-buy/campaigns/${c.id}`).set(admin).send({ startsAt });
        expect({ startsAt, status: r.status, code: r.body.code }).toEqual({ startsAt, status: 400, code: 'VALIDATION_FAILED' });
      }
      expect((await repo(GroupBuyCampaign).findOneByOrFail({ id: c.id })).startsAt.getTime()).toBe(new Date(c.startsAt).getTime());
      await t.http().get('/admin/group-buy/campaigns').set(admin).expect(200);
      await t.http().get('/admin/orders?createdFrom=-000001-01-01T00:00:00Z').set(admin).expect(400);
    });

    it('keeps the campaign list answering when a stored date is unreadable, and lets an operator repair it', async () => {
      const c = await campaign();
      const runner = t.app.get(TransactionRunner).dataSource.createQueryRunner();
      try {
        if (t.db.kind === 'mysql') {
          // What an old lax server could have stored: MariaDB's zero date, which no reader can parse.
          await runner.query("SET SESSION sql_mode = ''");
          await runner.query("UPDATE group_buy_campaigns SET starts_at = '0000-00-00 00:00:00' WHERE id = ?", [c.id]);
        } else {
          // What the old PATCH stored for year −1 (TypeORM writes it as "00-1-01-01 …").
          await runner.query("UPDATE group_buy_campaigns SET starts_at = '00-1-01-01 00:00:00.000' WHERE id = ?", [c.id]);
        }
      } finally {
        await runner.release();
      }
      const list = await t.http().get('/admin/group-buy/campaigns').set(admin).expect(200);
      expect((list.body.items as { id: number; startsAt: string }[]).find((x) => x.id === c.id)?.startsAt).toBe('1970-01-01T00:00:00.000Z');
      await t.http().patch(`/admin/group-buy/campaigns/${c.id}`).set(admin).send({ startsAt: c.startsAt }).expect(200);
      expect((await repo(GroupBuyCampaign).findOneByOrFail({ id: c.id })).startsAt.toISOString()).toBe(new Date(c.startsAt).toISOString());
    });

    it('answers a 1 MB query string with 431 in the {code, message} shape', async () => {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${t.url}/api/products?keyword=${'a'.repeat(1024 * 1024)}`, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(431);
      expect(JSON.parse(answer.body)).toEqual({ code: 'HEADERS_TOO_LARGE', message: expect.any(String) });
    });

    it('refuses __proto__ and other inherited names on the flash-sale lane', async () => {
      const s = await t.loginShopper();
      for (const key of ['__proto__', 'constructor', 'toString']) {
        const r = await fetch(`${t.url}/api/flash-sale/purchases`, { method: 'POST', headers: { ...s.auth, 'content-type': 'application/json' }, body: `{"itemId":1,"quantity":1,"addressId":1,"${key}":{}}` });
        expect({ key, status: r.status, body: await r.json() }).toMatchObject({ key, status: 400, body: { code: 'VALIDATION_FAILED', fields: [key] } });
      }
    });
  });

  describe('roles and tokens', () => {
    it('refuses a correctly signed operator token with no role or an unknown role', async () => {
      const jwt = t.app.get(JwtService);
      const adminRow = await repo(AdminUser).findOneByOrFail({ username: 'admin' });
      for (const claims of [{ sub: adminRow.id, kind: 'admin', ver: adminRow.tokenVersion }, { sub: adminRow.id, kind: 'admin', role: 'root', ver: adminRow.tokenVersion }, { sub: adminRow.id, kind: 'admin', role: 'admin' }]) {
        const r = await t.http().get('/admin/products').set({ Authorization: `Bearer ${jwt.sign(claims)}` });
        expect({ claims, status: r.status }).toEqual({ claims, status: 401 });
      }
    });

    it('gives every documented back-office route a role in the one table, and holds each role', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
      const adminRoutes = Object.entries(doc.paths).filter(([path]) => path.startsWith('/admin/'))
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
        .filter((r) => r !== 'POST /admin/auth/login');
      expect(adminRoutes.filter((r) => !(r in OPERATOR_ROUTE_ROLES))).toEqual([]);
      expect(Object.keys(OPERATOR_ROUTE_ROLES).filter((r) => !adminRoutes.includes(r))).toEqual([]);
      // Money and accounts are admin's; the shop's daily work is the operator's.
      for (const [route, role] of Object.entries(OPERATOR_ROUTE_ROLES)) {
        const path = route.split(' ')[1];
        if (/^\/admin\/(payments|refunds|payouts|users|shoppers)/.test(path)) expect({ route, role }).toEqual({ route, role: 'admin' });
        if (/^\/admin\/(categories|products|skus|orders|group-buy|flash-sale)/.test(path) && !route.startsWith('DELETE')) expect({ route, role }).toEqual({ route, role: 'operator' });
      }
      // An operator is refused every admin route before anything is read; an operator route lets them past the guard.
      const op = await operator('role-table-op');
      for (const [route, role] of Object.entries(OPERATOR_ROUTE_ROLES)) {
        const [method, path] = route.split(' ');
        if (role !== 'admin') continue;
        const r = await t.http()[method.toLowerCase() as 'get'](path.replace(/:\w+/g, '999999')).set(op.auth).send({});
        expect({ route, status: r.status, code: r.body.code }).toEqual({ route, status: 403, code: 'FORBIDDEN' });
      }
      for (const route of ['GET /admin/orders', 'GET /admin/products', 'GET /admin/group-buy/campaigns', 'GET /admin/flash-sale/slots']) {
        expect((await t.http().get(route.split(' ')[1]).set(op.auth)).status).toBe(200);
      }
    });

    it('gives operator tokens a short life and revokes them on logout, password change and disabling', async () => {
      const op = await operator('tokens-op');
      const { body } = await t.http().post('/admin/auth/login').send({ username: 'tokens-op', password: 'operator-pass-9' }).expect(200);
      expect(body.expiresIn).toBe(900);
      const claims = t.app.get(JwtService).decode<{ exp: number; iat: number }>(body.token);
      expect(claims.exp - claims.iat).toBe(900);

      await t.http().get('/admin/products').set(op.auth).expect(200);
      await t.http().post('/admin/auth/logout').set(op.auth).expect(204);
      await t.http().get('/admin/products').set(op.auth).expect(401);

      let auth = { Authorization: `Bearer ${(await t.http().post('/admin/auth/login').send({ username: 'tokens-op', password: 'operator-pass-9' }).expect(200)).body.token}` };
      await t.http().post('/admin/auth/password').set(auth).send({ currentPassword: 'wrong-one', newPassword: 'operator-pass-10' }).expect(400);
      await t.http().post('/admin/auth/password').set(auth).send({ currentPassword: 'operator-pass-9', newPassword: 'operator-pass-10' }).expect(204);
      await t.http().get('/admin/products').set(auth).expect(401);
      await t.http().post('/admin/auth/login').send({ username: 'tokens-op', password: 'operator-pass-9' }).expect(401);
      auth = { Authorization: `Bearer ${(await t.http().post('/admin/auth/login').send({ username: 'tokens-op', password: 'operator-pass-10' }).expect(200)).body.token}` };

      await t.http().get('/admin/products').set(auth).expect(200);
      await t.http().patch(`/admin/users/${op.id}`).set(admin).send({ disabled: true }).expect(200);
      await t.http().get('/admin/products').set(auth).expect(401);
      await t.http().post('/admin/auth/login').send({ username: 'tokens-op', password: 'operator-pass-10' }).expect(401);
      await t.http().patch(`/admin/users/${op.id}`).set(admin).send({ disabled: null }).expect(400);
      // Nothing to change, sent as `{}` or as no body at all: the account as it is.
      await t.http().patch(`/admin/users/${op.id}`).set(admin).send({}).expect(200);
      expect((await t.http().patch(`/admin/users/${op.id}`).set(admin).expect(200)).body).toMatchObject({ id: op.id, disabled: true });
    });

    it('applies a role change at once and never lets an admin lock themselves out', async () => {
      const promoted = await operator('promoted-op');
      await t.http().get('/admin/refunds').set(promoted.auth).expect(403);
      await t.http().patch(`/admin/users/${promoted.id}`).set(admin).send({ role: 'admin' }).expect(200);
      await t.http().get('/admin/refunds').set(promoted.auth).expect(401);
      const self = await repo(AdminUser).findOneByOrFail({ username: 'admin' });
      await t.http().patch(`/admin/users/${self.id}`).set(admin).send({ disabled: true }).expect(409);
    });
  });

  describe('operator login', () => {
    it('locks an account after wrong passwords, doubling the lock, and records each failure', async () => {
      await operator('locky');
      const login = (password: string) => t.http().post('/admin/auth/login').send({ username: 'locky', password });
      for (let i = 0; i < 2; i++) await login('wrong-pass').expect(401);
      await login('wrong-pass').expect(401); // the third locks it
      const locked = await login('operator-pass-9').expect(429);
      expect(locked.body.code).toBe('ADMIN_LOGIN_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(2);
      await sleep(2100);
      await login('wrong-pass').expect(401);
      expect(Number((await login('operator-pass-9').expect(429)).headers['retry-after'])).toBeGreaterThan(2);
      const failures = await repo(AdminLoginFailure).find({ where: { username: 'locky' }, order: { id: 'ASC' } });
      expect(failures.map((f) => f.reason)).toEqual(['password', 'password', 'password', 'locked', 'password', 'locked']);
      expect(JSON.stringify(failures)).not.toContain('operator-pass-9');
      await repo(AdminUser).update({ username: 'locky' }, { lockedUntil: new Date(Date.now() - 1000) });
      await login('operator-pass-9').expect(200);
      expect((await repo(AdminUser).findOneByOrFail({ username: 'locky' })).failedLogins).toBe(0);
    });
  });

  describe('blocked shoppers', () => {
    it('refuses a blocked shopper at once, on every route and on the flash-sale lane, until unblocked', async () => {
      const s = await t.loginShopper();
      const address = await t.factory.address(s.userId);
      const item = await flashItem();
      await t.http().get('/api/cart').set(s.auth).expect(200);
      await t.http().post(`/admin/shoppers/${s.userId}/block`).set(admin).expect(200, { id: s.userId, blocked: true });
      expect((await t.http().get('/api/cart').set(s.auth).expect(403)).body.code).toBe('ACCOUNT_BLOCKED');
      await t.http().get('/api/addresses').set(s.auth).expect(403);
      const rush = await fetch(`${t.url}/api/flash-sale/purchases`, { method: 'POST', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify({ itemId: item, quantity: 1, addressId: address.id }) });
      expect(rush.status).toBe(403);
      expect(await repo(FlashReservation).countBy({ userId: s.userId })).toBe(0);
      await t.http().post(`/admin/shoppers/${s.userId}/unblock`).set(admin).expect(200, { id: s.userId, blocked: false });
      await t.http().get('/api/cart').set(s.auth).expect(200);
      await t.http().post('/admin/shoppers/2147483647/block').set(admin).expect(404);
    });
  });

  describe('logs', () => {
    it('logs an unexpected error once, at error, with the request id; info lines carry no stack or SQL parameters', async () => {
      const s = await t.loginShopper();
      const address = await t.factory.address(s.userId);
      const dataSource = t.app.get(TransactionRunner).dataSource;
      await dataSource.query('ALTER TABLE addresses RENAME TO addresses_hidden');
      t.logs.length = 0;
      let r;
      try {
        r = await t.http().get(`/api/addresses/${address.id}`).set(s.auth);
      } finally {
        await dataSource.query('ALTER TABLE addresses_hidden RENAME TO addresses');
      }
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ code: 'INTERNAL_ERROR', message: expect.any(String), requestId: expect.any(String) });
      await sleep(50);
      const lines = t.logs.map((l) => JSON.parse(l) as { level: number; msg: string; req?: { id: string }; reqId?: string });
      const errors = lines.filter((l) => l.level >= 50);
      expect(errors).toHaveLength(1);
      expect(JSON.stringify(errors[0])).toContain(r.body.requestId);
      expect(JSON.stringify(errors[0])).toContain('addresses');
      expect(JSON.stringify(errors[0])).not.toMatch(/SELECT|parameters/);
      for (const line of lines.filter((l) => l.level < 50)) {
        const text = JSON.stringify(line);
        expect(text).not.toMatch(/"stack"|SELECT|parameters/);
      }
    });
  });

  async function campaign(): Promise<{ id: number; startsAt: string }> {
    const product = await t.factory.product({ skus: [{ price: 3000, stock: 100 }] });
    const now = Date.now();
    const { body } = await t.http().post('/admin/group-buy/campaigns').set(admin).send({
      productId: product.id, title: '加固拼团', groupSize: 2, timeLimitSeconds: 3600, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86400_000).toISOString(),
      stock: 10, perUserLimit: 1, skus: [{ skuId: product.skus[0].id, groupPrice: 2000 }],
    }).expect(201);
    return body;
  }

  async function flashItem(): Promise<number> {
    const product = await t.factory.product({ skus: [{ price: 5000, stock: 100 }] });
    const startsAt = new Date(Date.now() - 60_000);
    const slot = (await t.http().post('/admin/flash-sale/slots').set(admin).send({ title: '加固场', startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) }).expect(201)).body;
    const withItem = (await t.http().post(`/admin/flash-sale/slots/${slot.id}/items`).set(admin).send({ skuId: product.skus[0].id, flashPrice: 990, stock: 10, perUserLimit: 1 }).expect(201)).body;
    return withItem.items[0].id as number;
  }
});

/** Behind a trusted proxy X-Forwarded-For names the client; from anyone else it is ignored. */
describe.each([
  ['no trusted proxy', ''],
  ['127.0.0.1 trusted', '127.0.0.1'],
])('client addresses (%s)', (_label, trustProxy) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: trustProxy, RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_ADMIN_LOGIN_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  async function freshWindow(): Promise<void> {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await sleep(60_000 - intoMinute + 100);
  }

  it('counts shopper logins per client address', async () => {
    await freshWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { body } = await t.http().post('/sim/wechat/dev/login-code').send({ openid: `xff-openid-${i}` }).expect(200);
      const r = await t.http().post('/api/auth/wechat-login').set('X-Forwarded-For', `203.0.113.${i + 1}`).send({ code: body.code });
      statuses.push(r.status);
    }
    expect(statuses).toEqual(trustProxy ? [200, 200, 200, 200, 200] : [200, 200, 200, 429, 429]);
  });

  it('counts operator logins per client address', async () => {
    await freshWindow();
    const attempt = (from: string) => t.http().post('/admin/auth/login').set('X-Forwarded-For', from).send({ username: 'admin', password: 'not-the-password' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(trustProxy ? '198.51.100.7' : `198.51.100.${i + 10}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another client behind the proxy is not affected; without a trusted proxy every request is the same client.
    expect((await attempt('198.51.100.99')).status).toBe(trustProxy ? 401 : 429);
  });
});
