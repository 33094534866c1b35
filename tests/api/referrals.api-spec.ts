import type { OrderView } from '@linli/shared';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { PickupStore } from '../../server/src/modules/orders/entities/pickup-store.entity';
import { Refund } from '../../server/src/modules/payments/entities/refund.entity';
import { BalanceEntry, CommissionEntry, Distributor, ReferralBinding, ShareLink, ShareVisit, Withdrawal } from '../../server/src/modules/referrals/entities/referral.entities';
import { OutboxWorker } from '../../server/src/modules/outbox/outbox-worker';
import { RedPacket } from '../../server/src/modules/coupons/entities/red-packet.entity';
import { RedPacketsService } from '../../server/src/modules/coupons/red-packets.service';
import { ReferralsSweeper } from '../../server/src/modules/referrals/referrals-sweeper';
import { sweepInProcess } from '../factories/sweep-process';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const binary = (res: NodeJS.ReadableStream & { setEncoding: (e: string) => void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** Sharing, referral binding, commission and withdrawals: the rules of docs/referrals.md, over HTTP. */
describe('referrals', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let product: { id: number; skuId: number };
  const device = () => `dev_${Math.random().toString(36).slice(2, 12)}`;

  beforeAll(async () => {
    // Commission settles 1 s after completion here (7 days by default).
    t = await startTestApp({ COMMISSION_SETTLE_WINDOW_SECONDS: '1', PAYMENT_RECONCILE_AFTER_SECONDS: '5' });
    admin = await t.loginAdmin();
    // ¥50.00 goods: below the free-shipping threshold, so every order also pays ¥8.00 freight (never commissioned).
    const p = await t.factory.product({ skus: [{ price: 5000, stock: 1000 }] });
    product = { id: p.id, skuId: p.skus[0].id };
    await settings({ depth: 1, defaultRateBps: 1000, level2RateBps: 500, withdrawMin: 10 });
  });
  afterAll(() => t.close());

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);

  async function settings(patch: Record<string, unknown>) {
    const { body: current } = await t.http().get('/admin/referrals/settings').set(admin).expect(200);
    return t.http().put('/admin/referrals/settings').set(admin).send({ ...current, ...patch });
  }
  async function distributor(): Promise<Shopper> {
    const s = await t.loginShopper();
    await t.http().post('/api/distributor/apply').set(s.auth).expect(200);
    return s;
  }
  async function shareCode(s: Shopper, productId = product.id): Promise<string> {
    const { body } = await t.http().post('/api/shares').set(s.auth).send({ target: 'product', targetId: productId, channel: 'chat' }).expect(201);
    return body.code;
  }
  async function bind(s: Shopper, code: string) {
    return (await t.http().post('/api/referrals/bind').set(s.auth).send({ code, deviceId: device() }).expect(200)).body;
  }
  async function buy(s: Shopper, quantity = 1, skuId = product.skuId): Promise<OrderView> {
    const o = await t.factory.order(s.userId, skuId, quantity);
    await t.http().post(`/api/orders/${o.id}/pay`).set(s.auth).expect(200);
    await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: o.orderNo }).expect(200);
    return o;
  }
  async function complete(s: Shopper, o: OrderView) {
    await t.http().post(`/admin/orders/${o.id}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: `SF00${o.id}` }).expect(200);
    await t.http().post(`/api/orders/${o.id}/confirm-receipt`).set(s.auth).expect(200);
  }
  async function refund(s: Shopper, o: OrderView, lines?: { skuId: number; quantity: number }[]) {
    const { body } = await t.http().post(`/api/orders/${o.id}/refunds`).set(s.auth).send({ type: 'refund_only', reason: '不想要了', ...(lines ? { lines } : {}) }).expect(201);
    await t.http().post(`/admin/refunds/${body.id}/approve`).set(admin).send({}).expect(200);
    for (let i = 0; i < 100 && (await repo(Refund).findOneByOrFail({ id: body.id })).status !== 'succeeded'; i++) await sleep(50);
    expect((await repo(Refund).findOneByOrFail({ id: body.id })).status).toBe('succeeded');
  }
  const me = async (s: Shopper) => (await t.http().get('/api/distributor').set(s.auth).expect(200)).body;
  const entries = (beneficiaryId: number) => repo(CommissionEntry).find({ where: { beneficiaryId }, order: { id: 'ASC' } });
  /** The ledger adds up: every fen of commission is in exactly one bucket, and the entries sum to what is left. */
  async function expectLedgerAddsUp(userId: number): Promise<void> {
    const d = await repo(Distributor).findOneByOrFail({ userId });
    const all = await entries(userId);
    const earned = all.filter((e) => e.kind === 'commission').reduce((sum, e) => sum + e.amount, 0);
    expect(d.pending + d.balance + d.frozen + d.withdrawn + d.reversed + d.spent).toBe(earned);
    expect(all.reduce((sum, e) => sum + e.amount, 0)).toBe(d.pending + d.balance + d.frozen + d.withdrawn + d.spent);
    const packets = await repo(BalanceEntry).findBy({ userId });
    expect(packets.reduce((sum, e) => sum - e.amount, 0)).toBe(d.spent);
    const pending = all.filter((e) => e.kind === 'commission' && e.state === 'pending').reduce((sum, e) => sum + e.amount - e.taken, 0);
    expect(d.pending).toBe(pending);
  }

  describe('share codes and visits', () => {
    it('issues short codes that fit a scene; a visit is recorded once per device and day; a forged code is ignored', async () => {
      const a = await t.loginShopper();
      const code = await shareCode(a);
      expect(code.length).toBeLessThanOrEqual(32);
      expect(code).toMatch(/^[0-9A-Za-z.]+$/);
      const { body: share } = await t.http().post('/api/shares').set(a.auth).send({ target: 'product', targetId: product.id, channel: 'poster' }).expect(201);
      expect(share.path).toBe(`/packages/shop/product/index?id=${product.id}&s=${share.code}`);
      const deviceId = device();
      for (let i = 0; i < 3; i++) expect((await t.http().post('/api/shares/visits').send({ code, deviceId }).expect(200)).body).toEqual({ accepted: true });
      const forged = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
      expect((await t.http().post('/api/shares/visits').send({ code: forged, deviceId }).expect(200)).body).toEqual({ accepted: false });
      expect((await t.http().post('/api/shares/visits').send({ code: 'zzzz.AAAAAAAAAA', deviceId }).expect(200)).body).toEqual({ accepted: false });
      expect(await repo(ShareVisit).countBy({ deviceId })).toBe(1);
      // Malformed input is a 400 and writes nothing.
      await t.http().post('/api/shares/visits').send({ code: 'x'.repeat(33), deviceId }).expect(400);
      await t.http().post('/api/shares/visits').send({ code, deviceId: 'short' }).expect(400);
      await t.http().post('/api/shares').set(a.auth).send({ target: 'product', targetId: 999999, channel: 'chat' }).expect(404);
      await t.http().post('/api/shares').set(a.auth).send({ target: 'wallet', targetId: 1, channel: 'chat' }).expect(400);
      await t.http().post('/api/shares').send({ target: 'product', targetId: product.id, channel: 'chat' }).expect(401);
    });

    it('bounds visits per device (and per address) with the shared rate-limit buckets: 429 beyond, nothing written', async () => {
      const a = await t.loginShopper();
      const code = await shareCode(a);
      const deviceId = device();
      const answers = await Promise.all(Array.from({ length: 35 }, () => t.http().post('/api/shares/visits').send({ code, deviceId })));
      expect(answers.filter((r) => r.status === 200)).toHaveLength(30);
      const limited = answers.filter((r) => r.status === 429);
      expect(limited).toHaveLength(5);
      expect(limited[0].body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect(await repo(ShareVisit).countBy({ deviceId })).toBe(1);
      expect((await t.http().post('/api/shares/visits').send({ code, deviceId: device() }).expect(200)).body).toEqual({ accepted: true });
    });

    it('draws a 5:4 card and a poster with a mini program code (the simulator answers getwxacodeunlimit), cached', async () => {
      const a = await t.loginShopper();
      const code = await shareCode(a);
      expect((await t.http().get(`/api/shares/${code}`).expect(200)).body).toEqual({ target: 'product', targetId: product.id, storeId: null });
      const card = await t.http().get(`/api/shares/${code}/card`).buffer(true).parse(binary as never).expect(200).expect('content-type', /image\/png/);
      expect(pngSize(card.body)).toEqual({ width: 500, height: 400 });
      const poster = await t.http().get(`/api/shares/${code}/poster`).buffer(true).parse(binary as never).expect(200);
      expect(pngSize(poster.body)).toEqual({ width: 750, height: 1200 });
      const again = await t.http().get(`/api/shares/${code}/poster`).buffer(true).parse(binary as never).expect(200);
      expect(Buffer.compare(again.body, poster.body)).toBe(0);
      // Kept for a look, like the browser screenshots.
      mkdirSync(join(__dirname, '../.artifacts/share-images'), { recursive: true });
      writeFileSync(join(__dirname, '../.artifacts/share-images/card.png'), card.body);
      writeFileSync(join(__dirname, '../.artifacts/share-images/poster.png'), poster.body);
      await t.http().get('/api/shares/zzzz.AAAAAAAAAA/card').expect(404);
      await t.http().get('/api/shares/not-a-code/poster').expect(400);
      // The simulator refuses a scene WeChat would refuse.
      const { body: token } = await t.http().post('/sim/wechat/cgi-bin/stable_token').send({ grant_type: 'client_credential', appid: t.config.wechat.appid, secret: t.config.wechat.secret, force_refresh: false }).expect(200);
      const bad = await t.http().post(`/sim/wechat/wxa/getwxacodeunlimit?access_token=${token.access_token}`).send({ scene: 'x'.repeat(33), page: 'pages/index/index' }).expect(200);
      expect(bad.body.errcode).toBe(40129);
    });

    it('grants nothing for sharing: 100 shares later the sharer has no commission, balance, coupon or state change', async () => {
      const a = await distributor();
      const before = await me(a);
      for (let i = 0; i < 100; i++) await shareCode(a);
      expect(await repo(ShareLink).countBy({ sharerId: a.userId })).toBe(100);
      expect(await me(a)).toEqual(before);
      expect(await repo(CommissionEntry).countBy({ beneficiaryId: a.userId })).toBe(0);
      expect((await repo(Distributor).findOneByOrFail({ userId: a.userId }))).toMatchObject({ pending: 0, balance: 0, frozen: 0, withdrawn: 0 });
    });
  });

  describe('binding', () => {
    it('binds on first arrival, keeps it through the protection period, and refuses self-referral', async () => {
      const [a, b, c] = [await t.loginShopper(), await t.loginShopper(), await t.loginShopper()];
      const codeA = await shareCode(a);
      expect(await bind(a, codeA)).toEqual({ bound: false, reason: 'self' });
      expect(await bind(b, codeA)).toEqual({ bound: true });
      expect(await bind(b, await shareCode(c))).toEqual({ bound: false, reason: 'already_bound' });
      expect(await repo(ReferralBinding).findOneByOrFail({ userId: b.userId })).toMatchObject({ referrerId: a.userId, chain: [a.userId] });
      // A forged code binds nothing.
      expect(await bind(c, 'abc.0123456789')).toEqual({ bound: false, reason: 'invalid_code' });
    });

    it('refuses a 3-level cycle (A→B→C, then A through C), recording the whole chain', async () => {
      const [a, b, c] = [await t.loginShopper(), await t.loginShopper(), await t.loginShopper()];
      expect(await bind(b, await shareCode(a))).toEqual({ bound: true });
      expect(await bind(c, await shareCode(b))).toEqual({ bound: true });
      expect((await repo(ReferralBinding).findOneByOrFail({ userId: c.userId })).chain).toEqual([b.userId, a.userId]);
      expect(await bind(a, await shareCode(c))).toEqual({ bound: false, reason: 'cycle' });
      expect(await repo(ReferralBinding).countBy({ userId: a.userId })).toBe(0);
    });

    it('binds once when two shares are opened at once, and once when two shoppers bind to each other at once', async () => {
      const [b, x, y] = [await t.loginShopper(), await t.loginShopper(), await t.loginShopper()];
      const codes = await Promise.all([shareCode(x), shareCode(y), shareCode(x), shareCode(y)]);
      const results = await Promise.all(codes.map((code) => bind(b, code)));
      expect(results.filter((r) => r.bound)).toHaveLength(1);
      expect(await repo(ReferralBinding).countBy({ userId: b.userId })).toBe(1);

      const [p, q] = [await t.loginShopper(), await t.loginShopper()];
      const [codeP, codeQ] = [await shareCode(p), await shareCode(q)];
      const crossed = await Promise.all([bind(q, codeP), bind(p, codeQ)]);
      expect(crossed.filter((r) => r.bound)).toHaveLength(1);
      expect(crossed.filter((r) => !r.bound)[0].reason).toBe('cycle');
    });

    it('ties a device\'s anonymous visits to the shopper at binding', async () => {
      const [a, b] = [await t.loginShopper(), await t.loginShopper()];
      const code = await shareCode(a);
      const deviceId = device();
      await t.http().post('/api/shares/visits').send({ code, deviceId }).expect(200);
      await t.http().post('/api/referrals/bind').set(b.auth).send({ code, deviceId }).expect(200);
      expect(await repo(ShareVisit).findOneByOrFail({ deviceId })).toMatchObject({ userId: b.userId });
      const { body } = await t.http().get('/api/distributor/visitors').set(a.auth).expect(200);
      expect(body.items).toEqual([expect.objectContaining({ target: 'product', targetId: product.id, bought: false, shareCode: code })]);
    });
  });

  describe('commission', () => {
    it('pays level 1 on each line\'s net (freight excluded) by default; depth 2 when enabled; depth 3 refused', async () => {
      expect((await settings({ depth: 3 })).status).toBe(400);
      const [a, b] = [await distributor(), await distributor()];
      const c = await t.loginShopper();
      await bind(b, await shareCode(a));
      await bind(c, await shareCode(b));

      const first = await buy(c, 2);
      expect(first.total).toBe(10000);
      expect((await entries(b.userId)).map((e) => [e.level, e.amount, e.state])).toEqual([[1, 1000, 'pending']]);
      expect(await entries(a.userId)).toEqual([]);

      expect((await settings({ depth: 2 })).status).toBe(200);
      const second = await buy(c, 1);
      // ¥50 goods + ¥8 freight: 10% and 5% of the ¥50 only.
      expect(second.total).toBe(5800);
      expect((await entries(b.userId)).map((e) => e.amount)).toEqual([1000, 500]);
      expect((await entries(a.userId)).map((e) => [e.level, e.amount])).toEqual([[2, 250]]);
      expect(await me(b)).toMatchObject({ pending: 1500, balance: 0, today: 1500 });
      await settings({ depth: 1 });
      // The distributor centre shows direct referrals only, masked, and the share funnel.
      const refs = (await t.http().get('/api/distributor/referrals').set(a.auth).expect(200)).body;
      expect(refs.items).toHaveLength(1);
      expect(refs.items[0].name).toMatch(/\*/);
      const shares = (await t.http().get('/api/distributor/shares').set(b.auth).expect(200)).body;
      expect(shares.items[0]).toMatchObject({ orders: 2, sales: 15000 });
    });

    it('reverses proportionally on a partial refund before settling, and fully on the rest', async () => {
      const a = await distributor();
      const b = await t.loginShopper();
      await bind(b, await shareCode(a));
      const o = await buy(b, 4);
      expect((await entries(a.userId))[0]).toMatchObject({ amount: 2000, state: 'pending' });
      await refund(b, o, [{ skuId: product.skuId, quantity: 1 }]);
      const [commission, reversal] = await entries(a.userId);
      expect(commission).toMatchObject({ state: 'pending', taken: 500, refundedOfLine: 5000 });
      expect(reversal).toMatchObject({ kind: 'reversal', amount: -500 });
      expect(await me(a)).toMatchObject({ pending: 1500, reversed: 500 });
      await refund(b, o);
      expect((await entries(a.userId))[0]).toMatchObject({ state: 'reversed', taken: 2000 });
      expect(await me(a)).toMatchObject({ pending: 0, balance: 0, reversed: 2000 });
      await expectLedgerAddsUp(a.userId);
    });

    it('settles after completion and the window; a refund after that claws back below zero, blocking withdrawals but not buying', async () => {
      const a = await distributor();
      const b = await t.loginShopper();
      await bind(b, await shareCode(a));
      const o = await buy(b, 1);
      await complete(b, o);
      // Not before the window closes.
      await t.app.get(ReferralsSweeper).sweepOnce(new Date());
      expect((await entries(a.userId))[0].state).toBe('pending');
      await t.app.get(ReferralsSweeper).sweepOnce(new Date(Date.now() + 2000));
      expect((await entries(a.userId))[0].state).toBe('settled');
      expect(await me(a)).toMatchObject({ pending: 0, balance: 500 });
      // A withdraws all of it, and it is paid.
      const { body: w } = await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 500 }).expect(201);
      await t.http().post('/sim/wechatpay/dev/settings').send({ transferConfirm: 'auto' }).expect(200);
      await t.http().post(`/admin/referrals/withdrawals/${w.id}/approve`).set(admin).expect(200);
      await t.http().post('/sim/wechatpay/dev/settings').send({ transferConfirm: 'user' }).expect(200);
      for (let i = 0; i < 50 && (await repo(Withdrawal).findOneByOrFail({ id: w.id })).status !== 'paid'; i++) await sleep(50);
      expect(await me(a)).toMatchObject({ balance: 0, withdrawn: 500 });
      // Then the buyer gets a refund of the completed order: the commission is clawed back.
      await refund(b, o);
      expect((await entries(a.userId)).map((e) => [e.kind, e.state, e.amount])).toEqual([['commission', 'settled', 500], ['clawback', 'settled', -500]]);
      expect(await me(a)).toMatchObject({ balance: -500, reversed: 500 });
      await expectLedgerAddsUp(a.userId);
      const refused = await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 10 }).expect(409);
      expect(refused.body.code).toBe('WITHDRAWAL_BALANCE_NEGATIVE');
      // Buying is never blocked.
      const own = await t.factory.order(a.userId, product.skuId, 1);
      await t.http().post(`/api/orders/${own.id}/pay`).set(a.auth).expect(200);
    });
  });

  it('adds up over random sequences of purchases, line refunds, whole refunds, completions, settling and withdrawals', async () => {
    type Step = { op: 'buy' | 'refund_line' | 'refund_all' | 'complete' | 'settle' | 'withdraw' | 'approve' | 'reject'; n: number };
    const ops: Step['op'][] = ['buy', 'buy', 'refund_line', 'refund_all', 'complete', 'settle', 'withdraw', 'approve', 'reject'];
    const runs = fc.sample(fc.array(fc.record({ op: fc.constantFrom(...ops), n: fc.nat(1000) }), { minLength: 10, maxLength: 14 }), { numRuns: 2, seed: 20261130 });
    for (const steps of runs) {
      const a = await distributor();
      const b = await t.loginShopper();
      await bind(b, await shareCode(a));
      const orders: { o: OrderView; left: number; completed: boolean }[] = [];
      const pick = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
      let clock = Date.now();
      for (const { op, n } of steps) {
        if (op === 'buy' || !orders.length) {
          const quantity = 1 + (n % 3);
          orders.push({ o: await buy(b, quantity), left: quantity, completed: false });
        } else if (op === 'refund_line' || op === 'refund_all') {
          const target = pick(orders.filter((x) => x.left > 0), n);
          if (!target) continue;
          const lines = op === 'refund_line' && target.left > 1 ? [{ skuId: product.skuId, quantity: 1 }] : undefined;
          const res = await t.http().post(`/api/orders/${target.o.id}/refunds`).set(b.auth).send({ type: 'refund_only', reason: '随机', ...(lines ? { lines } : {}) });
          if (res.status !== 201) continue;
          await t.http().post(`/admin/refunds/${res.body.id}/approve`).set(admin).send({}).expect(200);
          for (let i = 0; i < 100 && (await repo(Refund).findOneByOrFail({ id: res.body.id })).status !== 'succeeded'; i++) await sleep(30);
          target.left = lines ? target.left - 1 : 0;
        } else if (op === 'complete') {
          const target = pick(orders.filter((x) => !x.completed && x.left > 0), n);
          if (!target) continue;
          await complete(b, target.o);
          target.completed = true;
        } else if (op === 'settle') {
          clock += 5000;
          await t.app.get(ReferralsSweeper).sweepOnce(new Date(clock));
        } else if (op === 'withdraw') {
          const { balance } = await me(a);
          if (balance >= 10) await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 10 + (n % (balance - 9)) }).expect(201);
        } else {
          const w = pick(await repo(Withdrawal).find({ where: { userId: a.userId, status: 'reviewing' } }), n);
          if (!w) continue;
          if (op === 'approve') {
            await t.http().post('/sim/wechatpay/dev/settings').send({ transferConfirm: 'auto' }).expect(200);
            await t.http().post(`/admin/referrals/withdrawals/${w.id}/approve`).set(admin).expect(200);
            await t.http().post('/sim/wechatpay/dev/settings').send({ transferConfirm: 'user' }).expect(200);
            for (let i = 0; i < 50 && (await repo(Withdrawal).findOneByOrFail({ id: w.id })).status !== 'paid'; i++) await sleep(30);
          } else {
            await t.http().post(`/admin/referrals/withdrawals/${w.id}/reject`).set(admin).send({ reason: '随机' }).expect(200);
          }
        }
        await expectLedgerAddsUp(a.userId);
      }
      expect((await entries(a.userId)).filter((e) => e.kind === 'commission').length).toBeGreaterThan(0);
    }
  });

  it('settles each entry once when two processes sweep at once', async () => {
    const a = await distributor();
    const b = await t.loginShopper();
    await bind(b, await shareCode(a));
    const orders = [];
    for (let i = 0; i < 12; i++) orders.push(await buy(b, 1));
    for (const o of orders) await complete(b, o);
    await sleep(1200);
    const env = { ...t.db.env, WECHAT_SECRET: 'x', JWT_SECRET: 'test-secret-0123456789abcdef', COMMISSION_SETTLE_WINDOW_SECONDS: '1' };
    const [one, two] = await Promise.all([sweepInProcess<{ referrals: { settled: number } }>(env), sweepInProcess<{ referrals: { settled: number } }>(env)]);
    const mine = (await entries(a.userId)).filter((e) => e.kind === 'commission');
    expect(mine.every((e) => e.state === 'settled')).toBe(true);
    expect(one.referrals.settled + two.referrals.settled).toBeGreaterThanOrEqual(12);
    expect(await me(a)).toMatchObject({ pending: 0, balance: 12 * 500 });
    await expectLedgerAddsUp(a.userId);
  });

  describe('withdrawals', () => {
    async function richDistributor(amount: number): Promise<Shopper> {
      const a = await distributor();
      await repo(Distributor).update({ userId: a.userId }, { balance: amount });
      return a;
    }

    it('refuses below the minimum, beyond the balance and beyond the daily limit, and never for a non-distributor', async () => {
      await settings({ withdrawMin: 100, withdrawDailyLimit: 1000 });
      const a = await richDistributor(5000);
      expect((await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 99 }).expect(409)).body.code).toBe('WITHDRAWAL_REFUSED');
      expect((await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 5001 }).expect(409)).body.code).toBe('WITHDRAWAL_REFUSED');
      // Ten requests of 200 at once against a 1,000 daily limit: five pass.
      const results = await Promise.all(Array.from({ length: 10 }, () => t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 200 })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(5);
      expect(await repo(Distributor).findOneByOrFail({ userId: a.userId })).toMatchObject({ balance: 4000, frozen: 1000 });
      await t.http().post('/api/distributor/withdrawals').set((await t.loginShopper()).auth).send({ amount: 100 }).expect(409);
      await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 1.5 }).expect(400);
      await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: '100' }).expect(400);
      await settings({ withdrawMin: 10, withdrawDailyLimit: 500_000 });
    });

    it('an approval clicked twice at once transfers once; WeChat waits for the shopper to confirm; then it is paid', async () => {
      const a = await richDistributor(3000);
      const { body: w } = await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 3000 }).expect(201);
      const before = (await t.http().get('/sim/wechatpay/dev/stats').expect(200)).body;
      const clicks = await Promise.all([1, 2, 3].map(() => t.http().post(`/admin/referrals/withdrawals/${w.id}/approve`).set(admin)));
      expect(clicks.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const after = (await t.http().get('/sim/wechatpay/dev/stats').expect(200)).body;
      expect(after.transferCalls - before.transferCalls).toBe(1);
      const { body: waiting } = await t.http().get(`/api/distributor/withdrawals/${w.id}`).set(a.auth).expect(200);
      expect(waiting).toMatchObject({ status: 'transferring', transferState: 'WAIT_USER_CONFIRM', confirm: { package: expect.any(String), mchId: expect.any(String) } });
      // A retry now only asks WeChat; it never creates a second bill.
      await t.http().post(`/admin/referrals/withdrawals/${w.id}/retry`).set(admin).expect(200);
      expect((await t.http().get('/sim/wechatpay/dev/stats').expect(200)).body.transferCalls).toBe(after.transferCalls);
      // The shopper confirms in WeChat; the notification marks it paid (once, even if it comes twice).
      const { body: confirmed } = await t.http().post('/sim/wechatpay/dev/transfer-confirm').send({ outBillNo: waiting.confirm.package }).expect(200);
      expect(confirmed.delivery.status).toBe(204);
      const { body: paid } = await t.http().post(`/api/distributor/withdrawals/${w.id}/refresh`).set(a.auth).expect(200);
      expect(paid).toMatchObject({ status: 'paid', transferState: 'SUCCESS', confirm: null });
      expect(await repo(Distributor).findOneByOrFail({ userId: a.userId })).toMatchObject({ balance: 0, frozen: 0, withdrawn: 3000 });
      const stats = (await t.http().get('/sim/wechatpay/dev/stats').expect(200)).body;
      expect(stats.transfersPaid - before.transfersPaid).toBe(1);
    });

    it('survives the transfer API failing: the withdrawal stays approved, and a retry with the same bill number pays once', async () => {
      const a = await richDistributor(800);
      const { body: w } = await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 800 }).expect(201);
      await t.http().post('/sim/wechatpay/dev/settings').send({ transferFailNext: 2 }).expect(200);
      const { body: first } = await t.http().post(`/admin/referrals/withdrawals/${w.id}/approve`).set(admin).expect(200);
      expect(first.status).toBe('approved');
      const { body: second } = await t.http().post(`/admin/referrals/withdrawals/${w.id}/retry`).set(admin).expect(200);
      expect(second.status).toBe('approved');
      // The outbox message the approval wrote sends it again later (the same out_bill_no), and WeChat accepts it now.
      await t.app.get(OutboxWorker).sweepOnce(new Date(Date.now() + 3600_000));
      const row = await repo(Withdrawal).findOneByOrFail({ id: w.id });
      expect(row).toMatchObject({ status: 'transferring', outBillNo: w.outBillNo, attempts: 3 });
      await t.http().post(`/admin/referrals/withdrawals/${w.id}/retry`).set(admin).expect(200);
      await t.http().post('/sim/wechatpay/dev/transfer-confirm').send({ outBillNo: w.outBillNo }).expect(200);
      expect((await repo(Withdrawal).findOneByOrFail({ id: w.id })).status).toBe('paid');
    });

    it('a rejected withdrawal gives the money back; rejecting twice is refused', async () => {
      const a = await richDistributor(1000);
      const { body: w } = await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 600 }).expect(201);
      await t.http().post(`/admin/referrals/withdrawals/${w.id}/reject`).set(admin).send({ reason: '信息有误' }).expect(200);
      await t.http().post(`/admin/referrals/withdrawals/${w.id}/reject`).set(admin).send({ reason: '信息有误' }).expect(409);
      await t.http().post(`/admin/referrals/withdrawals/${w.id}/approve`).set(admin).expect(409);
      expect(await repo(Distributor).findOneByOrFail({ userId: a.userId })).toMatchObject({ balance: 1000, frozen: 0 });
    });

    it('a rejected (or failed) withdrawal gives back the day\'s quota as well as the money', async () => {
      await settings({ withdrawMin: 100, withdrawDailyLimit: 1000 });
      try {
        const a = await richDistributor(5000);
        const { body: w } = await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 1000 }).expect(201);
        expect((await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 100 }).expect(409)).body.code).toBe('WITHDRAWAL_REFUSED');
        await t.http().post(`/admin/referrals/withdrawals/${w.id}/reject`).set(admin).send({ reason: '信息有误' }).expect(200);
        expect(await repo(Distributor).findOneByOrFail({ userId: a.userId })).toMatchObject({ balance: 5000, frozen: 0, withdrawnToday: 0 });
        // The whole limit is usable again, and still only once: parallel requests take it once.
        const again = await Promise.all([1, 2, 3].map(() => t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 1000 })));
        expect(again.map((r) => r.status).sort()).toEqual([201, 409, 409]);
        // A failed transfer gives the quota back too.
        const w2 = again.find((r) => r.status === 201)!.body;
        await t.http().post(`/admin/referrals/withdrawals/${w2.id}/approve`).set(admin).expect(200);
        await t.http().post(`/admin/referrals/withdrawals/${w2.id}/cancel`).set(admin).expect(200);
        expect(await repo(Distributor).findOneByOrFail({ userId: a.userId })).toMatchObject({ balance: 5000, frozen: 0, withdrawnToday: 0 });
        // A withdrawal from an earlier day never lowers today's count.
        const { body: old } = await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 300 }).expect(201);
        await repo(Withdrawal).update({ id: old.id }, { createdAt: new Date(Date.now() - 2 * 86_400_000) });
        await t.http().post(`/admin/referrals/withdrawals/${old.id}/reject`).set(admin).send({ reason: '信息有误' }).expect(200);
        expect(await repo(Distributor).findOneByOrFail({ userId: a.userId })).toMatchObject({ balance: 5000, withdrawnToday: 300 });
      } finally {
        await settings({ withdrawMin: 10, withdrawDailyLimit: 500_000 });
      }
    });
  });

  describe('red packets funded from the balance', () => {
    async function richDistributor(amount: number): Promise<Shopper> {
      const a = await distributor();
      await repo(Distributor).update({ userId: a.userId }, { balance: amount, pending: 0 });
      // The ledger must add up: give the balance a settled commission behind it.
      await repo(CommissionEntry).insert({
        dedupeKey: `test:${a.userId}`, beneficiaryId: a.userId, buyerId: a.userId, orderId: 0, orderLineId: 0, level: 1, kind: 'commission', state: 'settled',
        amount, lineNet: amount * 10, rateBps: 1000, refundedOfLine: 0, taken: 0, sourceEntryId: null, refundId: null, settleAfter: null,
      });
      return a;
    }
    const send = (a: Shopper, body: Record<string, unknown>) => t.http().post('/api/red-packets').set(a.auth).send({ kind: 'lucky', shares: 3, payWith: 'balance', ...body });

    it('debits the balance once per request key, never beyond it, and goes live at once without an order', async () => {
      const a = await richDistributor(1000);
      const key = `pk-${Date.now().toString(36)}`;
      const same = await Promise.all([1, 2, 3].map(() => send(a, { amount: 300, requestKey: key })));
      expect(same.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(new Set(same.map((r) => r.body.id)).size).toBe(1);
      expect(same[0].body).toMatchObject({ funding: 'balance', status: 'active', orderId: null, amount: 300 });
      // 700 left: five different sends of 200 at once, three pass.
      const many = await Promise.all(Array.from({ length: 5 }, (_, i) => send(a, { amount: 200, requestKey: `${key}-${i}` })));
      expect(many.filter((r) => r.status === 201)).toHaveLength(3);
      expect(many.filter((r) => r.status === 409).every((r) => r.body.code === 'PACKET_BALANCE_INSUFFICIENT')).toBe(true);
      expect(await repo(Distributor).findOneByOrFail({ userId: a.userId })).toMatchObject({ balance: 100, spent: 900 });
      expect(await repo(BalanceEntry).countBy({ userId: a.userId, kind: 'packet' })).toBe(4);
      await expectLedgerAddsUp(a.userId);
      // Withdrawals see the lower balance.
      expect((await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 200 }).expect(409)).body.code).toBe('WITHDRAWAL_REFUSED');
      expect((await me(a)).spent).toBe(900);
      // 全部 in the ledger lists the debits (not commission); the state tabs do not.
      const { body: ledger } = await t.http().get('/api/distributor/ledger?page=1&pageSize=3').set(a.auth).expect(200);
      expect(ledger.total).toBe(4);
      expect(ledger.items).toHaveLength(3);
      expect(ledger.items.every((e: { kind: string; amount: number; id: number }) => e.kind === 'packet' && e.amount < 0 && e.id < 0)).toBe(true);
      const { body: second } = await t.http().get('/api/distributor/ledger?page=2&pageSize=3').set(a.auth).expect(200);
      expect(second.items).toHaveLength(1);
      expect([...ledger.items, ...second.items].reduce((sum: number, e: { amount: number }) => sum + e.amount, 0)).toBe(-900);
      expect((await t.http().get('/api/distributor/ledger?state=settled').set(a.auth).expect(200)).body.total).toBe(0);
    });

    it('refuses a non-distributor and a negative balance; bad input is a 400', async () => {
      const plain = await t.loginShopper();
      expect((await send(plain, { amount: 100 }).expect(409)).body.code).toBe('DISTRIBUTOR_STATE_INVALID');
      const a = await richDistributor(500);
      await repo(Distributor).update({ userId: a.userId }, { balance: -100 });
      expect((await send(a, { amount: 100 }).expect(409)).body.code).toBe('PACKET_BALANCE_INSUFFICIENT');
      await send(a, { amount: 100, payWith: 'points' }).expect(400);
      await send(a, { amount: 100, payWith: null }).expect(400);
      expect(await repo(BalanceEntry).countBy({ userId: a.userId })).toBe(0);
    });

    it('returns the unclaimed value to the balance exactly once when two sweep processes expire it', async () => {
      const a = await richDistributor(900);
      const { body: packet } = await send(a, { kind: 'normal', amount: 900, shares: 3 }).expect(201);
      const friend = await t.loginShopper();
      const { body: claimed } = await t.http().post(`/api/red-packets/open/${packet.code}/claim`).set(friend.auth).send().expect(200);
      expect(claimed.myShare.amount).toBe(300);
      await repo(RedPacket).update({ id: packet.id }, { expiresAt: new Date(Date.now() - 1000) });
      const env = { ...t.db.env, WECHAT_SECRET: 'x', JWT_SECRET: 'test-secret-0123456789abcdef' };
      await Promise.all([sweepInProcess(env), sweepInProcess(env), t.app.get(RedPacketsService).expireDue()]);
      expect(await repo(RedPacket).findOneByOrFail({ id: packet.id })).toMatchObject({ status: 'expired', returnedAmount: 600 });
      expect(await repo(Distributor).findOneByOrFail({ userId: a.userId })).toMatchObject({ balance: 600, spent: 300 });
      expect(await repo(BalanceEntry).countBy({ userId: a.userId, kind: 'packet_return' })).toBe(1);
      await expectLedgerAddsUp(a.userId);
    });

    it('shares a packet by the server\'s code: the path opens the envelope, the card is an envelope image; strangers cannot share it', async () => {
      const a = await richDistributor(500);
      const { body: packet } = await send(a, { amount: 500 }).expect(201);
      const { body: share } = await t.http().post('/api/shares').set(a.auth).send({ target: 'red_packet', targetId: packet.id, channel: 'chat' }).expect(201);
      expect(share.path).toBe(`/packages/coupons/packet/index?code=${packet.code}&s=${share.code}`);
      const stranger = await t.loginShopper();
      expect((await t.http().post('/api/shares').set(stranger.auth).send({ target: 'red_packet', targetId: packet.id, channel: 'chat' }).expect(404)).body.code).toBe('SHARE_TARGET_NOT_FOUND');
      // A claimer may pass it on.
      await t.http().post(`/api/red-packets/open/${packet.code}/claim`).set(stranger.auth).send().expect(200);
      await t.http().post('/api/shares').set(stranger.auth).send({ target: 'red_packet', targetId: packet.id, channel: 'chat' }).expect(201);
      const card = await t.http().get(`/api/shares/${share.code}/card`).buffer(true).parse(binary as never).expect(200);
      expect(pngSize(card.body as Buffer)).toEqual({ width: 500, height: 400 });
      mkdirSync(join(__dirname, '../.artifacts/share-images'), { recursive: true });
      writeFileSync(join(__dirname, '../.artifacts/share-images/card-red-packet.png'), card.body);
      const poster = await t.http().get(`/api/shares/${share.code}/poster`).buffer(true).parse(binary as never).expect(200);
      expect(pngSize(poster.body as Buffer)).toEqual({ width: 750, height: 1200 });
      writeFileSync(join(__dirname, '../.artifacts/share-images/poster-red-packet.png'), poster.body);
      // A store's card: its name and address (and its photo when it has one), not a bare title.
      const store = await repo(PickupStore).save(repo(PickupStore).create({ name: '文三路店', address: '杭州市西湖区文三路100号', district: '西湖区', hours: '08:00-21:00', phone: '0571-1', photo: null, state: 'open' }));
      const { body: storeShare } = await t.http().post('/api/shares').set(a.auth).send({ target: 'store', targetId: store.id, channel: 'chat' }).expect(201);
      expect(storeShare.path).toBe(`/pages/index/index?store=${store.id}&s=${storeShare.code}`);
      const storeCard = await t.http().get(`/api/shares/${storeShare.code}/card`).buffer(true).parse(binary as never).expect(200);
      writeFileSync(join(__dirname, '../.artifacts/share-images/card-store.png'), storeCard.body);
      // A campaign share needs a community campaign that exists.
      expect((await t.http().post('/api/shares').set(a.auth).send({ target: 'campaign', targetId: 999_999, channel: 'chat' }).expect(404)).body.code).toBe('SHARE_TARGET_NOT_FOUND');
      const listed = (await t.http().get('/api/distributor/shares').set(a.auth).expect(200)).body.items;
      expect(listed.map((l: { target: string }) => l.target)).toEqual(['store', 'red_packet']);
    });
  });

  describe('access', () => {
    it('every shopper route refuses another shopper, anonymous callers and shopper tokens on operator routes', async () => {
      const a = await richDistributor2();
      const other = await t.loginShopper();
      const { body: w } = await t.http().post('/api/distributor/withdrawals').set(a.auth).send({ amount: 100 }).expect(201);
      await t.http().get(`/api/distributor/withdrawals/${w.id}`).set(other.auth).expect(404);
      await t.http().post(`/api/distributor/withdrawals/${w.id}/refresh`).set(other.auth).expect(404);
      expect((await t.http().get('/api/distributor/withdrawals').set(other.auth).expect(200)).body.items).toEqual([]);
      expect((await t.http().get('/api/distributor/ledger').set(other.auth).expect(200)).body.items).toEqual([]);
      for (const path of ['/api/distributor', '/api/distributor/ledger', '/api/distributor/referrals', '/api/distributor/visitors', '/api/distributor/shares', '/api/distributor/withdrawals']) {
        await t.http().get(path).expect(401);
      }
      await t.http().post('/api/referrals/bind').send({ code: 'a.0123456789' }).expect(401);
      for (const path of ['/admin/referrals/settings', '/admin/referrals/distributors', '/admin/referrals/withdrawals', `/admin/referrals/users/${a.userId}/tree`]) {
        await t.http().get(path).set(a.auth).expect(401);
      }
      await t.http().post(`/admin/referrals/withdrawals/${w.id}/approve`).set(a.auth).expect(401);
      // There is no fee route of any kind.
      await t.http().post('/api/distributor/fee').set(a.auth).expect(404);
    });

    async function richDistributor2(): Promise<Shopper> {
      const a = await distributor();
      await repo(Distributor).update({ userId: a.userId }, { balance: 1000 });
      return a;
    }

    it('reviews applications when auto-approval is off; the tree is for support', async () => {
      await settings({ autoApprove: false });
      const s = await t.loginShopper();
      expect((await t.http().post('/api/distributor/apply').set(s.auth).expect(200)).body.status).toBe('reviewing');
      await t.http().post(`/admin/referrals/distributors/${s.userId}/approve`).set(admin).expect(200);
      await t.http().post(`/admin/referrals/distributors/${s.userId}/approve`).set(admin).expect(409);
      await t.http().post(`/admin/referrals/distributors/${s.userId}/disable`).set(admin).expect(200);
      await t.http().post('/admin/referrals/distributors/999999/approve').set(admin).expect(404);
      await settings({ autoApprove: true });
      const b = await t.loginShopper();
      await bind(b, await shareCode(s));
      const { body: tree } = await t.http().get(`/admin/referrals/users/${s.userId}/tree`).set(admin).expect(200);
      expect(tree.user.children.map((c: { userId: number }) => c.userId)).toEqual([b.userId]);
    });
  });
});
