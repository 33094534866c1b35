import { chinaDate, type OrderView } from '@linli/shared';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { User } from '../../server/src/modules/auth/entities/user.entity';
import { CommunityCampaign } from '../../server/src/modules/community/entities/community.entities';
import { Order } from '../../server/src/modules/orders/entities/order.entity';
import { OrdersService } from '../../server/src/modules/orders/orders.service';
import { Refund } from '../../server/src/modules/payments/entities/refund.entity';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Community campaigns: cut-off, batches and pick lists, arrival with shortages refunded once. */
describe('community campaigns', () => {
  let t: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.loginAdmin();
  });
  afterAll(() => t.close());

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);

  async function storeWithLeader() {
    const store = (await t.http().post('/admin/community/stores').set(admin).send({ name: `社区店${Math.random().toString(36).slice(2, 6)}`, address: '杭州市西湖区文三路1号', district: '西湖区', latitude: 30.28, longitude: 120.14, hours: '08:00-21:00', phone: '0571-88888888' }).expect(201)).body as { id: number };
    const leader = await t.loginShopper();
    await t.http().put(`/admin/community/stores/${store.id}/leader`).set(admin).send({ userId: leader.userId }).expect(200);
    return { storeId: store.id, leader };
  }

  async function shopper(nickname: string): Promise<Shopper> {
    const s = await t.loginShopper();
    await repo(User).update({ id: s.userId }, { nickname });
    return s;
  }

  /** Two SKUs (¥30 and ¥10 base) sold at ¥20 and ¥8 until `cutoffInMs`. */
  async function campaign(opts: { storeIds?: number[]; cutoffInMs?: number; stock?: number; perUserLimit?: number } = {}) {
    const p = await t.factory.product({ skus: [{ price: 3000, stock: 500 }, { price: 1000, stock: 500 }] });
    const [a, b] = p.skus.map((s) => s.id);
    const now = Date.now();
    const body = (await t.http().post('/admin/community/campaigns').set(admin).send({
      title: '明日鲜果', startsAt: new Date(now - 60_000).toISOString(), cutoffAt: new Date(now + (opts.cutoffInMs ?? 3_600_000)).toISOString(), pickupDate: chinaDate(new Date(Date.now() + 2 * 86_400_000)),
      storeIds: opts.storeIds, items: [{ skuId: a, price: 2000, stock: opts.stock ?? 100, perUserLimit: opts.perUserLimit ?? 10 }, { skuId: b, price: 800, stock: 100, perUserLimit: 10 }],
    }).expect(201)).body as { id: number; cutoffAt: string };
    return { id: body.id, a, b, cutoffAt: new Date(body.cutoffAt) };
  }

  const buy = (s: Shopper, body: Record<string, unknown>) => t.http().post('/api/community/orders').set(s.auth).send({ quantity: 1, ...body });

  async function pay(s: Shopper, o: { id: number; orderNo: string }): Promise<void> {
    await t.http().post(`/api/orders/${o.id}/pay`).set(s.auth).expect(200);
    await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: o.orderNo }).expect(200);
  }

  async function closeNow(campaignId: number): Promise<void> {
    await repo(CommunityCampaign).update({ id: campaignId }, { cutoffAt: new Date(Date.now() - 1000) });
  }

  async function refundsSettled(orderIds: number[]): Promise<Refund[]> {
    for (let i = 0; i < 100; i++) {
      const rs = await repo(Refund).createQueryBuilder('r').where('r.orderId IN (:...ids)', { ids: orderIds }).getMany();
      if (rs.every((r) => r.status === 'succeeded')) return rs;
      await sleep(50);
    }
    throw new Error('refunds did not settle');
  }

  it('sells at the campaign price for pickup with no freight, to the stores it names, until the cut-off; unpaid orders expire at the cut-off', async () => {
    const { storeId } = await storeWithLeader();
    const other = await storeWithLeader();
    const c = await campaign({ storeIds: [storeId], cutoffInMs: 5 * 60_000 });
    const alice = await shopper('艾丽丝');
    const o = (await buy(alice, { campaignId: c.id, skuId: c.a, quantity: 2, storeId }).expect(201)).body as OrderView;
    expect(o).toMatchObject({ kind: 'community', fulfilment: 'pickup', address: null, freight: 0, total: 4000, pickupStore: { id: storeId } });
    // The order must be paid by the cut-off (sooner than the usual timeout here).
    expect(new Date(o.payDeadline).getTime()).toBeLessThanOrEqual(c.cutoffAt.getTime());
    expect(new Date(o.payDeadline).getTime()).toBeGreaterThan(Date.now());
    // A store the campaign does not name, an unknown SKU, over the limit.
    expect((await buy(alice, { campaignId: c.id, skuId: c.a, storeId: other.storeId }).expect(404)).body.code).toBe('PICKUP_STORE_NOT_FOUND');
    await buy(alice, { campaignId: c.id, skuId: 999999, storeId }).expect(404);
    expect((await buy(alice, { campaignId: c.id, skuId: c.a, quantity: 9, storeId }).expect(409)).body.code).toBe('PURCHASE_LIMIT_EXCEEDED');
    // Bad input: 400, nothing written.
    for (const bad of [{ quantity: 0 }, { quantity: 'two' }, { storeId: -1 }, { campaignId: null }]) await buy(alice, { campaignId: c.id, skuId: c.a, storeId, ...bad }).expect(400);

    // After the cut-off nothing is sold, and the unpaid order expires at it.
    await closeNow(c.id);
    expect((await buy(alice, { campaignId: c.id, skuId: c.b, storeId }).expect(409)).body.code).toBe('CAMPAIGN_CLOSED');
    await t.app.get(OrdersService).expireUnpaid(new Date(c.cutoffAt.getTime() + 1000));
    expect((await repo(Order).findOneByOrFail({ id: o.id })).status).toBe('cancelled');
    // Its units and quota came back.
    const view = (await t.http().get(`/api/community/campaigns/${c.id}`).expect(200)).body as { phase: string; items: { skuId: number; left: number }[] };
    expect(view.phase).toBe('closed');
    expect(view.items.find((i) => i.skuId === c.a)!.left).toBe(100);
  });

  it('refuses a pickup date that is not a calendar day or falls before the cut-off day, and creates nothing', async () => {
    const p = await t.factory.product({ skus: [{ price: 3000, stock: 50 }] });
    const before = await repo(CommunityCampaign).count();
    const cutoffAt = new Date(Date.now() + 3 * 86_400_000);
    for (const pickupDate of ['2026-02-30', '2026-13-01', chinaDate(new Date(cutoffAt.getTime() - 86_400_000))]) {
      const res = await t.http().post('/admin/community/campaigns').set(admin).send({
        title: '日期不对', startsAt: new Date().toISOString(), cutoffAt: cutoffAt.toISOString(), pickupDate, items: [{ skuId: p.skus[0].id, price: 2000, stock: 10, perUserLimit: 1 }],
      }).expect(400);
      expect(res.body).toMatchObject({ code: 'CAMPAIGN_INVALID', message: expect.stringContaining('提货日期') });
    }
    expect(await repo(CommunityCampaign).count()).toBe(before);
  });

  it('never sells more than the campaign stock under parallel orders', async () => {
    const { storeId } = await storeWithLeader();
    const c = await campaign({ stock: 5 });
    const buyers = await Promise.all(Array.from({ length: 12 }, (_, i) => shopper(`买家${i}`)));
    const results = await Promise.all(buyers.map((s) => buy(s, { campaignId: c.id, skuId: c.a, storeId })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.code === 'PROMOTION_STOCK_OUT')).toBe(true);
  });

  it('batches paid orders per store after the cut-off; the pick list totals equal the paid orders; CSV and printable page', async () => {
    const s1 = await storeWithLeader();
    const s2 = await storeWithLeader();
    const c = await campaign();
    const [alice, bob, carol] = [await shopper('艾丽丝'), await shopper('鲍勃'), await shopper('卡罗尔')];
    const paid: { s: Shopper; o: OrderView }[] = [];
    for (const [s, storeId, sku, q] of [[alice, s1.storeId, c.a, 2], [bob, s1.storeId, c.a, 3], [bob, s1.storeId, c.b, 1], [carol, s2.storeId, c.b, 4]] as const) {
      const o = (await buy(s, { campaignId: c.id, skuId: sku, quantity: q, storeId }).expect(201)).body as OrderView;
      await pay(s, o);
      paid.push({ s, o });
    }
    // Unpaid and cancelled orders are not delivered.
    await buy(carol, { campaignId: c.id, skuId: c.a, quantity: 1, storeId: s1.storeId }).expect(201);
    const cancelled = (await buy(alice, { campaignId: c.id, skuId: c.b, quantity: 2, storeId: s1.storeId }).expect(201)).body as OrderView;
    await t.http().post(`/api/orders/${cancelled.id}/cancel`).set(alice.auth).send({}).expect(200);

    expect((await t.http().post(`/admin/community/campaigns/${c.id}/batches`).set(admin).expect(409)).body.code).toBe('CAMPAIGN_STILL_SELLING');
    await closeNow(c.id);
    const batches = (await t.http().post(`/admin/community/campaigns/${c.id}/batches`).set(admin).expect(200)).body as { id: number; storeId: number; status: string; orderCount: number; totals: { skuId: number; quantity: number }[] }[];
    // Repeating changes nothing.
    expect((await t.http().post(`/admin/community/campaigns/${c.id}/batches`).set(admin).expect(200)).body).toEqual(batches);
    expect(batches.map((b) => [b.storeId, b.status, b.orderCount])).toEqual([[s1.storeId, 'pending', 3], [s2.storeId, 'pending', 1]].sort((x, y) => Number(x[0]) - Number(y[0])));

    const paidLines = await Promise.all(paid.map(({ s, o }) => t.http().get(`/api/orders/${o.id}`).set(s.auth).then((r) => ({ storeId: (r.body as OrderView).pickupStore!.id, lines: (r.body as OrderView).lines }))));
    for (const b of batches) {
      const expected = new Map<number, number>();
      for (const p of paidLines.filter((x) => x.storeId === b.storeId)) for (const l of p.lines) expected.set(l.skuId, (expected.get(l.skuId) ?? 0) + l.quantity);
      expect(Object.fromEntries(b.totals.map((x) => [x.skuId, x.quantity]))).toEqual(Object.fromEntries(expected));
    }

    const s1Batch = batches.find((b) => b.storeId === s1.storeId)!;
    const list = (await t.http().get(`/admin/community/batches/${s1Batch.id}/pick-list`).set(admin).expect(200)).body as { orders: { orderNo: string; buyer: string }[] };
    expect(list.orders).toHaveLength(3);
    expect(list.orders.map((o) => o.buyer)).toEqual(expect.arrayContaining(['艾**', '鲍**']));
    expect(JSON.stringify(list)).not.toContain('艾丽丝');
    const csv = await t.http().get(`/admin/community/batches/${s1Batch.id}/pick-list/csv`).set(admin).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('"5"');
    const html = await t.http().get(`/admin/community/batches/${s1Batch.id}/pick-list/html`).set(admin).expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('配货单');

    // Shoppers and leaders cannot read pick lists.
    await t.http().get(`/admin/community/batches/${s1Batch.id}/pick-list`).set(s1.leader.auth).expect(401);
    await t.http().post(`/admin/community/campaigns/${c.id}/batches`).set(alice.auth).expect(401);
  });

  it('moves a batch 待配送 → 配送中 → 已到店; the arrival refunds exactly the short lines, once, and readies the rest', async () => {
    const mine = await storeWithLeader();
    const theirs = await storeWithLeader();
    const c = await campaign();
    const [alice, bob, carol] = [await shopper('艾丽丝'), await shopper('鲍勃'), await shopper('卡罗尔')];
    const orders: { s: Shopper; o: OrderView }[] = [];
    // Paid in this order: alice 2×A, bob 1×A, carol 1×B.
    for (const [s, sku, q] of [[alice, c.a, 2], [bob, c.a, 1], [carol, c.b, 1]] as const) {
      const o = (await buy(s, { campaignId: c.id, skuId: sku, quantity: q, storeId: mine.storeId }).expect(201)).body as OrderView;
      await pay(s, o);
      orders.push({ s, o });
    }
    await closeNow(c.id);
    const [batch] = (await t.http().post(`/admin/community/campaigns/${c.id}/batches`).set(admin).expect(200)).body as { id: number }[];
    const arrive = (who: Shopper, shortages: { skuId: number; quantity: number }[]) => t.http().post(`/api/community/leader/batches/${batch.id}/arrive`).set(who.auth).send({ shortages });

    expect((await arrive(mine.leader, []).expect(409)).body.code).toBe('BATCH_STATE_INVALID');
    await t.http().post(`/admin/community/batches/${batch.id}/ship`).set(admin).expect(200);
    await t.http().post(`/admin/community/batches/${batch.id}/ship`).set(admin).expect(409);
    // Another store's leader, a shopper, bad input.
    expect((await arrive(theirs.leader, []).expect(404)).body.code).toBe('BATCH_NOT_FOUND');
    await arrive(alice, []).expect(403);
    await t.http().post(`/api/community/leader/batches/${batch.id}/arrive`).set(mine.leader.auth).send({ shortages: [{ skuId: c.a, quantity: -1 }] }).expect(400);
    expect((await arrive(mine.leader, [{ skuId: c.a, quantity: 4 }]).expect(400)).body.code).toBe('SHORTAGE_INVALID');

    // 2 units of A short and all of B: the latest A buyer (bob, 1) loses his whole order, alice loses 1 of 2; carol's order is wholly short.
    const shortages = [{ skuId: c.a, quantity: 2 }, { skuId: c.b, quantity: 1 }];
    const both = await Promise.all([arrive(mine.leader, shortages), arrive(mine.leader, shortages)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const arrived = both.find((r) => r.status === 200)!.body;
    expect(arrived).toMatchObject({ status: 'arrived', shortages });

    const refunds = await refundsSettled(orders.map((x) => x.o.id));
    expect(refunds).toHaveLength(3);
    const byOrder = (id: number) => refunds.filter((r) => r.orderId === id);
    expect(byOrder(orders[0].o.id).map((r) => r.amount)).toEqual([2000]);
    expect(byOrder(orders[1].o.id).map((r) => r.amount)).toEqual([2000]);
    expect(byOrder(orders[2].o.id).map((r) => r.amount)).toEqual([800]);
    expect(refunds.every((r) => r.source === 'shortage')).toBe(true);

    const status = async (i: number) => ((await t.http().get(`/api/orders/${orders[i].o.id}`).set(orders[i].s.auth).expect(200)).body as OrderView).status;
    expect([await status(0), await status(1), await status(2)]).toEqual(['ready_for_pickup', 'refunded', 'refunded']);
    // Alice's remaining unit can be picked up: her partial shortage refund does not hold it back.
    const code = (await t.http().get(`/api/community/orders/${orders[0].o.id}/pickup`).set(alice.auth).expect(200)).body.code as string;
    await t.http().post('/api/community/leader/verify').set(mine.leader.auth).send({ code }).expect(200);
    // A refunded order's code is refused.
    const bobCode = (await t.http().get(`/api/community/orders/${orders[1].o.id}/pickup`).set(bob.auth).expect(200)).body.code as string;
    expect((await t.http().post('/api/community/leader/verify').set(mine.leader.auth).send({ code: bobCode }).expect(409)).body.code).toBe('PICKUP_NOT_READY');
    // Arriving again refunds nothing more.
    await arrive(mine.leader, shortages).expect(409);
    expect(await repo(Refund).createQueryBuilder('r').where('r.orderId IN (:...ids)', { ids: orders.map((x) => x.o.id) }).getCount()).toBe(3);
    const leaderView = (await t.http().get('/api/community/leader/batches').set(mine.leader.auth).expect(200)).body as { id: number }[];
    expect(leaderView.map((b) => b.id)).toContain(batch.id);
    expect((await t.http().get('/api/community/leader/batches').set(theirs.leader.auth).expect(200)).body.map((b: { id: number }) => b.id)).not.toContain(batch.id);
  });

  it('pays the leader commission on the store\'s pickup orders through the ledger (campaign rate), settles the clock on pickup, reverses on refund', async () => {
    const { storeId, leader } = await storeWithLeader();
    const p = await t.factory.product({ skus: [{ price: 3000, stock: 50 }] });
    const now = Date.now();
    const c = (await t.http().post('/admin/community/campaigns').set(admin).send({
      title: '佣金活动', startsAt: new Date(now - 60_000).toISOString(), cutoffAt: new Date(now + 3_600_000).toISOString(), pickupDate: chinaDate(new Date(Date.now() + 2 * 86_400_000)),
      commissionRateBps: 1000, items: [{ skuId: p.skus[0].id, price: 2000, stock: 100, perUserLimit: 10 }],
    }).expect(201)).body as { id: number };
    const [alice, bob] = [await shopper('艾丽丝'), await shopper('鲍勃')];
    const kept = (await buy(alice, { campaignId: c.id, skuId: p.skus[0].id, quantity: 2, storeId }).expect(201)).body as OrderView;
    const refunded = (await buy(bob, { campaignId: c.id, skuId: p.skus[0].id, quantity: 1, storeId }).expect(201)).body as OrderView;
    await pay(alice, kept);
    await pay(bob, refunded);
    // The leader buying at their own store earns nothing on it.
    const own = (await buy(leader, { campaignId: c.id, skuId: p.skus[0].id, quantity: 1, storeId }).expect(201)).body as OrderView;
    await pay(leader, own);

    const me = async () => (await t.http().get('/api/distributor').set(leader.auth).expect(200)).body as { status: string; pending: number; reversed: number };
    expect(await me()).toMatchObject({ status: 'approved', pending: 400 + 200, reversed: 0 });
    const ledger = async () => (await t.http().get('/api/distributor/ledger').set(leader.auth).expect(200)).body.items as { kind: string; state: string; amount: number; level: number; orderNo: string; settleAfter: string | null }[];
    expect((await ledger()).filter((e) => e.kind === 'commission').map((e) => [e.orderNo, e.amount, e.level]).sort()).toEqual([[kept.orderNo, 400, 0], [refunded.orderNo, 200, 0]].sort());
    // Another shopper and another leader see none of it.
    const other = await storeWithLeader();
    expect((await t.http().get('/api/distributor/ledger').set(other.leader.auth).expect(200)).body.items).toEqual([]);

    await t.http().post(`/admin/orders/${kept.id}/ready-for-pickup`).set(admin).expect(200);
    await t.http().post(`/admin/orders/${refunded.id}/ready-for-pickup`).set(admin).expect(200);
    // Picked up: the settle clock starts.
    const code = (await t.http().get(`/api/community/orders/${kept.id}/pickup`).set(alice.auth).expect(200)).body.code as string;
    await t.http().post('/api/community/leader/verify').set(leader.auth).send({ code }).expect(200);
    expect((await ledger()).find((e) => e.orderNo === kept.orderNo && e.kind === 'commission')!.settleAfter).not.toBeNull();
    // Bob's order refunded whole: his commission is reversed.
    const r = (await t.http().post(`/api/orders/${refunded.id}/refunds`).set(bob.auth).send({ type: 'refund_only', reason: '不要了' }).expect(201)).body as { id: number };
    await t.http().post(`/admin/refunds/${r.id}/approve`).set(admin).expect(200);
    await refundsSettled([refunded.id]);
    expect(await me()).toMatchObject({ pending: 400, reversed: 200 });
    expect((await ledger()).filter((e) => e.kind === 'reversal').map((e) => [e.orderNo, e.amount])).toEqual([[refunded.orderNo, -200]]);
  });
  it('shares a campaign by the server\'s code: the code resolves to the campaign and the store it opens with; an unknown campaign is refused', async () => {
    const { storeId, leader } = await storeWithLeader();
    const { storeId: other } = await storeWithLeader();
    const c = await campaign({ storeIds: [other, storeId] });
    const share = (s: Shopper, targetId: number) => t.http().post('/api/shares').set(s.auth).send({ target: 'campaign', targetId, channel: 'chat' });
    // The leader's own store, when the campaign sells there.
    const { body: mine } = await share(leader, c.id).expect(201);
    expect(mine.path).toBe(`/packages/community/campaign/index?id=${c.id}&s=${mine.code}`);
    expect((await t.http().get(`/api/shares/${mine.code}`).expect(200)).body).toEqual({ target: 'campaign', targetId: c.id, storeId });
    // A shopper's share: the first open store the campaign names; an all-stores campaign leaves the choice to the visitor.
    const fan = await shopper('小李');
    const { body: fans } = await share(fan, c.id).expect(201);
    expect((await t.http().get(`/api/shares/${fans.code}`).expect(200)).body).toEqual({ target: 'campaign', targetId: c.id, storeId: other });
    const everywhere = await campaign();
    const { body: open } = await share(fan, everywhere.id).expect(201);
    expect((await t.http().get(`/api/shares/${open.code}`).expect(200)).body).toEqual({ target: 'campaign', targetId: everywhere.id, storeId: null });
    // The store the sharer was viewing rides on the share and wins over the fallbacks.
    const fromStore = (await t.http().post('/api/shares').set(fan.auth).send({ target: 'campaign', targetId: everywhere.id, channel: 'poster', storeId }).expect(201)).body;
    expect((await t.http().get(`/api/shares/${fromStore.code}`).expect(200)).body).toEqual({ target: 'campaign', targetId: everywhere.id, storeId });
    const { body: leaderFromOther } = await t.http().post('/api/shares').set(leader.auth).send({ target: 'campaign', targetId: c.id, channel: 'chat', storeId: other }).expect(201);
    expect((await t.http().get(`/api/shares/${leaderFromOther.code}`).expect(200)).body.storeId).toBe(other);
    // A store the campaign does not sell at, an unknown store, or a store on another target is refused and writes nothing.
    const { storeId: elsewhere } = await storeWithLeader();
    const count = async () => (await t.http().get('/api/distributor/shares').set(fan.auth).expect(200)).body.total as number;
    const sharesBefore = await count();
    expect((await t.http().post('/api/shares').set(fan.auth).send({ target: 'campaign', targetId: c.id, channel: 'chat', storeId: elsewhere }).expect(404)).body.code).toBe('PICKUP_STORE_NOT_FOUND');
    expect((await t.http().post('/api/shares').set(fan.auth).send({ target: 'campaign', targetId: c.id, channel: 'chat', storeId: 999_999 }).expect(404)).body.code).toBe('PICKUP_STORE_NOT_FOUND');
    expect((await t.http().post('/api/shares').set(fan.auth).send({ target: 'store', targetId: storeId, channel: 'chat', storeId }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await t.http().post('/api/shares').set(fan.auth).send({ target: 'campaign', targetId: c.id, channel: 'chat', storeId: 'x' }).expect(400);
    expect(await count()).toBe(sharesBefore);
    // Other targets name no store.
    const { body: storeShare } = await t.http().post('/api/shares').set(fan.auth).send({ target: 'store', targetId: storeId, channel: 'chat' }).expect(201);
    expect((await t.http().get(`/api/shares/${storeShare.code}`).expect(200)).body.storeId).toBeNull();
    // An unknown campaign is refused and writes nothing; a forged code resolves to nothing.
    const before = (await t.http().get('/api/distributor/shares').set(fan.auth).expect(200)).body.total;
    expect((await share(fan, 999_999).expect(404)).body.code).toBe('SHARE_TARGET_NOT_FOUND');
    expect((await t.http().get('/api/distributor/shares').set(fan.auth).expect(200)).body.total).toBe(before);
    expect((await t.http().get(`/api/shares/${mine.code.slice(0, -1)}${mine.code.endsWith('A') ? 'B' : 'A'}`).expect(404)).body.code).toBe('SHARE_TARGET_NOT_FOUND');
    // The card shows the campaign.
    const card = await t.http().get(`/api/shares/${mine.code}/card`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((card.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
  });
});
