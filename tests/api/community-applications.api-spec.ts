import { chinaDate, type OrderView } from '@linli/shared';
import { In } from 'typeorm';
import { secondsLeftInWindow } from '../../server/src/common/rate-limit';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { User } from '../../server/src/modules/auth/entities/user.entity';
import { Order } from '../../server/src/modules/orders/entities/order.entity';
import { OverduePickupsService } from '../../server/src/modules/community/overdue-pickups.service';
import { OutboxWorker } from '../../server/src/modules/outbox/outbox-worker';
import { sweepInProcess } from '../factories/sweep-process';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

interface SimMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** Leader applications with WeChat's phone number, the arrival message, phone search of waiting orders, 销售战报. */
describe('community: applications, arrival notices, phone search, daily report', () => {
  let t: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.loginAdmin();
  });
  afterAll(() => t.close());

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);
  const phoneCode = async (phone: string) => ((await t.http().post('/sim/wechat/dev/phone-code').send({ phone }).expect(200)).body as { code: string }).code;
  let seq = 0;
  const application = async (phone = `1380000${String(1000 + ++seq).slice(-4)}`) => ({
    storeName: `申请店${++seq}`, address: '杭州市西湖区文一路1号', district: '西湖区', latitude: 30.28, longitude: 120.13, hours: '08:00-21:00', phoneCode: await phoneCode(phone),
  });
  const messages = async () => (await t.http().get('/sim/wechat/dev/subscribe-messages').expect(200)).body as SimMessage[];
  async function freshWindow(needSeconds = 15): Promise<void> {
    if (secondsLeftInWindow() < needSeconds) await new Promise((r) => setTimeout(r, secondsLeftInWindow() * 1000 + 50));
  }

  async function store(over: Record<string, unknown> = {}) {
    return (await t.http().post('/admin/community/stores').set(admin).send({
      name: `店${++seq}`, address: '杭州市上城区解放路8号', district: '上城区', latitude: 30.25, longitude: 120.17, hours: '08:00-21:00', phone: '0571-12345678', ...over,
    }).expect(201)).body as { id: number };
  }
  async function storeWithLeader(nickname = '王团长') {
    const s = await store();
    const leader = await t.loginShopper();
    await repo(User).update({ id: leader.userId }, { nickname });
    await t.http().put(`/admin/community/stores/${s.id}/leader`).set(admin).send({ userId: leader.userId }).expect(200);
    return { storeId: s.id, leader };
  }
  async function paidPickupOrder(shopper: Shopper, storeId: number, title = '本地鲜鸡蛋') {
    const p = await t.factory.product({ title, skus: [{ price: 1990, stock: 50 }] });
    const o = (await t.http().post('/api/orders').set(shopper.auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 2 }], source: 'buy_now', fulfilment: 'pickup', pickupStoreId: storeId }).expect(201)).body as OrderView;
    expect(o.freight).toBe(0);
    await t.http().post(`/api/orders/${o.id}/pay`).set(shopper.auth).expect(200);
    await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: o.orderNo }).expect(200);
    return o;
  }

  describe('leader applications', () => {
    it('applies with the phone from WeChat (masked back), one pending at a time; the operator approves and a store opens with them as leader', async () => {
      const ann = await t.loginShopper();
      const body = await application('13812345678');
      const mine = (await t.http().post('/api/community/leader-applications').set(ann.auth).send(body).expect(201)).body;
      expect(mine).toMatchObject({ status: 'pending', storeName: body.storeName, phone: '138****5678', reason: null, storeId: null });
      // The code was spent: a second application with it, or another while pending, is refused.
      expect((await t.http().post('/api/community/leader-applications').set(ann.auth).send(await application()).expect(409)).body.code).toBe('LEADER_APPLICATION_EXISTS');
      expect((await t.http().get('/api/community/leader-applications/mine').set(ann.auth).expect(200)).body.application).toMatchObject({ id: mine.id, status: 'pending' });

      const listed = (await t.http().get('/admin/community/applications').query({ status: 'pending' }).set(admin).expect(200)).body as { id: number; phone: string; userId: number }[];
      expect(listed.find((a) => a.id === mine.id)).toMatchObject({ phone: '13812345678', userId: ann.userId });

      // Two operators approving at once: one decision.
      const both = await Promise.all([0, 1].map(() => t.http().post(`/admin/community/applications/${mine.id}/approve`).set(admin).send({})));
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      const approved = both.find((r) => r.status === 200)!.body;
      expect(approved).toMatchObject({ status: 'approved', storeId: expect.any(Number) });
      const role = (await t.http().get('/api/community/leader/me').set(ann.auth).expect(200)).body;
      expect(role).toMatchObject({ role: 'leader', store: { id: approved.storeId, name: body.storeName, address: body.address, state: 'open' } });
      expect((await t.http().get('/api/community/leader-applications/mine').set(ann.auth).expect(200)).body.application).toMatchObject({ status: 'approved', storeId: approved.storeId });
      // A leader does not apply again.
      expect((await t.http().post('/api/community/leader-applications').set(ann.auth).send(await application()).expect(409)).body.code).toBe('LEADER_APPLICATION_EXISTS');
    });

    it('rejects with a reason the applicant sees, who may then apply again', async () => {
      const ben = await t.loginShopper();
      const app = (await t.http().post('/api/community/leader-applications').set(ben.auth).send(await application()).expect(201)).body;
      await t.http().post(`/admin/community/applications/${app.id}/reject`).set(admin).send({ reason: '' }).expect(400);
      const rejected = (await t.http().post(`/admin/community/applications/${app.id}/reject`).set(admin).send({ reason: '门店地址不在服务范围内' }).expect(200)).body;
      expect(rejected).toMatchObject({ status: 'rejected', reason: '门店地址不在服务范围内' });
      expect((await t.http().post(`/admin/community/applications/${app.id}/approve`).set(admin).send({}).expect(409)).body.code).toBe('LEADER_APPLICATION_STATE');
      expect((await t.http().get('/api/community/leader-applications/mine').set(ben.auth).expect(200)).body.application).toMatchObject({ status: 'rejected', reason: '门店地址不在服务范围内' });
      expect((await t.http().get('/api/community/leader/me').set(ben.auth).expect(200)).body.role).toBeNull();
      await t.http().post('/api/community/leader-applications').set(ben.auth).send(await application()).expect(201);
    });

    it('approving onto an existing store takes it only when it has no leader; a refused approval changes nothing', async () => {
      const taken = await storeWithLeader();
      const free = await store();
      const cai = await t.loginShopper();
      const app = (await t.http().post('/api/community/leader-applications').set(cai.auth).send(await application()).expect(201)).body;
      expect((await t.http().post(`/admin/community/applications/${app.id}/approve`).set(admin).send({ storeId: taken.storeId }).expect(409)).body.code).toBe('STORE_LEADER_TAKEN');
      expect((await t.http().get(`/admin/community/applications/${app.id}`).set(admin).expect(200)).body.status).toBe('pending');
      await t.http().post(`/admin/community/applications/${app.id}/approve`).set(admin).send({ storeId: 999999 }).expect(404);
      const ok = (await t.http().post(`/admin/community/applications/${app.id}/approve`).set(admin).send({ storeId: free.id }).expect(200)).body;
      expect(ok).toMatchObject({ status: 'approved', storeId: free.id });
      expect((await t.http().get(`/admin/community/stores/${free.id}`).set(admin).expect(200)).body.leaderUserId).toBe(cai.userId);
    });

    it('refuses a used, unknown or garbage phone code; WeChat being down is 503; no application is written', async () => {
      const dan = await t.loginShopper();
      const body = await application();
      const other = await t.loginShopper();
      await t.http().post('/api/community/contact-phone').set(other.auth).send({ phoneCode: body.phoneCode }).expect(200);
      expect((await t.http().post('/api/community/leader-applications').set(dan.auth).send(body).expect(400)).body.code).toBe('PHONE_CODE_INVALID');
      expect((await t.http().post('/api/community/leader-applications').set(dan.auth).send({ ...body, phoneCode: 'abcdefgh1234' }).expect(400)).body.code).toBe('PHONE_CODE_INVALID');
      await t.http().post('/api/community/leader-applications').set(dan.auth).send({ ...body, phoneCode: '../../x' }).expect(400);
      await t.http().post('/api/community/leader-applications').set(dan.auth).send({ ...body, latitude: 200 }).expect(400);
      await t.http().post('/sim/wechat/dev/faults').send({ api: 'getuserphonenumber', failNext: 1, errcode: -1 }).expect(200);
      expect((await t.http().post('/api/community/leader-applications').set(dan.auth).send(await application()).expect(503)).body.code).toBe('WECHAT_BUSY');
      expect((await t.http().get('/api/community/leader-applications/mine').set(dan.auth).expect(200)).body.application).toBeNull();
    });

    it('exchanges at most 5 phone codes per shopper per minute', async () => {
      await freshWindow();
      const eve = await t.loginShopper();
      const results: number[] = [];
      for (let i = 0; i < 7; i++) results.push((await t.http().post('/api/community/contact-phone').set(eve.auth).send({ phoneCode: await phoneCode('13900000000') })).status);
      expect(results).toEqual([200, 200, 200, 200, 200, 429, 429]);
    });

    it('admin routes refuse shoppers; another shopper cannot see an application', async () => {
      const fay = await t.loginShopper();
      await t.http().get('/admin/community/applications').set(fay.auth).expect(401);
      await t.http().post('/admin/community/applications/1/approve').set(fay.auth).send({}).expect(401);
      await t.http().get('/api/community/leader-applications/mine').expect(401);
      expect((await t.http().get('/api/community/leader-applications/mine').set(fay.auth).expect(200)).body.application).toBeNull();
      await t.http().get('/admin/community/applications/999999').set(admin).expect(404);
    });
  });

  describe('arrival notice (到店提醒)', () => {
    it('sends one subscription message through the outbox when a consented order becomes 待自提, none without consent', async () => {
      const { storeId } = await storeWithLeader();
      const [gus, hal] = await Promise.all([t.loginShopper('openid_arrival_gus'), t.loginShopper('openid_arrival_hal')]);
      const mine = await paidPickupOrder(gus, storeId, '本地鲜鸡蛋');
      const silent = await paidPickupOrder(hal, storeId);
      expect((await t.http().get(`/api/community/orders/${mine.id}/arrival-notice`).set(gus.auth).expect(200)).body).toEqual({ templateId: 'dev-pickup-ready', subscribed: false });
      expect((await t.http().post(`/api/community/orders/${mine.id}/arrival-notice`).set(gus.auth).expect(200)).body.subscribed).toBe(true);
      await t.http().post(`/api/community/orders/${mine.id}/arrival-notice`).set(gus.auth).expect(200);
      // Another shopper's order is not found.
      await t.http().post(`/api/community/orders/${mine.id}/arrival-notice`).set(hal.auth).expect(404);
      await t.http().get(`/api/community/orders/${mine.id}/arrival-notice`).set(hal.auth).expect(404);

      const before = (await messages()).length;
      for (const o of [mine, silent]) await t.http().post(`/admin/orders/${o.id}/ready-for-pickup`).set(admin).expect(200);
      // Sent after commit by the outbox, not inline.
      expect((await messages()).length).toBe(before);
      await Promise.all([t.app.get(OutboxWorker).sweepOnce(), t.app.get(OutboxWorker).sweepOnce()]);
      await t.app.get(OutboxWorker).sweepOnce();
      const sent = (await messages()).slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ touser: 'openid_arrival_gus', template_id: 'dev-pickup-ready', page: `packages/order/detail/index?id=${mine.id}` });
      expect(sent[0].data.thing1.value).toBe('本地鲜鸡蛋');
      expect(sent[0].data.time4.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      // Once 待自提, consent is no longer taken.
      await t.http().post(`/api/community/orders/${silent.id}/arrival-notice`).set(hal.auth).expect(409);
    });
  });

  describe('overdue pickups (逾期未取提醒)', () => {
    it('tells the leader once per order when a pickup waits past PICKUP_OVERDUE_DAYS, two sweeps at once, one consent per message', async () => {
      const s = await store();
      const leader = await t.loginShopper(`openid_overdue_leader_${s.id}`);
      await t.http().put(`/admin/community/stores/${s.id}/leader`).set(admin).send({ userId: leader.userId }).expect(200);
      const [ada, bo, cy] = await Promise.all([t.loginShopper(), t.loginShopper(), t.loginShopper()]);
      await repo(User).update({ id: ada.userId }, { nickname: '艾达尔' });

      // Consent is the leader's, one message per 允许; a shopper has none to give.
      expect((await t.http().get('/api/community/leader/overdue-notice').set(leader.auth).expect(200)).body).toEqual({ templateId: 'dev-pickup-overdue', credits: 0, overdueDays: 3 });
      await t.http().post('/api/community/leader/overdue-notice').set(leader.auth).expect(200);
      expect((await t.http().post('/api/community/leader/overdue-notice').set(leader.auth).expect(200)).body.credits).toBe(2);
      await t.http().post('/api/community/leader/overdue-notice').set(ada.auth).expect(403);

      const [a, b, c] = [await paidPickupOrder(ada, s.id, '土蜂蜜'), await paidPickupOrder(bo, s.id), await paidPickupOrder(cy, s.id)];
      const waiting = await paidPickupOrder(cy, s.id);
      for (const o of [a, b, c]) await t.http().post(`/admin/orders/${o.id}/ready-for-pickup`).set(admin).expect(200);
      // c is picked up in time; `waiting` never arrives.
      const { code } = (await t.http().get(`/api/community/orders/${c.id}/pickup`).set(cy.auth).expect(200)).body as { code: string };
      await t.http().post('/api/community/leader/verify').set(leader.auth).send({ code }).expect(200);

      const overdue = t.app.get(OverduePickupsService);
      const day = 86_400_000;
      expect(await overdue.sweep(new Date(Date.now() + 2 * day))).toEqual({ announced: 0 });
      const before = (await messages()).length;
      // Two instances sweeping at the same moved clock: each order is claimed by one of them.
      const later = new Date(Date.now() + 3 * day + 60_000);
      const both = await Promise.all([overdue.sweep(later), overdue.sweep(later)]);
      const ours = await repo(Order).findBy({ id: In([a.id, b.id, c.id, waiting.id]) });
      expect(ours.filter((o) => o.overdueNotifiedAt).map((o) => o.id).sort()).toEqual([a.id, b.id].sort());
      expect(both[0].announced + both[1].announced).toBeGreaterThanOrEqual(2);
      expect(await overdue.sweep(new Date(later.getTime() + day))).toEqual({ announced: 0 });

      await Promise.all([t.app.get(OutboxWorker).sweepOnce(), t.app.get(OutboxWorker).sweepOnce()]);
      await t.app.get(OutboxWorker).sweepOnce();
      const sent = (await messages()).slice(before).filter((m) => m.touser === `openid_overdue_leader_${s.id}`);
      expect(sent).toHaveLength(2);
      expect(sent.every((m) => m.template_id === 'dev-pickup-overdue' && m.page === 'packages/leader/index')).toBe(true);
      const toAda = sent.find((m) => m.data.thing1.value === '土蜂蜜')!;
      expect(toAda.data.thing2.value).toBe('顾客 艾**');
      expect(toAda.data.thing4.value).toContain('3天未取');
      expect(JSON.stringify(sent)).not.toContain('艾达尔');
      expect((await t.http().get('/api/community/leader/overdue-notice').set(leader.auth).expect(200)).body.credits).toBe(0);

      // Without a consent left, a newly overdue order is flagged but nothing is sent.
      const d = await paidPickupOrder(bo, s.id);
      await t.http().post(`/admin/orders/${d.id}/ready-for-pickup`).set(admin).expect(200);
      const sentBefore = (await messages()).length;
      await overdue.sweep(new Date(Date.now() + 4 * day));
      await t.app.get(OutboxWorker).sweepOnce();
      expect((await repo(Order).findOneByOrFail({ id: d.id })).overdueNotifiedAt).not.toBeNull();
      expect((await messages()).length).toBe(sentBefore);
    });
    it('two OS processes sweeping at once announce each overdue order once', async () => {
      const s = await storeWithLeader();
      const buyers = await Promise.all([t.loginShopper(), t.loginShopper(), t.loginShopper()]);
      const orders = [];
      for (const b of buyers) orders.push(await paidPickupOrder(b, s.storeId));
      for (const o of orders) await t.http().post(`/admin/orders/${o.id}/ready-for-pickup`).set(admin).expect(200);
      // The CLI sweeps at the real clock, so these orders arrived four days ago.
      await repo(Order).update({ id: In(orders.map((o) => o.id)) }, { readyAt: new Date(Date.now() - 4 * 86_400_000) });
      const env = { ...t.db.env, JWT_SECRET: 'test-secret-0123456789abcdef', WECHAT_SECRET: t.config.wechat.secret, WECHAT_API_BASE: `${t.url}/sim/wechat`, WECHATPAY_API_BASE: `${t.url}/sim/wechatpay`, PUBLIC_BASE_URL: t.url };
      type Swept = { overduePickups: { announced: number } };
      const [one, two] = await Promise.all([sweepInProcess<Swept>(env), sweepInProcess<Swept>(env)]);
      expect(one.overduePickups.announced + two.overduePickups.announced).toBe(3);
      expect((await repo(Order).findBy({ id: In(orders.map((o) => o.id)) })).every((o) => o.overdueNotifiedAt)).toBe(true);
    });
  });

  describe('phone search of waiting orders', () => {
    it('finds a waiting order by the last digits of the buyer phone, masked; another store sees nothing', async () => {
      const mine = await storeWithLeader();
      const theirs = await storeWithLeader();
      const [ivy, jay] = await Promise.all([t.loginShopper(), t.loginShopper()]);
      await t.http().post('/api/community/contact-phone').set(ivy.auth).send({ phoneCode: await phoneCode('13711112468') }).expect(200);
      expect((await t.http().get('/api/community/contact-phone').set(ivy.auth).expect(200)).body).toEqual({ phone: '137****2468' });
      const a = await paidPickupOrder(ivy, mine.storeId);
      const b = await paidPickupOrder(jay, mine.storeId);
      for (const o of [a, b]) await t.http().post(`/admin/orders/${o.id}/ready-for-pickup`).set(admin).expect(200);

      const all = (await t.http().get('/api/community/leader/orders/waiting').set(mine.leader.auth).expect(200)).body as { orderId: number; phone: string | null }[];
      expect(all.map((o) => o.orderId)).toEqual(expect.arrayContaining([a.id, b.id]));
      const found = (await t.http().get('/api/community/leader/orders/waiting').query({ phoneTail: '2468' }).set(mine.leader.auth).expect(200)).body as { orderId: number; phone: string }[];
      expect(found).toEqual([expect.objectContaining({ orderId: a.id, phone: '137****2468' })]);
      expect(JSON.stringify(found)).not.toContain('13711112468');
      expect((await t.http().get('/api/community/leader/orders/waiting').query({ phoneTail: '2468' }).set(theirs.leader.auth).expect(200)).body).toEqual([]);
      await t.http().get('/api/community/leader/orders/waiting').query({ phoneTail: '%' }).set(mine.leader.auth).expect(400);
      await t.http().get('/api/community/leader/orders/waiting').query({ phoneTail: '12' }).set(mine.leader.auth).expect(400);
      await t.http().get('/api/community/leader/orders/waiting').query({ phoneTail: '2468' }).set(ivy.auth).expect(403);
    });
  });

  describe('销售战报', () => {
    it("counts today's orders, shoppers, top products and waiting goods with masked names; only the store's leader; an image too", async () => {
      const { storeId, leader } = await storeWithLeader('周团长');
      const [kim, lee] = await Promise.all([t.loginShopper(), t.loginShopper()]);
      await repo(User).update({ id: kim.userId }, { nickname: '金小花' });
      const a = await paidPickupOrder(kim, storeId, '红富士苹果');
      await paidPickupOrder(kim, storeId, '红富士苹果');
      await paidPickupOrder(lee, storeId, '东北大米');
      await t.http().post(`/admin/orders/${a.id}/ready-for-pickup`).set(admin).expect(200);

      const report = (await t.http().get('/api/community/leader/report').set(leader.auth).expect(200)).body;
      expect(report).toMatchObject({ orders: 3, shoppers: 2, units: 6, waitingOrders: 1, waitingUnits: 2 });
      expect(report.topProducts[0]).toEqual({ title: '红富士苹果', quantity: 4 });
      expect(report.recentBuyers).toContain('金**');
      expect(JSON.stringify(report)).not.toContain('金小花');

      const png = await t.http().get('/api/community/leader/report/image').set(leader.auth).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(png.headers['content-type']).toMatch(/^image\/png/);
      expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');

      await t.http().get('/api/community/leader/report').set(kim.auth).expect(403);
      const staff = await t.loginShopper();
      const { code } = (await t.http().post('/api/community/leader/staff/invites').set(leader.auth).expect(201)).body as { code: string };
      await t.http().post('/api/community/staff/join').set(staff.auth).send({ code }).expect(200);
      await t.http().get('/api/community/leader/report').set(staff.auth).expect(403);
    });
  });

  describe('who may do what', () => {
    it('a real group-buy pickup order: code on payment, refused while 待成团, picked up after success + ready; only its owner sees the code', async () => {
      const { storeId, leader } = await storeWithLeader();
      const product = await t.factory.product({ title: '拼团土鸡蛋', skus: [{ price: 3000, stock: 20 }] });
      const now = Date.now();
      const campaignId = (await t.http().post('/admin/group-buy/campaigns').set(admin).send({
        productId: product.id, title: '自提拼团', groupSize: 2, timeLimitSeconds: 3600, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86400_000).toISOString(),
        stock: 10, perUserLimit: 2, skus: [{ skuId: product.skus[0].id, groupPrice: 2000 }],
      }).expect(201)).body.id as number;
      const skuId = product.skus[0].id;
      const [kay, lou, eve] = await Promise.all([t.loginShopper(), t.loginShopper(), t.loginShopper()]);
      const payOrder = async (s: Shopper, o: OrderView) => {
        await t.http().post(`/api/orders/${o.id}/pay`).set(s.auth).expect(200);
        await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: o.orderNo }).expect(200);
      };
      const verify = (code: string) => t.http().post('/api/community/leader/verify').set(leader.auth).send({ code });

      // Bad choices change nothing: pickup without a store, a store that does not exist, delivery without an address.
      expect((await t.http().post('/api/group-buy/orders').set(kay.auth).send({ campaignId, skuId, quantity: 1, fulfilment: 'pickup' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await t.http().post('/api/group-buy/orders').set(kay.auth).send({ campaignId, skuId, quantity: 1, fulfilment: 'pickup', pickupStoreId: 99_999_999 }).expect(404)).body.code).toBe('PICKUP_STORE_NOT_FOUND');
      await t.http().post('/api/group-buy/orders').set(kay.auth).send({ campaignId, skuId, quantity: 1 }).expect(400);
      expect(await repo(Order).countBy({ userId: kay.userId })).toBe(0);

      const preview = (await t.http().post('/api/group-buy/preview').set(kay.auth).send({ campaignId, skuId, quantity: 1, fulfilment: 'pickup', pickupStoreId: storeId }).expect(200)).body;
      expect(preview).toMatchObject({ fulfilment: 'pickup', address: null, freight: 0, total: 2000 });
      const opened = (await t.http().post('/api/group-buy/orders').set(kay.auth).send({ campaignId, skuId, quantity: 1, fulfilment: 'pickup', pickupStoreId: storeId }).expect(201)).body as OrderView;
      expect(opened).toMatchObject({ kind: 'group', fulfilment: 'pickup', address: null, freight: 0, total: 2000 });
      await payOrder(kay, opened);
      expect((await repo(Order).findOneByOrFail({ id: opened.id })).status).toBe('grouping');

      // The code exists from payment, for its owner only.
      const { code } = (await t.http().get(`/api/community/orders/${opened.id}/pickup`).set(kay.auth).expect(200)).body as { code: string };
      expect(code).toMatch(/^\d{16}$/);
      await t.http().get(`/api/community/orders/${opened.id}/pickup`).set(eve.auth).expect(404);
      expect((await verify(code).expect(409)).body).toMatchObject({ code: 'PICKUP_NOT_READY', message: '拼团尚未成功，暂不能提货' });
      await t.http().post(`/admin/orders/${opened.id}/ready-for-pickup`).set(admin).expect(409);
      expect((await repo(Order).findOneByOrFail({ id: opened.id })).status).toBe('grouping');

      // A neighbour joins for pickup at the same store and pays: the group succeeds, both orders are paid.
      const joined = (await t.http().post('/api/group-buy/orders').set(lou.auth).send({ campaignId, skuId, quantity: 1, groupId: opened.groupId, fulfilment: 'pickup', pickupStoreId: storeId }).expect(201)).body as OrderView;
      await payOrder(lou, joined);
      expect((await repo(Order).findOneByOrFail({ id: opened.id })).status).toBe('paid');
      expect((await t.http().get(`/api/community/orders/${opened.id}/pickup`).set(kay.auth).expect(200)).body.code).toBe(code);
      expect((await verify(code).expect(409)).body.message).toBe('商品还未到店，暂不能提货');

      await t.http().post(`/admin/orders/${opened.id}/ready-for-pickup`).set(admin).expect(200);
      expect((await verify(code).expect(200)).body).toMatchObject({ orderId: opened.id });
      expect((await repo(Order).findOneByOrFail({ id: opened.id })).status).toBe('completed');
      const lousCode = (await t.http().get(`/api/community/orders/${joined.id}/pickup`).set(lou.auth).expect(200)).body.code as string;
      expect(lousCode).not.toBe(code);
      expect((await verify(lousCode).expect(409)).body.message).toBe('商品还未到店，暂不能提货');
    });

    it('every leader route refuses a shopper (403), and another leader gets nothing of this store', async () => {
      const mine = await storeWithLeader();
      const theirs = await storeWithLeader();
      const shopper = await t.loginShopper();
      const routes: [string, string, object?][] = [
        ['get', '/api/community/leader/orders/waiting'], ['get', '/api/community/leader/batches'], ['get', '/api/community/leader/report'],
        ['get', '/api/community/leader/report/image'], ['get', '/api/community/leader/staff'], ['post', '/api/community/leader/staff/invites'],
        ['post', '/api/community/leader/verify', { code: '1234567812345678' }], ['post', '/api/community/leader/batches/1/arrive', { shortages: [] }],
        ['delete', `/api/community/leader/staff/${mine.leader.userId}`],
      ];
      for (const [method, path, body] of routes) {
        const call = (t.http() as unknown as Record<string, (p: string) => { set(h: object): { send(b?: object): Promise<{ status: number }> } }>)[method](path).set(shopper.auth);
        expect(`${method} ${path} ${(await call.send(body)).status}`).toBe(`${method} ${path} 403`);
        const anon = (t.http() as unknown as Record<string, (p: string) => { send(b?: object): Promise<{ status: number }> }>)[method](path);
        expect(`${method} ${path} ${(await anon.send(body)).status}`).toBe(`${method} ${path} 401`);
      }
      // Another leader: staff of this store are not theirs to remove, this store's orders are not in their list.
      const staff = await t.loginShopper();
      const { code } = (await t.http().post('/api/community/leader/staff/invites').set(mine.leader.auth).expect(201)).body as { code: string };
      await t.http().post('/api/community/staff/join').set(staff.auth).send({ code }).expect(200);
      expect((await t.http().delete(`/api/community/leader/staff/${staff.userId}`).set(theirs.leader.auth).expect(404)).body.code).toBe('STAFF_NOT_FOUND');
      const o = await paidPickupOrder(shopper, mine.storeId);
      await t.http().post(`/admin/orders/${o.id}/ready-for-pickup`).set(admin).expect(200);
      const theirList = (await t.http().get('/api/community/leader/orders/waiting').set(theirs.leader.auth).expect(200)).body as { orderId: number }[];
      expect(theirList.map((w) => w.orderId)).not.toContain(o.id);
      expect((await t.http().get('/api/community/leader/report').set(theirs.leader.auth).expect(200)).body.orders).toBe(0);
      // Another shopper reads neither the pickup card nor the arrival notice of this order.
      await t.http().get(`/api/community/orders/${o.id}/pickup`).set(staff.auth).expect(404);
      await t.http().get(`/api/community/orders/${o.id}/arrival-notice`).set(staff.auth).expect(404);
    });
  });

  describe('coupons on a community campaign', () => {
    it('applies a coupon only when the campaign allows coupons; a refused coupon places nothing', async () => {
      const { storeId } = await storeWithLeader();
      const p = await t.factory.product({ skus: [{ price: 3000, stock: 100 }] });
      const campaign = async (couponsAllowed: boolean) => (await t.http().post('/admin/community/campaigns').set(admin).send({
        title: couponsAllowed ? '可用券团' : '不可用券团', startsAt: new Date(Date.now() - 60_000).toISOString(), cutoffAt: new Date(Date.now() + 3_600_000).toISOString(),
        pickupDate: chinaDate(new Date(Date.now() + 2 * 86_400_000)), couponsAllowed, items: [{ skuId: p.skus[0].id, price: 2000, stock: 10, perUserLimit: 5 }],
      }).expect(201)).body as { id: number };
      const [open, closed] = [await campaign(true), await campaign(false)];
      const tpl = (await t.http().post('/admin/coupons/templates').set(admin).send({
        title: '满30减5', type: 'threshold_off', amount: 500, threshold: 3000, validity: 'relative', validDays: 7, total: 100, perUserLimit: 2,
      }).expect(201)).body as { id: number };
      const lin = await t.loginShopper();
      await t.http().post('/api/coupons/claims').set(lin.auth).send({ templateId: tpl.id }).expect(201);
      const coupons = (await t.http().get('/api/coupons/mine').set(lin.auth).expect(200)).body as { items?: { id: number }[] } | { id: number }[];
      const couponId = (Array.isArray(coupons) ? coupons : coupons.items ?? [])[0].id;

      // The page's confirm sheet: the preview offers the coupon (the best one by default) only where the campaign allows coupons.
      const preview = (campaignId: number, extra: object = {}) => t.http().post('/api/community/orders/preview').set(lin.auth).send({ campaignId, skuId: p.skus[0].id, quantity: 2, storeId, ...extra });
      const offered = (await preview(open.id).expect(200)).body;
      expect(offered).toMatchObject({ fulfilment: 'pickup', address: null, subtotal: 4000, freight: 0, discount: 500, total: 3500, coupons: { selectedId: couponId, bestId: couponId } });
      expect((await preview(open.id, { couponId: null }).expect(200)).body).toMatchObject({ discount: 0, total: 4000, coupons: { selectedId: null } });
      const notOffered = (await preview(closed.id).expect(200)).body;
      expect(notOffered).toMatchObject({ discount: 0, total: 4000, coupons: { selectedId: null, usable: [] } });
      expect(notOffered.coupons.unusable[0].reason).toContain('不可用券');
      // The preview takes nothing, and refuses like the purchase does.
      expect((await t.http().get(`/admin/community/campaigns/${open.id}`).set(admin).expect(200)).body.items[0].left).toBe(10);
      expect((await preview(open.id, { storeId: 99_999_999 }).expect(404)).body.code).toBe('PICKUP_STORE_NOT_FOUND');
      await preview(open.id, { quantity: 0 }).expect(400);
      await t.http().post('/api/community/orders/preview').send({ campaignId: open.id, skuId: p.skus[0].id, quantity: 1, storeId }).expect(401);

      const refused = await t.http().post('/api/community/orders').set(lin.auth).send({ campaignId: closed.id, skuId: p.skus[0].id, quantity: 2, storeId, couponId });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(refused.body.message).toContain('不可用券');
      expect((await t.http().get(`/admin/community/campaigns/${closed.id}`).set(admin).expect(200)).body.items[0].left).toBe(10);

      // Another shopper naming lin's coupon is told it does not exist, on the preview and the purchase, and takes nothing.
      const other = await t.loginShopper();
      expect((await t.http().post('/api/community/orders/preview').set(other.auth).send({ campaignId: open.id, skuId: p.skus[0].id, quantity: 2, storeId, couponId }).expect(404)).body.code).toBe('COUPON_NOT_FOUND');
      expect((await t.http().post('/api/community/orders').set(other.auth).send({ campaignId: open.id, skuId: p.skus[0].id, quantity: 2, storeId, couponId }).expect(404)).body.code).toBe('COUPON_NOT_FOUND');
      expect((await t.http().get(`/admin/community/campaigns/${open.id}`).set(admin).expect(200)).body.items[0].left).toBe(10);

      const order = (await t.http().post('/api/community/orders').set(lin.auth).send({ campaignId: open.id, skuId: p.skus[0].id, quantity: 2, storeId, couponId }).expect(201)).body as OrderView;
      expect(order).toMatchObject({ subtotal: 4000, freight: 0, total: 3500 });
    });
  });
});
