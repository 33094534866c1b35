import type { GroupView, OrderView } from '@linli/shared';
import { In } from 'typeorm';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { GroupBuyCampaign } from '../../server/src/modules/group-buy/entities/group-buy-campaign.entity';
import { Group, GroupMember } from '../../server/src/modules/group-buy/entities/group.entity';
import { GroupSweeper } from '../../server/src/modules/group-buy/group-sweeper';
import { Order } from '../../server/src/modules/orders/entities/order.entity';
import { OrderSweeper } from '../../server/src/modules/orders/order-sweeper';
import { Refund } from '../../server/src/modules/payments/entities/refund.entity';
import { PaymentSweeper } from '../../server/src/modules/payments/payment-sweeper';
import { WechatPaySimulatorService } from '../../server/src/simulator/wechat-pay-simulator.service';
import { sweepInProcess } from '../factories/sweep-process';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('group-buy', () => {
  let t: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp({ ORDER_PAY_TIMEOUT_SECONDS: '60', PAYMENT_RECONCILE_AFTER_SECONDS: '5' });
    admin = await t.loginAdmin();
  });
  afterAll(() => t.close());

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);
  const sim = () => t.app.get(WechatPaySimulatorService);

  /** A shopper with a default address. */
  async function shopper(): Promise<Shopper & { addressId: number }> {
    const s = await t.loginShopper();
    return { ...s, addressId: (await t.factory.address(s.userId)).id };
  }

  /** A product with one SKU at ¥30 and a running campaign on it (base group price ¥20). */
  async function campaign(opts: Record<string, unknown> = {}, stock = 100) {
    const product = await t.factory.product({ skus: [{ price: 3000, stock }] });
    const now = Date.now();
    const { body } = await t.http().post('/admin/group-buy/campaigns').set(admin).send({
      productId: product.id, title: '测试拼团', groupSize: 2, timeLimitSeconds: 3600, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86400_000).toISOString(),
      stock: 50, perUserLimit: 5, skus: [{ skuId: product.skus[0].id, groupPrice: 2000 }], ...opts,
    }).expect(201);
    return { campaignId: body.id as number, skuId: product.skus[0].id, productId: product.id };
  }

  const place = (s: Shopper & { addressId: number }, body: Record<string, unknown>) => t.http().post('/api/group-buy/orders').set(s.auth).send({ quantity: 1, addressId: s.addressId, ...body });

  /** Pays through the real path: prepay, then the simulator's signed notification. */
  async function pay(s: Shopper, orderId: number): Promise<void> {
    await t.http().post(`/api/orders/${orderId}/pay`).set(s.auth).expect(200);
    const { orderNo } = (await t.http().get(`/api/orders/${orderId}`).set(s.auth).expect(200)).body as OrderView;
    await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: orderNo }).expect(200);
  }

  /** Opens a group for `leader` and pays for it; returns the group id and the leader's order. */
  async function openGroup(c: { campaignId: number; skuId: number }, leader: Shopper & { addressId: number }, extra: Record<string, unknown> = {}) {
    const order = (await place(leader, { campaignId: c.campaignId, skuId: c.skuId, ...extra }).expect(201)).body as OrderView;
    await pay(leader, order.id);
    return { groupId: order.groupId!, order };
  }

  const groupView = (id: number, viewer?: Shopper) => {
    const req = t.http().get(`/api/group-buy/groups/${id}`);
    return (viewer ? req.set(viewer.auth) : req).expect(200).then((r) => r.body as GroupView);
  };
  const orderOf = (s: Shopper, id: number) => t.http().get(`/api/orders/${id}`).set(s.auth).expect(200).then((r) => r.body as OrderView);
  const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 8000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  };
  /** Moves a group's deadline into the past, as if its time limit had run out. */
  const expireNow = (groupIds: number[]) => repo(Group).update({ id: In(groupIds) }, { expiresAt: new Date(Date.now() - 1000) });

  describe('campaigns (operator)', () => {
    it('refuses bad rules with 400 and an overlapping campaign with 409, and needs an operator', async () => {
      const c = await campaign();
      const other = await t.factory.product();
      const base = { productId: c.productId, title: '拼', groupSize: 3, timeLimitSeconds: 600, startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z', stock: 10, perUserLimit: 1, skus: [{ skuId: c.skuId, groupPrice: 100 }] };
      const post = (body: Record<string, unknown>) => t.http().post('/admin/group-buy/campaigns').set(admin).send({ ...base, ...body });
      expect((await post({ tiers: [{ size: 5, discount: 100 }, { size: 4, discount: 200 }] }).expect(400)).body.code).toBe('GROUP_BUY_INVALID');
      expect((await post({ tiers: [{ size: 5, discount: 100 }, { size: 6, discount: 100 }] }).expect(400)).body.message).toMatch(/优惠/);
      expect((await post({ virtualMinMembers: 3 }).expect(400)).body.code).toBe('GROUP_BUY_INVALID');
      expect((await post({ groupSize: 1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await post({ groupSize: 51 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await post({ skus: [{ skuId: other.skus[0].id, groupPrice: 100 }] }).expect(400)).body.code).toBe('GROUP_BUY_INVALID');
      expect((await post({ skus: [{ skuId: c.skuId, groupPrice: 0 }] }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await post({ endsAt: '2029-12-31T00:00:00Z' }).expect(400)).body.message).toMatch(/结束时间/);
      expect((await post({ startsAt: new Date().toISOString() }).expect(409)).body.message).toMatch(/已有拼团活动/);
      const shopperToken = await t.loginShopper();
      await t.http().post('/admin/group-buy/campaigns').set(shopperToken.auth).send(base).expect(401);
      await t.http().get('/admin/group-buy/groups').expect(401);
    });

    it('edits a campaign, moves its units and stops it', async () => {
      const c = await campaign();
      const { body } = await t.http().patch(`/admin/group-buy/campaigns/${c.campaignId}`).set(admin).send({ stock: 80, leaderDiscount: 300, tiers: [{ size: 4, discount: 200 }] }).expect(200);
      expect(body).toMatchObject({ stockTotal: 80, stockLeft: 80, leaderDiscount: 300, tiers: [{ size: 4, discount: 200 }] });
      await t.http().patch(`/admin/group-buy/campaigns/${c.campaignId}`).set(admin).send({ productId: 1 }).expect(400);
      const stopped = await t.http().post(`/admin/group-buy/campaigns/${c.campaignId}/stop`).set(admin).expect(200);
      expect(stopped.body).toMatchObject({ state: 'stopped', stoppedBy: expect.stringMatching(/^operator:/) });
      const s = await shopper();
      expect((await place(s, { campaignId: c.campaignId, skuId: c.skuId }).expect(409)).body.code).toBe('GROUP_BUY_NOT_ACTIVE');
      await t.http().patch(`/admin/group-buy/campaigns/${c.campaignId}`).set(admin).send({ stock: 10 }).expect(409);
    });
  });

  describe('opening and joining', () => {
    it('shows a group to others only once its leader has paid, then counts down from that payment', async () => {
      const c = await campaign({ leaderDiscount: 300 });
      const [leader, friend] = await Promise.all([shopper(), shopper()]);
      const order = (await place(leader, { campaignId: c.campaignId, skuId: c.skuId, quantity: 2 }).expect(201)).body as OrderView;
      // 团长优惠: ¥20 − ¥3 per unit, free freight.
      expect(order).toMatchObject({ kind: 'group', status: 'pending_payment', total: 2 * 1700, freight: 0, lines: [{ unitPrice: 1700, quantity: 2 }] });
      await t.http().get(`/api/group-buy/groups/${order.groupId}`).set(friend.auth).expect(404);
      expect((await groupView(order.groupId!, leader)).status).toBe('forming');
      expect((await t.http().get(`/api/group-buy/products/${c.productId}`).expect(200)).body.openGroups).toEqual([]);

      const before = Date.now();
      await pay(leader, order.id);
      const g = await groupView(order.groupId!, friend);
      expect(g).toMatchObject({ status: 'open', size: 2, seatsLeft: 1, members: [{ isLeader: true }], mine: null, joinBlockedReason: null, unitPrice: 2000 });
      expect(new Date(g.expiresAt!).getTime()).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
      expect((await orderOf(leader, order.id)).status).toBe('grouping');
      const listed = (await t.http().get(`/api/group-buy/products/${c.productId}`).set(friend.auth).expect(200)).body;
      expect(listed.openGroups.map((x: GroupView) => x.id)).toEqual([order.groupId]);
      expect(listed.campaign).toMatchObject({ state: 'active', stockLeft: 48, lowestPrice: 2000 });
    });

    it('succeeds when the last seat is paid, and only then lets the orders ship', async () => {
      const c = await campaign({ groupSize: 3 });
      const [leader, b, d] = await Promise.all([shopper(), shopper(), shopper()]);
      const { groupId, order: leaderOrder } = await openGroup(c, leader);
      await t.http().post(`/admin/orders/${leaderOrder.id}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: 'SF0001' }).expect(409);
      const bOrder = (await place(b, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(201)).body as OrderView;
      expect(bOrder.total).toBe(2000);
      await pay(b, bOrder.id);
      expect((await groupView(groupId)).status).toBe('open');
      const dOrder = (await place(d, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(201)).body as OrderView;
      await pay(d, dOrder.id);
      const g = await groupView(groupId, b);
      expect(g).toMatchObject({ status: 'succeeded', virtual: false, seatsLeft: 0, mine: { role: 'member', orderId: bOrder.id, orderStatus: 'paid' } });
      expect(g.members).toHaveLength(3);
      for (const [s, id] of [[leader, leaderOrder.id], [b, bOrder.id], [d, dOrder.id]] as const) expect((await orderOf(s, id)).status).toBe('paid');
      await t.http().post(`/admin/orders/${leaderOrder.id}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: 'SF0001' }).expect(200);
      const mine = (await t.http().get('/api/group-buy/mine?status=succeeded').set(b.auth).expect(200)).body;
      expect(mine.items.map((x: GroupView) => x.id)).toEqual([groupId]);
    });

    it('prices a bigger tier lower for everyone in it', async () => {
      const c = await campaign({ tiers: [{ size: 3, discount: 300 }], leaderDiscount: 100 });
      const [leader, b] = await Promise.all([shopper(), shopper()]);
      const { groupId, order } = await openGroup(c, leader, { groupSize: 3 });
      expect(order.total).toBe(2000 - 300 - 100);
      const preview = (await t.http().post('/api/group-buy/preview').set(b.auth).send({ campaignId: c.campaignId, skuId: c.skuId, quantity: 2, groupId }).expect(200)).body;
      expect(preview).toMatchObject({ total: 2 * 1700, freight: 0 });
      expect((await groupView(groupId)).size).toBe(3);
      expect((await place(b, { campaignId: c.campaignId, skuId: c.skuId, groupSize: 4 }).expect(400)).body.code).toBe('GROUP_BUY_INVALID');
      // A price from the client is refused, never used.
      expect((await place(b, { campaignId: c.campaignId, skuId: c.skuId, groupId, unitPrice: 1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses joining your own group, the same group twice, or a full or unknown group', async () => {
      const c = await campaign();
      const [leader, b, late] = await Promise.all([shopper(), shopper(), shopper()]);
      const { groupId } = await openGroup(c, leader);
      expect((await place(leader, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(409)).body.code).toBe('GROUP_OWN_GROUP');
      expect((await groupView(groupId, leader)).joinBlockedReason).toMatch(/你开的团/);
      const [one, two] = await Promise.all([
        place(b, { campaignId: c.campaignId, skuId: c.skuId, groupId }),
        place(b, { campaignId: c.campaignId, skuId: c.skuId, groupId }),
      ]);
      expect([one.status, two.status].sort()).toEqual([201, 409]);
      expect([one.body.code, two.body.code]).toEqual(expect.arrayContaining([expect.stringMatching(/GROUP_ALREADY_JOINED|GROUP_FULL/)]));
      expect((await place(late, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(409)).body.code).toBe('GROUP_FULL');
      expect((await place(late, { campaignId: c.campaignId, skuId: c.skuId, groupId: 999999 }).expect(404)).body.code).toBe('GROUP_NOT_FOUND');
      await place(late, { campaignId: c.campaignId, skuId: c.skuId, groupId: 'x' }).expect(400);
    });

    it('gives exactly the last 2 seats to 2 of 30 shoppers racing for them; the rest get 409 and pay nothing', async () => {
      const c = await campaign({ groupSize: 3, perUserLimit: 1 });
      const leader = await shopper();
      const { groupId } = await openGroup(c, leader);
      const racers = await Promise.all(Array.from({ length: 30 }, () => shopper()));
      const answers = await Promise.all(racers.map((s) => place(s, { campaignId: c.campaignId, skuId: c.skuId, groupId })));
      const won = answers.filter((a) => a.status === 201);
      const lost = answers.filter((a) => a.status !== 201);
      expect(won).toHaveLength(2);
      expect(lost.map((a) => a.status)).toEqual(Array(28).fill(409));
      expect(new Set(lost.map((a) => a.body.code))).toEqual(new Set(['GROUP_FULL']));
      expect(lost.every((a) => typeof a.body.message === 'string' && a.body.message.length > 0)).toBe(true);
      const loserIds = racers.filter((_, i) => answers[i].status !== 201).map((s) => s.userId);
      expect(await repo(Order).countBy({ userId: In(loserIds) })).toBe(0);
      expect(await repo(GroupMember).countBy({ groupId })).toBe(3);
      expect((await repo(Group).findOneByOrFail({ id: groupId })).seatsTaken).toBe(3);
      expect((await repo(GroupBuyCampaign).findOneByOrFail({ id: c.campaignId })).stockLeft).toBe(47);
      expect((await t.factory.sku(c.skuId)).stock).toBe(97);
      // The winners pay: the group fills with exactly its size.
      for (const [i, a] of answers.entries()) if (a.status === 201) await pay(racers[i], a.body.id);
      expect(await groupView(groupId)).toMatchObject({ status: 'succeeded', members: expect.arrayContaining([expect.anything()]) });
      expect((await repo(Group).findOneByOrFail({ id: groupId })).paidCount).toBe(3);
    });

    it("gives an unpaid joiner's seat back at the order's deadline", async () => {
      const c = await campaign({ groupSize: 2, perUserLimit: 1 });
      const [leader, slow, next] = await Promise.all([shopper(), shopper(), shopper()]);
      const { groupId } = await openGroup(c, leader);
      const slowOrder = (await place(slow, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(201)).body as OrderView;
      expect((await groupView(groupId)).seatsLeft).toBe(0);
      expect((await place(next, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(409)).body.code).toBe('GROUP_FULL');
      await t.app.get(OrderSweeper).sweepOnce(new Date(Date.now() + 61_000));
      expect((await orderOf(slow, slowOrder.id)).status).toBe('cancelled');
      expect(await groupView(groupId)).toMatchObject({ status: 'open', seatsLeft: 1 });
      expect((await repo(GroupMember).findOneByOrFail({ orderId: slowOrder.id })).status).toBe('released');
      // The seat, the unit and the slow shopper's limit are all back: both can join again.
      await place(slow, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(201);
      expect((await repo(GroupBuyCampaign).findOneByOrFail({ id: c.campaignId })).stockLeft).toBe(48);
    });
  });

  describe('limits', () => {
    it('lets only shoppers without a paid order join a new-customer group (the leader may be anyone)', async () => {
      const c = await campaign({ newCustomerOnly: true, groupSize: 3 });
      const [leader, regular, newcomer] = await Promise.all([shopper(), shopper(), shopper()]);
      const old = await t.factory.order(regular.userId, (await t.factory.product()).skus[0].id, 1, regular.addressId);
      await t.factory.markPaid(old.id);
      const { groupId } = await openGroup(c, leader);
      expect((await groupView(groupId, regular)).joinBlockedReason).toMatch(/新用户/);
      expect((await place(regular, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(409)).body.code).toBe('GROUP_NEW_CUSTOMER_ONLY');
      await place(newcomer, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(201);
    });

    it('holds the per-user limit across groups, also for parallel orders', async () => {
      const c = await campaign({ perUserLimit: 2 });
      const s = await shopper();
      expect((await place(s, { campaignId: c.campaignId, skuId: c.skuId, quantity: 3 }).expect(409)).body.code).toBe('PURCHASE_LIMIT_EXCEEDED');
      const answers = await Promise.all(Array.from({ length: 6 }, () => place(s, { campaignId: c.campaignId, skuId: c.skuId })));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'PURCHASE_LIMIT_EXCEEDED')).toBe(true);
      expect(await repo(Order).countBy({ userId: s.userId })).toBe(2);
    });

    it('refuses opening before the campaign starts and when its units run out', async () => {
      const early = await campaign({ startsAt: new Date(Date.now() + 3600_000).toISOString() });
      const s = await shopper();
      expect((await place(s, { campaignId: early.campaignId, skuId: early.skuId }).expect(409)).body.message).toMatch(/尚未开始/);
      const small = await campaign({ stock: 1 });
      await place(s, { campaignId: small.campaignId, skuId: small.skuId }).expect(201);
      expect((await place(await shopper(), { campaignId: small.campaignId, skuId: small.skuId }).expect(409)).body.code).toBe('PROMOTION_STOCK_OUT');
    });
  });

  describe('expiry, refunds and virtual completion', () => {
    it('refunds every member of a group that expires short exactly once, with the expiry sweep in two processes at once', async () => {
      const c = await campaign({ groupSize: 3 });
      const groups: { groupId: number; members: [Shopper, number][] }[] = [];
      for (let i = 0; i < 4; i++) {
        const [leader, b] = await Promise.all([shopper(), shopper()]);
        const { groupId, order } = await openGroup(c, leader);
        const bOrder = (await place(b, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(201)).body as OrderView;
        await pay(b, bOrder.id);
        groups.push({ groupId, members: [[leader, order.id], [b, bOrder.id]] });
      }
      expect((await t.factory.sku(c.skuId)).stock).toBe(92);
      await expireNow(groups.map((g) => g.groupId));
      const env = { ...t.db.env, WECHAT_SECRET: 'x', JWT_SECRET: 'test-secret-0123456789abcdef', WECHATPAY_API_BASE: `${t.url}/sim/wechatpay`, PUBLIC_BASE_URL: t.url };
      type Swept = { groups: { closed: number; refunded: number } };
      const [one, two] = await Promise.all([sweepInProcess<Swept>(env), sweepInProcess<Swept>(env)]);
      expect(one.groups.closed + two.groups.closed).toBe(4);
      expect(one.groups.refunded + two.groups.refunded).toBe(8);
      const orderIds = groups.flatMap((g) => g.members.map(([, id]) => id));
      const refunds = await repo(Refund).findBy({ orderId: In(orderIds) });
      expect(refunds).toHaveLength(8);
      expect(new Set(refunds.map((r) => r.orderId)).size).toBe(8);
      expect(refunds.every((r) => r.source === 'group_failed' && r.amount === 2000)).toBe(true);
      // Every refund number reached WeChat Pay exactly once, and every member ends refunded.
      await t.app.get(PaymentSweeper).sweepOnce(new Date(Date.now() + 6000));
      for (const g of groups) {
        for (const [s, id] of g.members) await until(`order ${id} refunded`, async () => (await orderOf(s, id)).status === 'refunded');
        const view = await groupView(g.groupId);
        expect(view).toMatchObject({ status: 'failed', members: [] });
      }
      // The money went back once per member: a resent refund number is answered with the same refund.
      const memberOrders = await repo(Order).findBy({ id: In(orderIds) });
      expect(memberOrders).toHaveLength(8);
      for (const o of memberOrders) expect(sim().refundedAmount(o.orderNo)).toBe(2000);
      expect((await t.factory.sku(c.skuId)).stock).toBe(100);
      expect((await repo(GroupBuyCampaign).findOneByOrFail({ id: c.campaignId })).stockLeft).toBe(50);
      // Another pass finds nothing more to do.
      expect(await t.app.get(GroupSweeper).sweepOnce()).toEqual({ closed: 0, refunded: 0 });
    });

    it('completes a short group virtually only when the campaign allows it and enough members paid', async () => {
      const virtual = await campaign({ groupSize: 4, virtualMinMembers: 2 });
      const strict = await campaign({ groupSize: 4 });
      const [a, b, c2, d, e] = await Promise.all([shopper(), shopper(), shopper(), shopper(), shopper()]);
      const two = await openGroup(virtual, a);
      const bOrder = (await place(b, { campaignId: virtual.campaignId, skuId: virtual.skuId, groupId: two.groupId }).expect(201)).body as OrderView;
      await pay(b, bOrder.id);
      const one = await openGroup(virtual, c2);
      const strictTwo = await openGroup(strict, d);
      const eOrder = (await place(e, { campaignId: strict.campaignId, skuId: strict.skuId, groupId: strictTwo.groupId }).expect(201)).body as OrderView;
      await pay(e, eOrder.id);
      await expireNow([two.groupId, one.groupId, strictTwo.groupId]);
      await t.app.get(GroupSweeper).sweepOnce();
      expect(await groupView(two.groupId)).toMatchObject({ status: 'succeeded', virtual: true });
      expect((await orderOf(b, bOrder.id)).status).toBe('paid');
      expect((await groupView(one.groupId)).status).toBe('failed');
      expect((await groupView(strictTwo.groupId)).status).toBe('failed');
      const counts = (await t.http().get(`/admin/group-buy/campaigns/${virtual.campaignId}`).set(admin).expect(200)).body.groups;
      expect(counts).toMatchObject({ virtual: 1, succeeded: 0, failed: 1 });
    });

    it('refunds a joiner whose payment lands after the group closed, and keeps them out of the members', async () => {
      const c = await campaign({ groupSize: 3 });
      const [leader, b] = await Promise.all([shopper(), shopper()]);
      const { groupId } = await openGroup(c, leader);
      const bOrder = (await place(b, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(201)).body as OrderView;
      await t.http().post(`/api/orders/${bOrder.id}/pay`).set(b.auth).expect(200);
      const forced = await t.http().post(`/admin/group-buy/groups/${groupId}/force`).set(admin).send({ outcome: 'fail', reason: '商品临时缺货，手动结束' }).expect(200);
      expect(forced.body).toMatchObject({ status: 'failed', closeReason: '商品临时缺货，手动结束', closedBy: expect.stringMatching(/^operator:/) });
      // B pays at the last moment, after the group failed.
      await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: bOrder.orderNo, force: true }).expect(200);
      await t.app.get(GroupSweeper).sweepOnce();
      await t.app.get(PaymentSweeper).sweepOnce(new Date(Date.now() + 6000));
      await until('B refunded', async () => (await orderOf(b, bOrder.id)).status === 'refunded');
      expect((await groupView(groupId)).members).toEqual([]);
      await t.http().post(`/admin/group-buy/groups/${groupId}/force`).set(admin).send({ outcome: 'success', reason: '再试一次' }).expect(409);
    });

    it('lets an operator force a short group to succeed, ending unpaid reservations', async () => {
      const c = await campaign({ groupSize: 3 });
      const [leader, unpaid] = await Promise.all([shopper(), shopper()]);
      const { groupId, order } = await openGroup(c, leader);
      const pending = (await place(unpaid, { campaignId: c.campaignId, skuId: c.skuId, groupId }).expect(201)).body as OrderView;
      await t.http().post(`/admin/group-buy/groups/${groupId}/force`).set(admin).send({ outcome: 'success', reason: '老顾客团，提前成团' }).expect(200);
      expect((await orderOf(leader, order.id)).status).toBe('paid');
      await t.app.get(OrderSweeper).sweepOnce();
      expect((await orderOf(unpaid, pending.id)).status).toBe('cancelled');
      const listed = (await t.http().get(`/admin/group-buy/groups?campaignId=${c.campaignId}`).set(admin).expect(200)).body.items[0];
      expect(listed).toMatchObject({ id: groupId, status: 'succeeded', closeReason: '老顾客团，提前成团', secondsLeft: 0 });
      expect(listed.members.map((m: { status: string }) => m.status)).toEqual(['paid', 'released']);
      await t.http().post(`/admin/group-buy/groups/${groupId}/force`).set(admin).send({ outcome: 'fail', reason: 'x' }).expect(400);
    });

    it('gives back the SKU stock, the campaign units and the quota when a member of a succeeded group is refunded before shipping', async () => {
      const c = await campaign({ groupSize: 2, perUserLimit: 2 });
      const [leader, b] = await Promise.all([shopper(), shopper()]);
      const { groupId } = await openGroup(c, leader);
      const bOrder = (await place(b, { campaignId: c.campaignId, skuId: c.skuId, groupId, quantity: 2 }).expect(201)).body as OrderView;
      await pay(b, bOrder.id);
      expect(await groupView(groupId)).toMatchObject({ status: 'succeeded' });
      expect((await orderOf(b, bOrder.id)).status).toBe('paid');
      expect((await t.factory.sku(c.skuId)).stock).toBe(97);
      expect((await repo(GroupBuyCampaign).findOneByOrFail({ id: c.campaignId })).stockLeft).toBe(47);
      // B is at the limit: another order is refused.
      expect((await place(b, { campaignId: c.campaignId, skuId: c.skuId }).expect(409)).body.code).toBe('PURCHASE_LIMIT_EXCEEDED');

      const applied = await t.http().post(`/api/orders/${bOrder.id}/refunds`).set(b.auth).send({ type: 'refund_only', reason: '不想要了' }).expect(201);
      await t.http().post(`/admin/refunds/${applied.body.id}/approve`).set(admin).send({}).expect(200);
      await until('B refunded', async () => (await orderOf(b, bOrder.id)).status === 'refunded');
      expect((await t.factory.sku(c.skuId)).stock).toBe(99);
      expect((await repo(GroupBuyCampaign).findOneByOrFail({ id: c.campaignId })).stockLeft).toBe(49);
      // The quota came back with the units: B may buy two more.
      await place(b, { campaignId: c.campaignId, skuId: c.skuId, quantity: 2 }).expect(201);
    });
  });

  describe('authorization', () => {
    it("refuses another shopper's group order and shows each shopper only their own groups", async () => {
      const c = await campaign();
      const [leader, stranger] = await Promise.all([shopper(), shopper()]);
      const { groupId, order } = await openGroup(c, leader);
      expect((await t.http().get(`/api/orders/${order.id}`).set(stranger.auth).expect(404)).body.code).toBe('ORDER_NOT_FOUND');
      await t.http().post(`/api/orders/${order.id}/pay`).set(stranger.auth).expect(404);
      await t.http().post(`/api/orders/${order.id}/cancel`).set(stranger.auth).send({}).expect(404);
      expect((await t.http().get('/api/group-buy/mine').set(stranger.auth).expect(200)).body.total).toBe(0);
      expect((await groupView(groupId, stranger)).mine).toBeNull();
      await t.http().get('/api/group-buy/mine').expect(401);
      await t.http().post('/api/group-buy/orders').send({}).expect(401);
    });
  });
});
