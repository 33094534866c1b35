import { startTestApp, TestApp } from '../factories/test-app';
import { User } from '../../server/src/modules/auth/entities/user.entity';
import { TransactionRunner } from '../../server/src/database/transaction-runner';

describe('login through WeChat', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const users = () => t.app.get(TransactionRunner).dataSource.getRepository(User);
  const code = async (openid: string, behaviour?: string) =>
    (await t.http().post('/sim/wechat/dev/login-code').send({ openid, ...(behaviour ? { behaviour } : {}) }).expect(200)).body.code as string;

  it('exchanges a wx.login code for our own token, and never returns the session key', async () => {
    const res = await t.http().post('/api/auth/wechat-login').send({ code: await code('openid-login-ok') }).expect(200);
    expect(res.body.token).toEqual(expect.any(String));
    expect(res.body.user).toEqual({ id: expect.any(Number), nickname: expect.stringMatching(/^邻里用户/), avatar: null });
    expect(JSON.stringify(res.body)).not.toMatch(/session_?key|openid/i);
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${res.body.token}`).expect(200);
    expect(me.body.id).toBe(res.body.user.id);
    // The session key is stored for later decryption, but not selectable by default.
    const stored = await users().findOne({ where: { openid: 'openid-login-ok' }, select: ['id', 'sessionKey'] });
    expect(stored?.sessionKey).toEqual(expect.any(String));
    const logs = t.logs.join('\n');
    expect(logs).not.toContain(stored!.sessionKey!);
    expect(logs).not.toContain(res.body.token);
    expect(logs).not.toContain('test-wechat-secret-xyz');
    expect(logs).toMatch(/"reqId"|"req":\{"id"/);
  });

  it('logs the same person in to the same user', async () => {
    const a = await t.http().post('/api/auth/wechat-login').send({ code: await code('openid-same') }).expect(200);
    const b = await t.http().post('/api/auth/wechat-login').send({ code: await code('openid-same') }).expect(200);
    expect(a.body.user.id).toBe(b.body.user.id);
  });

  it('answers 401 for an invalid or reused code and creates no user', async () => {
    const before = await users().count();
    const bad = await t.http().post('/api/auth/wechat-login').send({ code: 'not-a-real-code' }).expect(401);
    expect(bad.body.code).toBe('WECHAT_CODE_INVALID');
    const once = await code('openid-reuse');
    await t.http().post('/api/auth/wechat-login').send({ code: once }).expect(200);
    const reused = await t.http().post('/api/auth/wechat-login').send({ code: once }).expect(401);
    expect(reused.body.code).toBe('WECHAT_CODE_INVALID');
    expect(await users().count()).toBe(before + 1);
  });

  it('answers 503 when WeChat is busy, 403 for a blocked user, 429 when rate limited; no user is created', async () => {
    const before = await users().count();
    expect((await t.http().post('/api/auth/wechat-login').send({ code: await code('openid-busy', 'busy') }).expect(503)).body.code).toBe('WECHAT_BUSY');
    expect((await t.http().post('/api/auth/wechat-login').send({ code: await code('openid-risk', 'blocked') }).expect(403)).body.code).toBe('WECHAT_REJECTED');
    await t.http().post('/api/auth/wechat-login').send({ code: await code('openid-rl', 'rate_limited') }).expect(429);
    expect(await users().count()).toBe(before);
  });

  it('validates the login body', async () => {
    const res = await t.http().post('/api/auth/wechat-login').send({ code: '' }).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['code'] });
    await t.http().post('/api/auth/wechat-login').send({ code: 'abc', extra: 1 }).expect(400);
  });

  it('refuses protected routes without a valid token', async () => {
    for (const path of ['/api/cart', '/api/orders', '/api/addresses', '/api/auth/me']) {
      const res = await t.http().get(path).expect(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    }
    await t.http().get('/api/cart').set('Authorization', 'Bearer forged.token.here').expect(401);
  });

  it('keeps shopper and operator tokens apart, and operators act by role', async () => {
    const shopper = await t.loginShopper();
    await t.http().get('/admin/orders').set(shopper.auth).expect(401);
    const admin = await t.loginAdmin();
    await t.http().get('/api/cart').set(admin).expect(401);
    const wrong = await t.http().post('/admin/auth/login').send({ username: 'admin', password: 'wrong-password' }).expect(401);
    expect(wrong.body.code).toBe('ADMIN_LOGIN_FAILED');
    const created = await t.http().post('/admin/users').set(admin).send({ username: 'op1', password: 'operator-pass-1', role: 'operator' }).expect(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    await t.http().post('/admin/users').set(admin).send({ username: 'op1', password: 'operator-pass-1', role: 'operator' }).expect(409);
    const op = await t.http().post('/admin/auth/login').send({ username: 'op1', password: 'operator-pass-1' }).expect(200);
    const opAuth = { Authorization: `Bearer ${op.body.token}` };
    await t.http().get('/admin/orders').set(opAuth).expect(200);
    expect((await t.http().get('/admin/users').set(opAuth).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('serves health, OpenAPI and request ids', async () => {
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { type: t.db.kind, up: true } });
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/orders', '/admin/orders/{id}/ship', '/api/products']));
    const res = await t.http().get('/api/orders/1').set('X-Request-Id', 'req-abcdef-123');
    expect(res.headers['x-request-id']).toBe('req-abcdef-123');
    expect(res.body.requestId).toBe('req-abcdef-123');
  });
});
