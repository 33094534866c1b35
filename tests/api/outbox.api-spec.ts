import { In } from 'typeorm';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { OutboxMessage } from '../../server/src/modules/outbox/entities/outbox-message.entity';
import { DELIVERED_RETENTION_MS, OutboxWorker } from '../../server/src/modules/outbox/outbox-worker';
import { OUTBOX_RETRY, retryDelayMs } from '../../server/src/modules/outbox/outbox-retry';
import { OutboxService } from '../../server/src/modules/outbox/outbox.service';
import { WechatSimulatorService } from '../../server/src/simulator/wechat-simulator.service';
import { sweepInProcess } from '../factories/sweep-process';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

type Auth = { Authorization: string };

describe('outbox: the WeChat shipping report after commit', () => {
  let t: TestApp;
  let alice: Shopper;
  let admin: Auth;
  let operator: Auth;
  let skuId: number;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await t.loginShopper();
    admin = await t.loginAdmin();
    await t.http().post('/admin/users').set(admin).send({ username: 'outbox-op', password: 'operator-pass-9', role: 'operator' }).expect(201);
    const op = await t.http().post('/admin/auth/login').send({ username: 'outbox-op', password: 'operator-pass-9' }).expect(200);
    operator = { Authorization: `Bearer ${op.body.token}` };
    skuId = (await t.factory.product({ skus: [{ price: 2000, stock: 1000 }] })).skus[0].id;
  });
  afterAll(async () => {
    await t.http().post('/sim/wechat/dev/faults').send({ api: 'upload_shipping_info', failNext: 0 });
    await t.close();
  });

  const repo = () => t.app.get(TransactionRunner).dataSource.getRepository(OutboxMessage);
  const worker = () => t.app.get(OutboxWorker);
  const wechat = () => t.app.get(WechatSimulatorService);
  const fault = (body: { failNext: number; errcode?: number; delayMs?: number }) => t.http().post('/sim/wechat/dev/faults').send({ api: 'upload_shipping_info', ...body }).expect(200);
  const uploadCalls = () => wechat().stats.upload_shipping_info.calls;
  const reportsOf = (orderNo: string) => wechat().shippingReports.filter((r) => (r.order_key as { out_trade_no: string }).out_trade_no === orderNo).length;
  const messageOf = (orderId: number) => repo().findOneByOrFail({ topic: 'wechat.shipping_report', dedupeKey: `order:${orderId}` });
  const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

  /** An order of alice's paid through the WeChat Pay simulator. */
  async function paidOrder(): Promise<{ id: number; orderNo: string }> {
    const o = await t.factory.order(alice.userId, skuId, 1);
    await t.http().post(`/api/orders/${o.id}/pay`).set(alice.auth).expect(200);
    const paid = await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: o.orderNo }).expect(200);
    expect(paid.body.deliveries.map((d: { status: number }) => d.status)).toEqual([204]);
    return { id: o.id, orderNo: o.orderNo };
  }
  const ship = (orderId: number) => t.http().post(`/admin/orders/${orderId}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: `SF${orderId}0000` });

  it('writes the message in the transaction that ships the order, and only then', async () => {
    const unpaid = await t.factory.order(alice.userId, skuId, 1);
    await ship(unpaid.id).expect(409);
    expect(await repo().countBy({ dedupeKey: `order:${unpaid.id}` })).toBe(0);

    const o = await paidOrder();
    await ship(o.id).expect(200);
    expect(await messageOf(o.id)).toMatchObject({ status: 'pending', attempts: 0, payload: { orderId: o.id }, lastError: null });
    // Shipping again is refused and writes nothing more.
    await ship(o.id).expect(409);
    expect(await repo().countBy({ dedupeKey: `order:${o.id}` })).toBe(1);
    // Nothing reaches WeChat before a worker delivers it.
    expect(reportsOf(o.orderNo)).toBe(0);
    expect(await worker().sweepOnce()).toMatchObject({ delivered: 1, retried: 0, dead: 0 });
    expect(reportsOf(o.orderNo)).toBe(1);
    expect(await messageOf(o.id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('keeps a message only if its transaction commits, refuses one outside a transaction, and ignores a repeated dedupe key', async () => {
    const outbox = t.app.get(OutboxService);
    const tx = t.app.get(TransactionRunner);
    await expect(tx.run(async (m) => {
      await outbox.enqueue(m, 'wechat.shipping_report', { orderId: 990001 }, 'rollback-probe');
      throw new Error('the business change failed');
    })).rejects.toThrow('the business change failed');
    expect(await repo().countBy({ dedupeKey: 'rollback-probe' })).toBe(0);

    const total = await repo().count();
    await expect(outbox.enqueue(tx.dataSource.manager, 'wechat.shipping_report', { orderId: 990002 })).rejects.toThrow(/inside the business transaction/);
    expect(await repo().count()).toBe(total);

    await tx.run(async (m) => {
      await outbox.enqueue(m, 'wechat.shipping_report', { orderId: 990003 }, 'dedupe-probe');
      await outbox.enqueue(m, 'wechat.shipping_report', { orderId: 990003 }, 'dedupe-probe');
    });
    await tx.run((m) => outbox.enqueue(m, 'wechat.shipping_report', { orderId: 990003 }, 'dedupe-probe'));
    expect(await repo().countBy({ dedupeKey: 'dedupe-probe' })).toBe(1);
    // An order without a WeChat Pay payment has nothing to report: delivered without calling WeChat.
    const calls = uploadCalls();
    await worker().sweepOnce();
    expect(await repo().findOneByOrFail({ dedupeKey: 'dedupe-probe' })).toMatchObject({ status: 'delivered' });
    expect(uploadCalls()).toBe(calls);
  });

  it('retries a report WeChat refuses (errcode -1) with exponential backoff until WeChat accepts it, once', async () => {
    const o = await paidOrder();
    await fault({ failNext: 3, errcode: -1 });
    await ship(o.id).expect(200);
    const calls = uploadCalls();
    const start = new Date();

    expect(await worker().sweepOnce(start)).toMatchObject({ delivered: 0, retried: 1 });
    let m = await messageOf(o.id);
    expect(m).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null });
    expect(m.lastError).toMatch(/WECHAT_FAILED .*-1/);
    expect(m.nextAttemptAt.getTime()).toBe(start.getTime() + retryDelayMs(1));

    // Operators see what is waiting and why.
    const pending = await t.http().get('/admin/outbox').query({ status: 'pending', topic: 'wechat.shipping_report' }).set(operator).expect(200);
    expect(pending.body.items).toEqual([expect.objectContaining({
      id: m.id, topic: 'wechat.shipping_report', payload: { orderId: o.id }, status: 'pending', attempts: 1, maxAttempts: OUTBOX_RETRY.maxAttempts,
      lastError: expect.stringContaining('-1'), nextAttemptAt: m.nextAttemptAt.toISOString(), inFlight: false,
    })]);

    // Not due yet: nothing is sent.
    await worker().sweepOnce(later(start, retryDelayMs(1) - 1));
    expect(uploadCalls()).toBe(calls + 1);

    let clock = m.nextAttemptAt;
    for (const attempt of [2, 3]) {
      expect(await worker().sweepOnce(clock)).toMatchObject({ retried: 1 });
      m = await messageOf(o.id);
      expect(m).toMatchObject({ status: 'pending', attempts: attempt });
      expect(m.nextAttemptAt.getTime()).toBe(clock.getTime() + retryDelayMs(attempt));
      clock = m.nextAttemptAt;
    }
    expect(reportsOf(o.orderNo)).toBe(0);

    // WeChat has recovered.
    expect(await worker().sweepOnce(clock)).toMatchObject({ delivered: 1, retried: 0 });
    expect(await messageOf(o.id)).toMatchObject({ status: 'delivered', attempts: 4, lastError: null });
    expect(uploadCalls()).toBe(calls + 4);
    expect(wechat().stats.upload_shipping_info.failed).toBeGreaterThanOrEqual(3);
    expect(reportsOf(o.orderNo)).toBe(1);

    // Failures were logged and listed without the access token or the app secret.
    const token = (wechat() as unknown as { accessToken: string }).accessToken;
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    const seen = [t.logs.join('\n'), JSON.stringify(pending.body)].join('\n');
    expect(t.logs.some((l) => l.includes('outbox delivery failed'))).toBe(true);
    expect(seen).not.toContain(token);
    expect(seen).not.toContain(t.config.wechat.secret);

    // Delivered means done: later passes send nothing, and after the retention the row goes.
    await worker().sweepOnce(later(clock, 7 * 24 * 3600_000));
    expect(uploadCalls()).toBe(calls + 4);
    expect(reportsOf(o.orderNo)).toBe(1);
    expect(await repo().countBy({ id: m.id })).toBe(1);
    expect((await worker().sweepOnce(later(clock, DELIVERED_RETENTION_MS + 1000))).purged).toBeGreaterThanOrEqual(1);
    expect(await repo().countBy({ id: m.id })).toBe(0);
  });

  it('marks a message dead after its last attempt; operators see it, only an admin retries it, and it is then delivered', async () => {
    const o = await paidOrder();
    await fault({ failNext: 1000 });
    await ship(o.id).expect(200);
    let clock = new Date();
    for (let attempt = 1; attempt <= OUTBOX_RETRY.maxAttempts; attempt++) {
      const pass = await worker().sweepOnce(clock);
      expect(pass).toMatchObject(attempt < OUTBOX_RETRY.maxAttempts ? { retried: 1, dead: 0 } : { retried: 0, dead: 1 });
      clock = later(clock, OUTBOX_RETRY.maxDelayMs);
    }
    const m = await messageOf(o.id);
    expect(m).toMatchObject({ status: 'dead', attempts: OUTBOX_RETRY.maxAttempts });
    // A dead message is left alone by the worker.
    const calls = uploadCalls();
    await worker().sweepOnce(later(clock, 30 * 24 * 3600_000));
    expect(uploadCalls()).toBe(calls);

    const dead = await t.http().get('/admin/outbox?status=dead').set(operator).expect(200);
    expect(dead.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(dead.body.items[0]).toMatchObject({ id: m.id, status: 'dead', attempts: OUTBOX_RETRY.maxAttempts, nextAttemptAt: null, lastError: expect.stringContaining('-1') });

    expect((await t.http().post(`/admin/outbox/${m.id}/retry`).set(operator).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http().post(`/admin/outbox/${m.id}/retry`).set(alice.auth).expect(401)).body.code).toBe('UNAUTHORIZED');
    expect((await messageOf(o.id)).status).toBe('dead');

    await fault({ failNext: 0 });
    const retried = await t.http().post(`/admin/outbox/${m.id}/retry`).set(admin).expect(200);
    expect(retried.body).toMatchObject({ id: m.id, status: 'pending', attempts: 0 });
    // Retrying twice is refused: the message is no longer dead.
    expect((await t.http().post(`/admin/outbox/${m.id}/retry`).set(admin).expect(409)).body.code).toBe('OUTBOX_STATE_INVALID');
    expect(await worker().sweepOnce(later(new Date(), 1000))).toMatchObject({ delivered: 1 });
    expect(await messageOf(o.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(reportsOf(o.orderNo)).toBe(1);
    expect((await t.http().post(`/admin/outbox/${m.id}/retry`).set(admin).expect(409)).body.code).toBe('OUTBOX_STATE_INVALID');
  });

  it('gives up at once when WeChat refuses the report for good, and keeps retrying when it is only busy', async () => {
    const busy = await paidOrder();
    await fault({ failNext: 1, errcode: 45009 });
    await ship(busy.id).expect(200);
    expect(await worker().sweepOnce(new Date())).toMatchObject({ retried: 1, dead: 0 });
    expect(await messageOf(busy.id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await worker().sweepOnce(later(new Date(), OUTBOX_RETRY.baseDelayMs + 1000))).toMatchObject({ delivered: 1 });

    const refused = await paidOrder();
    await fault({ failNext: 1, errcode: 47003 });
    await ship(refused.id).expect(200);
    expect(await worker().sweepOnce(new Date())).toMatchObject({ retried: 0, dead: 1 });
    expect(await messageOf(refused.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('47003') });
    expect(reportsOf(refused.orderNo)).toBe(0);
  });

  it('answers bad ids, filters and roles with 4xx {code, message} and changes nothing', async () => {
    const before = await repo().find({ order: { id: 'ASC' } });
    for (const id of ['abc', '0', '-1', '1.5', '99999999999999']) {
      const res = await t.http().post(`/admin/outbox/${id}/retry`).set(admin).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
    }
    expect((await t.http().post('/admin/outbox/987654/retry').set(admin).expect(404)).body).toMatchObject({ code: 'OUTBOX_MESSAGE_NOT_FOUND', message: expect.any(String) });
    for (const query of ['status=stuck', 'topic=DROP%20TABLE', 'page=0', 'pageSize=1000', 'unknown=1']) {
      expect((await t.http().get(`/admin/outbox?${query}`).set(operator).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    await t.http().get('/admin/outbox').expect(401);
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/admin/outbox', '/admin/outbox/{id}/retry']));
    await t.http().get('/admin/outbox').set(alice.auth).expect(401);
    expect(await repo().find({ order: { id: 'ASC' } })).toEqual(before);
  });

  it('delivers after a crashed worker’s lease runs out, not before', async () => {
    const o = await paidOrder();
    await ship(o.id).expect(200);
    const m = await messageOf(o.id);
    const crashedAt = new Date();
    // What a worker that claimed the message and then died leaves behind.
    await repo().update({ id: m.id }, { attempts: 1, lockedUntil: later(crashedAt, OUTBOX_RETRY.leaseMs), lockToken: 'dead-worker-token' });
    const inFlight = await t.http().get('/admin/outbox?status=pending').set(operator).expect(200);
    expect(inFlight.body.items.find((i: { id: number }) => i.id === m.id)).toMatchObject({ inFlight: true, attempts: 1 });

    expect(await worker().sweepOnce(later(crashedAt, OUTBOX_RETRY.leaseMs - 1000))).toMatchObject({ delivered: 0 });
    expect(reportsOf(o.orderNo)).toBe(0);
    expect(await worker().sweepOnce(later(crashedAt, OUTBOX_RETRY.leaseMs))).toMatchObject({ delivered: 1 });
    expect(await messageOf(o.id)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(reportsOf(o.orderNo)).toBe(1);
  });

  it('two sweep processes drain one outbox together without delivering anything twice', async () => {
    const orders: { id: number; orderNo: string }[] = [];
    for (let i = 0; i < 40; i++) orders.push(await paidOrder());
    for (const o of orders) await ship(o.id).expect(200);
    expect(await repo().countBy({ status: 'pending' })).toBe(40);
    // A slow WeChat keeps both processes draining at the same time.
    await fault({ failNext: 0, delayMs: 200 });
    const calls = uploadCalls();
    const env = { ...t.db.env, JWT_SECRET: 'test-secret-0123456789abcdef', WECHAT_SECRET: t.config.wechat.secret, WECHAT_API_BASE: `${t.url}/sim/wechat` };
    type Swept = { outbox: { delivered: number; retried: number; dead: number } };
    const [one, two] = await Promise.all([sweepInProcess<Swept>(env), sweepInProcess<Swept>(env)]);
    await fault({ failNext: 0 });

    expect(one.outbox.delivered + two.outbox.delivered).toBe(40);
    expect(one.outbox.delivered).toBeGreaterThan(0);
    expect(two.outbox.delivered).toBeGreaterThan(0);
    // WeChat saw exactly one report per order, and no message was claimed twice.
    expect(uploadCalls()).toBe(calls + 40);
    for (const o of orders) expect(reportsOf(o.orderNo)).toBe(1);
    const rows = await repo().findBy({ dedupeKey: In(orders.map((o) => `order:${o.id}`)) });
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
  });
});
