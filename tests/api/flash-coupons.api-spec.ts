import type { FlashPurchaseView, OrderPreviewView, OrderView } from '@linli/shared';
import Redis from 'ioredis';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { UserCoupon } from '../../server/src/modules/coupons/entities/coupon.entity';
import { FlashReservation } from '../../server/src/modules/flash-sale/entities/flash.entity';
import { OrderEventRecord } from '../../server/src/modules/orders/entities/order-event.entity';
import { Order } from '../../server/src/modules/orders/entities/order.entity';
import { OrderSweeper } from '../../server/src/modules/orders/order-sweeper';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const REDIS_DB = Number(process.env.TEST_REDIS_DB ?? 7);
const REDIS_URL = `redis://127.0.0.1:6379/${REDIS_DB}`;

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

type Buyer = Shopper & { addressId: number };

/** Coupons on flash-sale orders (issue 13): the slot's rule, the coupon's rule, the lock with the order, the way back. */
describe.each(['database', 'redis'] as const)('coupons on flash-sale orders (%s path)', (mode) => {
  let t: TestApp;
  let admin: { Authorization: string };
  let redis: Redis | null = null;
  let skip = false;

  beforeAll(async () => {
    if (mode === 'redis') {
      if (!(await redisReachable())) {
        if (process.env.CI && process.env.CI !== 'false') throw new Error(`CI: Redis is not reachable at ${REDIS_URL}`);
        skip = true;
        return;
      }
      redis = new Redis(REDIS_URL);
      await redis.flushdb();
    }
    t = await startTestApp({ FLASH_PAY_TIMEOUT_SECONDS: '30', RATE_LIMIT_FLASH_PER_MINUTE: '100000', RATE_LIMIT_FLASH_IP_PER_MINUTE: '1000000', ...(redis ? { REDIS_URL } : {}) });
    admin = await t.loginAdmin();
  });
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await redis?.flushdb();
    redis?.disconnect();
  });

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);
  const live = (itemId: number) => t.http().get(`/admin/flash-sale/items/${itemId}/live`).set(admin).expect(200).then((r) => r.body);

  async function buyer(): Promise<Buyer> {
    const s = await t.loginShopper();
    return { ...s, addressId: (await t.factory.address(s.userId)).id };
  }

  /** A live slot with one item: ¥50 SKU at ¥9.90. */
  async function flashItem(opts: { acceptsCoupons?: boolean; stock?: number; perUserLimit?: number } = {}) {
    const product = await t.factory.product({ skus: [{ price: 5000, stock: 1000 }] });
    const startsAt = new Date(Date.now() - 60_000);
    const slot = (await t.http().post('/admin/flash-sale/slots').set(admin)
      .send({ title: '10:00场', startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), ...(opts.acceptsCoupons !== undefined ? { acceptsCoupons: opts.acceptsCoupons } : {}) }).expect(201)).body;
    const withItem = (await t.http().post(`/admin/flash-sale/slots/${slot.id}/items`).set(admin)
      .send({ skuId: product.skus[0].id, flashPrice: 990, stock: opts.stock ?? 10, perUserLimit: opts.perUserLimit ?? 5 }).expect(201)).body;
    return { slotId: slot.id as number, itemId: withItem.items[0].id as number, acceptsCoupons: slot.acceptsCoupons as boolean };
  }

  /** A 无门槛 coupon template of `amount` fen, claimed by `s`; its coupon id. */
  async function couponFor(s: Shopper, amount: number, combineFlash: boolean): Promise<number> {
    const { body: tpl } = await t.http().post('/admin/coupons/templates').set(admin)
      .send({ title: `无门槛${amount / 100}元`, type: 'no_threshold', amount, validity: 'relative', validDays: 7, total: 100, perUserLimit: 5, combineFlash }).expect(201);
    await t.http().post('/api/coupons/claims').set(s.auth).send({ templateId: tpl.id }).expect(201);
    return (await repo(UserCoupon).findOneByOrFail({ userId: s.userId, templateId: tpl.id })).id;
  }

  const preview = (b: Buyer, itemId: number, extra: Record<string, unknown> = {}) =>
    t.http().post('/api/flash-sale/preview').set(b.auth).send({ itemId, quantity: 1, ...extra });

  const purchase = (b: Buyer, itemId: number, extra: Record<string, unknown> = {}) =>
    fetch(`${t.url}/api/flash-sale/purchases`, { method: 'POST', headers: { ...b.auth, 'content-type': 'application/json' }, body: JSON.stringify({ itemId, quantity: 1, addressId: b.addressId, ...extra }) })
      .then(async (r) => ({ status: r.status, body: (await r.json()) as FlashPurchaseView & { code?: string; message?: string } }));

  async function outcome(b: Buyer, p: FlashPurchaseView): Promise<FlashPurchaseView> {
    for (let i = 0; i < 200 && p.status === 'queued'; i++) {
      await sleep(50);
      p = (await t.http().get(`/api/flash-sale/purchases/${p.purchaseId}`).set(b.auth).expect(200)).body;
    }
    return p;
  }

  async function drained(itemId: number, expect: number): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const l = await live(itemId);
      if (l.sold + l.rejected >= expect && (!l.redis || (l.redis.queued === 0 && l.redis.pending === 0))) return;
      if (Date.now() > deadline) throw new Error(`not drained: ${JSON.stringify(l)}`);
      await sleep(50);
    }
  }

  it('slots take no coupon unless the operator says so; the preview lists usable and unusable coupons and picks the best', async () => {
    if (skip) return;
    const closed = await flashItem();
    expect(closed.acceptsCoupons).toBe(false);
    const open = await flashItem({ acceptsCoupons: true });
    const b = await buyer();
    const small = await couponFor(b, 200, true);
    const big = await couponFor(b, 300, true);
    const notFlash = await couponFor(b, 500, false);

    const best = (await preview(b, open.itemId).expect(200)).body as OrderPreviewView;
    expect(best).toMatchObject({ subtotal: 990, discount: 300, freight: 0, total: 690, lines: [{ unitPrice: 990, netAmount: 690 }] });
    expect(best.coupons).toMatchObject({ bestId: big, selectedId: big });
    expect(best.coupons!.usable.map((c) => c.id).sort()).toEqual([small, big].sort());
    expect(best.coupons!.unusable).toEqual([expect.objectContaining({ id: notFlash, reason: '不适用于秒杀商品' })]);
    expect((await preview(b, open.itemId, { couponId: small }).expect(200)).body).toMatchObject({ total: 790, coupons: { selectedId: small } });
    expect((await preview(b, open.itemId, { couponId: null }).expect(200)).body).toMatchObject({ total: 990, discount: 0, coupons: { selectedId: null } });

    const none = (await preview(b, closed.itemId).expect(200)).body as OrderPreviewView;
    expect(none).toMatchObject({ total: 990, coupons: { selectedId: null, bestId: null, usable: [] } });
    expect(none.coupons!.unusable.find((c) => c.id === big)).toMatchObject({ reason: '本场秒杀不可用券' });

    // The operator may switch coupons on for a running slot; the next preview follows.
    const patched = (await t.http().patch(`/admin/flash-sale/slots/${closed.slotId}`).set(admin).send({ acceptsCoupons: true }).expect(200)).body;
    expect(patched.acceptsCoupons).toBe(true);
    expect((await preview(b, closed.itemId).expect(200)).body).toMatchObject({ total: 690 });
    // Times still cannot move once the slot runs.
    await t.http().patch(`/admin/flash-sale/slots/${closed.slotId}`).set(admin).send({ title: '改名' }).expect(409);
    expect((await t.http().get('/api/flash-sale/slots').set(b.auth).expect(200)).body.find((s: { id: number }) => s.id === open.slotId)).toMatchObject({ acceptsCoupons: true });
  });

  it('writes the order at the flash price less the coupon, locks the coupon with it, and gives both back once when a cancel and the sweep race', async () => {
    if (skip) return;
    const { itemId } = await flashItem({ acceptsCoupons: true, stock: 5 });
    const b = await buyer();
    const couponId = await couponFor(b, 300, true);
    for (let round = 0; round < 2; round++) {
      const answer = await purchase(b, itemId, { couponId });
      expect(answer.status).toBe(mode === 'redis' ? 202 : 201);
      const done = await outcome(b, answer.body);
      expect(done).toMatchObject({ status: 'confirmed', orderId: expect.any(Number) });
      const order = (await t.http().get(`/api/orders/${done.orderId}`).set(b.auth).expect(200)).body as OrderView;
      expect(order).toMatchObject({ kind: 'flash', subtotal: 990, discount: 300, freight: 0, total: 690, lines: [{ unitPrice: 990, netAmount: 690 }] });
      expect(await repo(UserCoupon).findOneByOrFail({ id: couponId })).toMatchObject({ status: 'locked', orderId: done.orderId, discount: 300 });

      await repo(Order).update({ id: done.orderId! }, { payDeadline: new Date(Date.now() - 1000) });
      const [cancel] = await Promise.all([
        t.http().post(`/api/orders/${done.orderId}/cancel`).set(b.auth).send({}),
        t.app.get(OrderSweeper).sweepOnce(),
        t.app.get(OrderSweeper).sweepOnce(),
      ]);
      expect([200, 409]).toContain(cancel.status);
      expect(await repo(OrderEventRecord).countBy({ orderId: done.orderId!, toStatus: 'cancelled' })).toBe(1);
      expect(await repo(UserCoupon).findOneByOrFail({ id: couponId })).toMatchObject({ status: 'unused', orderId: null, discount: 0 });
      expect(await live(itemId)).toMatchObject({ left: 5, reserved: 0 });
    }
  });

  it('marks the coupon used when the flash order is paid, and counts it in the template\'s ROI', async () => {
    if (skip) return;
    const { itemId } = await flashItem({ acceptsCoupons: true, stock: 2 });
    const b = await buyer();
    const couponId = await couponFor(b, 300, true);
    const done = await outcome(b, (await purchase(b, itemId, { couponId })).body);
    const order = (await t.http().get(`/api/orders/${done.orderId}`).set(b.auth).expect(200)).body as OrderView;
    await t.http().post(`/api/orders/${order.id}/pay`).set(b.auth).expect(200);
    await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: order.orderNo }).expect(200);
    for (let i = 0; i < 100 && (await repo(Order).findOneByOrFail({ id: order.id })).status === 'pending_payment'; i++) await sleep(50);
    expect(await repo(UserCoupon).findOneByOrFail({ id: couponId })).toMatchObject({ status: 'used', orderId: order.id, discount: 300 });
    const templateId = (await repo(UserCoupon).findOneByOrFail({ id: couponId })).templateId;
    expect((await t.http().get(`/admin/coupons/templates/${templateId}`).set(admin).expect(200)).body.roi).toMatchObject({ used: 1, discountGiven: 300, sales: 690 });
  });

  it('refuses another shopper\'s coupon (404), an unusable one (409) and a client discount (400) before reserving anything', async () => {
    if (skip) return;
    const { itemId } = await flashItem({ acceptsCoupons: true, stock: 3 });
    const [b, other] = [await buyer(), await buyer()];
    const theirs = await couponFor(other, 300, true);
    const notFlash = await couponFor(b, 300, false);
    const foreign = await purchase(b, itemId, { couponId: theirs });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'COUPON_NOT_FOUND']);
    const unusable = await purchase(b, itemId, { couponId: notFlash });
    expect([unusable.status, unusable.body.code]).toEqual([409, 'COUPON_UNUSABLE']);
    expect(unusable.body.message).toContain('不适用于秒杀商品');
    expect((await purchase(b, itemId, { couponId: notFlash, discount: 300 })).status).toBe(400);
    await t.http().post('/api/flash-sale/preview').set(b.auth).send({ itemId, quantity: 1, couponId: theirs }).expect(404);
    await t.http().post('/api/flash-sale/preview').set(b.auth).send({ itemId, quantity: 1, discount: 300 }).expect(400);
    expect(await live(itemId)).toMatchObject({ left: 3, reserved: 0, rejected: 0 });
    if (mode === 'redis') expect((await live(itemId)).redis?.left ?? 3).toBe(3);
    expect(await repo(UserCoupon).findOneByOrFail({ id: theirs })).toMatchObject({ status: 'unused' });
  });

  it('locks one coupon for one order when a shopper sends five purchases with it at once; the others fail and take no unit', async () => {
    if (skip) return;
    const { itemId } = await flashItem({ acceptsCoupons: true, stock: 10, perUserLimit: 5 });
    const b = await buyer();
    const couponId = await couponFor(b, 300, true);
    const answers = await Promise.all(Array.from({ length: 5 }, () => purchase(b, itemId, { couponId })));
    const outcomes = await Promise.all(answers.map(async (a) => (a.status < 300 ? outcome(b, a.body) : { status: 'failed', code: a.body.code, reason: a.body.message })));
    const confirmed = outcomes.filter((o) => o.status === 'confirmed') as FlashPurchaseView[];
    expect(confirmed).toHaveLength(1);
    // Refused for the coupon, never written at the full flash price.
    const failed = outcomes.filter((o) => o.status === 'failed');
    expect(failed).toHaveLength(4);
    // Refused on the lane or in the queue, each failure says why by its code, so the app prices again.
    for (const f of failed) expect(f).toMatchObject({ code: 'COUPON_UNUSABLE' });
    // With Redis a purchase sent after the first one's order was written is refused on the lane (the coupon is locked).
    await drained(itemId, mode === 'redis' ? answers.filter((a) => a.status === 202).length : 1);
    for (const a of answers.filter((x) => x.status >= 400)) expect([a.status, a.body.code]).toEqual([409, 'COUPON_UNUSABLE']);
    const orders = await repo(Order).findBy({ userId: b.userId, kind: 'flash' });
    expect(orders.map((o) => o.total)).toEqual([690]);
    expect(await repo(UserCoupon).findOneByOrFail({ id: couponId })).toMatchObject({ status: 'locked', orderId: confirmed[0].orderId });
    expect(await repo(FlashReservation).countBy({ itemId, status: 'reserved' })).toBe(1);
    const l = await live(itemId);
    expect(l).toMatchObject({ left: 9, reserved: 1 });
    if (l.redis) expect(l.redis).toMatchObject({ left: 9, held: 1 });
  });
});
