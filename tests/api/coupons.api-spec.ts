import type { CouponOfferView, OrderPreviewView, OrderView, RedPacketView, UserCouponView } from '@linli/shared';
import { In } from 'typeorm';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { CouponTemplate, MarketingBudget, UserCoupon } from '../../server/src/modules/coupons/entities/coupon.entity';
import { RedPacket, RedPacketShare } from '../../server/src/modules/coupons/entities/red-packet.entity';
import { RedPacketSweeper } from '../../server/src/modules/coupons/red-packet-sweeper';
import { RedPacketsService } from '../../server/src/modules/coupons/red-packets.service';
import { OrderEventRecord } from '../../server/src/modules/orders/entities/order-event.entity';
import { Order } from '../../server/src/modules/orders/entities/order.entity';
import { OrderSweeper } from '../../server/src/modules/orders/order-sweeper';
import { Refund } from '../../server/src/modules/payments/entities/refund.entity';
import { PaymentSweeper } from '../../server/src/modules/payments/payment-sweeper';
import { WechatPaySimulatorService } from '../../server/src/simulator/wechat-pay-simulator.service';
import { sweepInProcess } from '../factories/sweep-process';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DAY = 86_400_000;

describe('coupons and red packets', () => {
  let t: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp({ ORDER_PAY_TIMEOUT_SECONDS: '600', PAYMENT_RECONCILE_AFTER_SECONDS: '5' });
    admin = await t.loginAdmin();
  });
  afterAll(() => t.close());

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);
  const sim = () => t.app.get(WechatPaySimulatorService);
  const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 8000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  };

  async function shopper(): Promise<Shopper & { addressId: number }> {
    const s = await t.loginShopper();
    return { ...s, addressId: (await t.factory.address(s.userId)).id };
  }

  async function template(body: Record<string, unknown> = {}): Promise<{ id: number }> {
    const { body: created } = await t.http().post('/admin/coupons/templates').set(admin).send({
      title: '满99减10', type: 'threshold_off', amount: 1000, threshold: 9900, validity: 'relative', validDays: 7, total: 1000, perUserLimit: 1, ...body,
    }).expect(201);
    return created;
  }

  const claim = (s: Shopper, id: number) => t.http().post('/api/coupons/claims').set(s.auth).send({ templateId: id });
  const myCoupon = async (s: Shopper, templateId: number) => (await repo(UserCoupon).findOneByOrFail({ userId: s.userId, templateId }));
  const preview = (s: Shopper & { addressId: number }, lines: { skuId: number; quantity: number }[], extra: Record<string, unknown> = {}) =>
    t.http().post('/api/orders/preview').set(s.auth).send({ lines, addressId: s.addressId, ...extra });
  const place = (s: Shopper & { addressId: number }, lines: { skuId: number; quantity: number }[], extra: Record<string, unknown> = {}) =>
    t.http().post('/api/orders').set(s.auth).send({ lines, addressId: s.addressId, source: 'buy_now', ...extra });
  const order = (s: Shopper, id: number) => t.http().get(`/api/orders/${id}`).set(s.auth).expect(200).then((r) => r.body as OrderView);
  async function pay(s: Shopper, orderId: number): Promise<void> {
    await t.http().post(`/api/orders/${orderId}/pay`).set(s.auth).expect(200);
    const { orderNo } = await order(s, orderId);
    await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: orderNo }).expect(200);
    await until(`order ${orderId} paid`, async () => (await order(s, orderId)).status !== 'pending_payment');
  }

  describe('templates and claims', () => {
    it('refuses bad templates and non-operators', async () => {
      const base = { title: '券', type: 'threshold_off', amount: 1000, threshold: 9900, validity: 'relative', validDays: 7, total: 10, perUserLimit: 1 };
      await t.http().post('/admin/coupons/templates').send(base).expect(401);
      const s = await t.loginShopper();
      expect([401, 403]).toContain((await t.http().post('/admin/coupons/templates').set(s.auth).send(base)).status);
      for (const bad of [{ amount: 0 }, { amount: 1.5 }, { threshold: 500 }, { type: 'percent_off', rate: 100 }, { validity: 'fixed' }, { total: 0 }, { scope: 'products' }, { perUserLimit: -1 }, { extra: 1 }]) {
        const res = await t.http().post('/admin/coupons/templates').set(admin).send({ ...base, ...bad });
        expect([res.status, res.body.code]).toEqual([400, expect.stringMatching(/VALIDATION_FAILED|COUPON_INVALID/)]);
      }
      expect(await repo(CouponTemplate).countBy({ title: '券' })).toBe(0);
    });

    it('refuses malformed claims with 4xx on the claim lane, and claims without a login with 401', async () => {
      const { id } = await template({ total: 5 });
      const s = await t.loginShopper();
      await t.http().post('/api/coupons/claims').send({ templateId: id }).expect(401);
      for (const bad of [{}, { templateId: 'x' }, { templateId: 0 }, { templateId: 1.5 }, { templateId: id, discount: 1 }, []]) {
        expect((await t.http().post('/api/coupons/claims').set(s.auth).send(bad)).status).toBe(400);
      }
      expect((await t.http().post('/api/coupons/claims').set(s.auth).set('content-type', 'text/plain').send('hello')).status).toBe(415);
      expect((await t.http().post('/api/coupons/claims').set(s.auth).send({ templateId: 99999999 }).expect(404)).body).toMatchObject({ code: 'COUPON_TEMPLATE_NOT_FOUND', requestId: expect.any(String) });
      expect(await repo(UserCoupon).countBy({ templateId: id })).toBe(0);
      const docs = (await t.http().get('/api/docs-json').expect(200)).body;
      expect(docs.paths['/api/coupons/claims'].post.responses).toHaveProperty('409');
    });

    it('issues exactly the total when 200 shoppers claim a coupon of 50 at once', async () => {
      const { id } = await template({ total: 50 });
      const shoppers = await Promise.all(Array.from({ length: 200 }, () => t.loginShopper()));
      const answers = await Promise.all(shoppers.map((s) => claim(s, id)));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(50);
      expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 409 && a.body.code === 'COUPON_SOLD_OUT')).toBe(true);
      expect(await repo(UserCoupon).countBy({ templateId: id })).toBe(50);
      expect((await repo(CouponTemplate).findOneByOrFail({ id })).issued).toBe(50);
      const centre = (await t.http().get('/api/coupons/centre').set(shoppers[0].auth).expect(200)).body as CouponOfferView[];
      expect(centre.find((c) => c.id === id)).toMatchObject({ remaining: 0 });
    });

    it('refuses a sold-out template from memory only until the operator raises its total', async () => {
      const { id } = await template({ total: 1 });
      const [a, b] = [await t.loginShopper(), await t.loginShopper()];
      await claim(a, id).expect(201);
      expect((await claim(b, id).expect(409)).body.code).toBe('COUPON_SOLD_OUT');
      // The hint refuses without a token check's database read, but never before the token itself is checked.
      await t.http().post('/api/coupons/claims').send({ templateId: id }).expect(401);
      await t.http().patch(`/admin/coupons/templates/${id}`).set(admin).send({ total: 2 }).expect(200);
      await claim(b, id).expect(201);
      expect((await repo(CouponTemplate).findOneByOrFail({ id })).issued).toBe(2);
    });

    it('gives one shopper exactly one coupon from 10 parallel claims against a limit of 1, and respects a limit of 3', async () => {
      const { id } = await template({ perUserLimit: 1 });
      const s = await t.loginShopper();
      const answers = await Promise.all(Array.from({ length: 10 }, () => claim(s, id)));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'COUPON_LIMIT_REACHED')).toBe(true);
      expect(await repo(UserCoupon).countBy({ templateId: id, userId: s.userId })).toBe(1);

      const three = await template({ perUserLimit: 3 });
      const parallel = await Promise.all(Array.from({ length: 10 }, () => claim(s, three.id)));
      for (let i = 0; i < 5; i++) await claim(s, three.id);
      expect(parallel.every((a) => a.status === 201 || a.status === 409)).toBe(true);
      expect(await repo(UserCoupon).countBy({ templateId: three.id, userId: s.userId })).toBe(3);
      const centre = (await t.http().get('/api/coupons/centre').set(s.auth).expect(200)).body as CouponOfferView[];
      expect(centre.find((c) => c.id === three.id)).toMatchObject({ state: 'claimed', claimed: 3 });
    });

    it('redeems a code once, refuses guesses, and limits guessing per minute', async () => {
      const { id } = await template({ inCentre: false, total: 10 });
      const { body } = await t.http().post(`/admin/coupons/templates/${id}/codes`).set(admin).send({ count: 3, batch: 'test-1' }).expect(201);
      expect(body.codes).toHaveLength(3);
      expect(new Set(body.codes).size).toBe(3);
      expect(body.codes[0]).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const [a, b] = [await t.loginShopper(), await t.loginShopper()];
      // A code not in the claim centre cannot be claimed there.
      await claim(a, id).expect(404);
      const [first, second] = await Promise.all([
        t.http().post('/api/coupons/redeem').set(a.auth).send({ code: body.codes[0].toLowerCase() }),
        t.http().post('/api/coupons/redeem').set(b.auth).send({ code: body.codes[0] }),
      ]);
      expect([first.status, second.status].sort()).toEqual([201, 404]);
      expect(await repo(UserCoupon).countBy({ templateId: id })).toBe(1);
      const guesser = await t.loginShopper();
      const guesses = [];
      for (let i = 0; i < 11; i++) guesses.push((await t.http().post('/api/coupons/redeem').set(guesser.auth).send({ code: `AAAA-BBBB-CCC${i % 10}` })).status);
      expect(guesses.slice(0, 10).every((s) => s === 404)).toBe(true);
      expect(guesses[10]).toBe(429);
    });

    it('shows 券后价 on the product page with a coupon the shopper already holds, from wherever it came', async () => {
      const product = await t.factory.product({ skus: [{ price: 5000, stock: 5 }] });
      const held = await template({ title: '补发5元', type: 'no_threshold', amount: 500, threshold: 0, inCentre: false, scope: 'products', scopeIds: [product.id] });
      const s = await t.loginShopper();
      await t.http().post(`/admin/coupons/templates/${held.id}/grant`).set(admin).send({ userIds: [s.userId] }).expect(200);
      const mine = (await t.http().get(`/api/coupons/products/${product.id}`).set(s.auth).expect(200)).body as { offers: CouponOfferView[]; afterCouponPrice: number | null };
      expect(mine.afterCouponPrice).toBe(4500);
      expect(mine.offers.map((o) => o.id)).not.toContain(held.id);
      // Nobody else holds it, and it is not in the claim centre (others' templates there need ¥99 or more).
      expect((await t.http().get(`/api/coupons/products/${product.id}`).expect(200)).body.afterCouponPrice).not.toBe(4500);
    });

    it('gives new shoppers the new-customer gift on their first login only, and operators grant to chosen shoppers', async () => {
      const gift = await template({ title: '新人券', type: 'no_threshold', amount: 500, threshold: 0, newCustomerGift: true, inCentre: false });
      const fresh = await t.loginShopper('gift-openid-1');
      await t.loginShopper('gift-openid-1');
      expect(await repo(UserCoupon).countBy({ templateId: gift.id, userId: fresh.userId })).toBe(1);
      await t.http().post(`/admin/coupons/templates/${gift.id}/stop`).set(admin).send().expect(200);

      const granted = await template({ title: '补偿券', inCentre: false, total: 2 });
      const [x, y, z] = [await t.loginShopper(), await t.loginShopper(), await t.loginShopper()];
      const { body } = await t.http().post(`/admin/coupons/templates/${granted.id}/grant`).set(admin).send({ userIds: [x.userId, y.userId, z.userId, 99999999] }).expect(200);
      expect(body.granted).toEqual([x.userId, y.userId]);
      expect(body.refused).toEqual([{ userId: z.userId, reason: '优惠券已抢光' }, { userId: 99999999, reason: '用户不存在' }]);
      const mine = (await t.http().get('/api/coupons/mine?status=unused').set(x.auth).expect(200)).body.items as UserCouponView[];
      expect(mine.map((c) => [c.title, c.source])).toEqual([['补偿券', 'grant']]);
    });
  });

  describe('checkout', () => {
    it('lists usable and unusable coupons with reasons, picks the best, and prorates it over the lines', async () => {
      const s = await shopper();
      const fruit = await t.factory.category();
      const apple = await t.factory.product({ categoryId: fruit.id, skus: [{ price: 6000, stock: 10 }] });
      const pear = await t.factory.product({ skus: [{ price: 4500, stock: 10 }] });
      const big = await template({ title: '满99减20', amount: 2000 });
      const small = await template({ title: '满50减5', amount: 500, threshold: 5000 });
      const scoped = await template({ title: '水果满200减50', amount: 5000, threshold: 20000, scope: 'categories', scopeIds: [fruit.id] });
      const old = await template({ title: '过期券', type: 'no_threshold', amount: 100, threshold: 0 });
      for (const c of [big, small, scoped, old]) await claim(s, c.id).expect(201);
      await repo(UserCoupon).update({ userId: s.userId, templateId: old.id }, { validTo: new Date(Date.now() - 1000) });

      const lines = [{ skuId: apple.skus[0].id, quantity: 1 }, { skuId: pear.skus[0].id, quantity: 1 }];
      const p = (await preview(s, lines).expect(200)).body as OrderPreviewView;
      expect(p.coupons!.usable.map((c) => [c.title, c.discount])).toEqual([['满99减20', 2000], ['满50减5', 500]]);
      expect(p.coupons!.unusable.map((c) => [c.title, c.reason]).sort()).toEqual([['水果满200减50', '未满足门槛，还差¥140.00'], ['过期券', '已过期']]);
      const bigId = (await myCoupon(s, big.id)).id;
      expect(p.coupons).toMatchObject({ selectedId: bigId, bestId: bigId });
      // Freight is charged on what is left to pay after the coupon (¥85 < ¥99 free-shipping threshold).
      expect(p).toMatchObject({ subtotal: 10500, discount: 2000, freight: 800, total: 9300 });
      expect(p.lines.map((l) => l.netAmount)).toEqual([6000 - 1143, 4500 - 857]);
      // The shopper may take none, or another one.
      expect((await preview(s, lines, { couponId: null }).expect(200)).body).toMatchObject({ discount: 0, coupons: { selectedId: null } });
      const smallId = (await myCoupon(s, small.id)).id;
      expect((await preview(s, lines, { couponId: smallId }).expect(200)).body).toMatchObject({ discount: 500, coupons: { selectedId: smallId } });

      // Placing re-checks the coupon: out of scope or expired → refused with the reason, nothing taken.
      const scopedId = (await myCoupon(s, scoped.id)).id;
      const refused = await place(s, lines, { couponId: scopedId }).expect(409);
      expect(refused.body).toMatchObject({ code: 'COUPON_UNUSABLE', message: expect.stringContaining('未满足门槛') });
      const expired = await place(s, lines, { couponId: (await myCoupon(s, old.id)).id }).expect(409);
      expect(expired.body.message).toContain('已过期');
      expect((await t.factory.sku(apple.skus[0].id)).stock).toBe(10);

      const placed = (await place(s, lines, { couponId: bigId }).expect(201)).body as OrderView;
      expect(placed).toMatchObject({ discount: 2000, total: 9300 });
      expect(placed.lines.map((l) => l.netAmount)).toEqual([4857, 3643]);
      expect(await myCoupon(s, big.id)).toMatchObject({ status: 'locked', orderId: placed.id, discount: 2000 });
      // A coupon held by an unpaid order cannot be used again.
      expect((await place(s, lines, { couponId: bigId }).expect(409)).body.code).toBe('COUPON_UNUSABLE');
      await pay(s, placed.id);
      expect(await myCoupon(s, big.id)).toMatchObject({ status: 'used', orderId: placed.id });

      // ROI data for the template.
      const roi = (await t.http().get(`/admin/coupons/templates/${big.id}`).set(admin).expect(200)).body.roi;
      expect(roi).toMatchObject({ claimed: 1, used: 1, locked: 0, discountGiven: 2000, sales: 9300 });
    });

    it('refuses a client-sent discount and another shopper\'s coupon with 4xx, changing nothing', async () => {
      const [a, b] = [await shopper(), await shopper()];
      const product = await t.factory.product({ skus: [{ price: 12000, stock: 5 }] });
      const { id } = await template();
      await claim(a, id).expect(201);
      const couponId = (await myCoupon(a, id)).id;
      const lines = [{ skuId: product.skus[0].id, quantity: 1 }];
      expect((await place(a, lines, { discount: 5000 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await place(a, lines, { couponId, total: 1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await place(b, lines, { couponId }).expect(404)).body.code).toBe('COUPON_NOT_FOUND');
      expect((await preview(b, lines, { couponId }).expect(404)).body.code).toBe('COUPON_NOT_FOUND');
      await place(a, lines, { couponId: 'x' }).expect(400);
      await t.http().get(`/api/coupons/mine/${couponId}`).set(b.auth).expect(404);
      await t.http().get(`/api/coupons/mine/${couponId}`).set(a.auth).expect(200);
      await t.http().get(`/api/coupons/mine/${couponId}`).expect(401);
      expect(await myCoupon(a, id)).toMatchObject({ status: 'unused', orderId: null });
      expect(await repo(Order).countBy({ userId: In([a.userId, b.userId]) })).toBe(0);
      expect((await t.factory.sku(product.skus[0].id)).stock).toBe(5);
    });

    it('gives a coupon back exactly once when a cancel and the expiry sweep race, and a paid order keeps it', async () => {
      const s = await shopper();
      const product = await t.factory.product({ skus: [{ price: 12000, stock: 50 }] });
      const { id } = await template({ perUserLimit: 1 });
      await claim(s, id).expect(201);
      const couponId = (await myCoupon(s, id)).id;
      for (let round = 0; round < 3; round++) {
        const o = (await place(s, [{ skuId: product.skus[0].id, quantity: 1 }], { couponId }).expect(201)).body as OrderView;
        await repo(Order).update({ id: o.id }, { payDeadline: new Date(Date.now() - 1000) });
        const [cancel] = await Promise.all([
          t.http().post(`/api/orders/${o.id}/cancel`).set(s.auth).send({}),
          t.app.get(OrderSweeper).sweepOnce(),
        ]);
        expect([200, 409]).toContain(cancel.status);
        expect(await repo(OrderEventRecord).countBy({ orderId: o.id, toStatus: 'cancelled' })).toBe(1);
        expect(await myCoupon(s, id)).toMatchObject({ status: 'unused', orderId: null, discount: 0 });
      }
      expect((await t.factory.sku(product.skus[0].id)).stock).toBe(50);
    });

    it('gives a coupon back on a whole refund before shipping, and a line refund pays back the line net', async () => {
      const s = await shopper();
      const a = await t.factory.product({ skus: [{ price: 7000, stock: 10 }] });
      const b = await t.factory.product({ skus: [{ price: 3000, stock: 10 }] });
      const { id } = await template({ amount: 1000, threshold: 9900, perUserLimit: 2 });
      await claim(s, id).expect(201);
      await claim(s, id).expect(201);
      const [first, second] = await repo(UserCoupon).find({ where: { userId: s.userId, templateId: id }, order: { id: 'ASC' } });
      const lines = [{ skuId: a.skus[0].id, quantity: 1 }, { skuId: b.skus[0].id, quantity: 1 }];

      const whole = (await place(s, lines, { couponId: first.id }).expect(201)).body as OrderView;
      await pay(s, whole.id);
      const applied = await t.http().post(`/api/orders/${whole.id}/refunds`).set(s.auth).send({ type: 'refund_only', reason: '不想要了' }).expect(201);
      expect(applied.body.amount).toBe(9000 + 800);
      await t.http().post(`/admin/refunds/${applied.body.id}/approve`).set(admin).send({}).expect(200);
      await until('whole refund', async () => (await order(s, whole.id)).status === 'refunded');
      expect(await repo(UserCoupon).findOneByOrFail({ id: first.id })).toMatchObject({ status: 'unused', orderId: null });

      const partial = (await place(s, lines, { couponId: second.id }).expect(201)).body as OrderView;
      expect(partial.lines.map((l) => l.netAmount)).toEqual([6300, 2700]);
      await pay(s, partial.id);
      const line = await t.http().post(`/api/orders/${partial.id}/refunds`).set(s.auth).send({ type: 'refund_only', reason: '少了一件', lines: [{ skuId: b.skus[0].id, quantity: 1 }] }).expect(201);
      expect(line.body.amount).toBe(2700);
      await t.http().post(`/admin/refunds/${line.body.id}/approve`).set(admin).send({}).expect(200);
      const { orderNo } = await order(s, partial.id);
      await until('line refund', async () => sim().refundedAmount(orderNo) === 2700);
      // A line refund keeps the order and its coupon used: the coupon is never paid out as cash.
      expect(await repo(UserCoupon).findOneByOrFail({ id: second.id })).toMatchObject({ status: 'used', orderId: partial.id });
    });

    it('applies a coupon to a group order only when the coupon and the campaign allow it', async () => {
      const s = await shopper();
      const now = Date.now();
      const campaign = async (productId: number, acceptsCoupons: boolean) => (await t.http().post('/admin/group-buy/campaigns').set(admin).send({
        productId, title: '拼团', groupSize: 2, timeLimitSeconds: 3600, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + DAY).toISOString(),
        stock: 10, perUserLimit: 5, skus: [{ skuId: skuOf.get(productId)!, groupPrice: 12000 }], acceptsCoupons,
      }).expect(201)).body.id as number;
      const skuOf = new Map<number, number>();
      const product = await t.factory.product({ skus: [{ price: 15000, stock: 20 }] });
      const other = await t.factory.product({ skus: [{ price: 15000, stock: 20 }] });
      skuOf.set(product.id, product.skus[0].id).set(other.id, other.skus[0].id);
      const open = await campaign(product.id, true);
      const plain = await template({ title: '普通券' });
      const groupOk = await template({ title: '拼团可用券', amount: 1500, combineGroup: true });
      await claim(s, plain.id).expect(201);
      await claim(s, groupOk.id).expect(201);
      const p = (await t.http().post('/api/group-buy/preview').set(s.auth).send({ campaignId: open, skuId: product.skus[0].id, quantity: 1 }).expect(200)).body as OrderPreviewView;
      expect(p.coupons!.usable.map((c) => c.title)).toEqual(['拼团可用券']);
      expect(p.coupons!.unusable.map((c) => [c.title, c.reason])).toEqual([['普通券', '不适用于拼团商品']]);
      expect(p).toMatchObject({ subtotal: 12000, discount: 1500, total: 10500 });
      const placed = (await t.http().post('/api/group-buy/orders').set(s.auth).send({ campaignId: open, skuId: product.skus[0].id, quantity: 1, addressId: s.addressId, couponId: (await myCoupon(s, groupOk.id)).id }).expect(201)).body as OrderView;
      expect(placed).toMatchObject({ discount: 1500, total: 10500 });

      const closed = await campaign(other.id, false);
      await t.http().post(`/api/orders/${placed.id}/cancel`).set(s.auth).send({}).expect(200);
      const refused = await t.http().post('/api/group-buy/preview').set(s.auth).send({ campaignId: closed, skuId: other.skus[0].id, quantity: 1 }).expect(200);
      expect(refused.body.coupons.unusable.map((c: { reason: string }) => c.reason)).toEqual(['该拼团活动不可用券', '该拼团活动不可用券']);
    });
  });

  describe('red packets', () => {
    it('splits an operator packet of 10 lucky shares among 50 parallel claimers: exactly 10 claims adding up to the total', async () => {
      await t.http().post('/admin/red-packets/budget/top-up').set(admin).send({ amount: 100_000 }).expect(200);
      await t.http().post('/admin/red-packets').set(admin).send({ kind: 'lucky', amount: 200_000, shares: 10 }).expect(409);
      const { body: packet } = await t.http().post('/admin/red-packets').set(admin).send({ kind: 'lucky', amount: 8888, shares: 10, greeting: '社区福利' }).expect(201);
      expect((await t.http().get('/admin/red-packets/budget').set(admin).expect(200)).body.balance).toBe(100_000 - 8888);
      const claimers = await Promise.all(Array.from({ length: 50 }, () => t.loginShopper()));
      const answers = await Promise.all(claimers.map((c) => t.http().post(`/api/red-packets/open/${packet.code}/claim`).set(c.auth).send()));
      const won = answers.filter((a) => a.status === 200);
      expect(won).toHaveLength(10);
      expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409 && a.body.code === 'RED_PACKET_EMPTY')).toBe(true);
      const shares = await repo(RedPacketShare).findBy({ packetId: packet.id });
      expect(shares.filter((s) => s.userId !== null)).toHaveLength(10);
      expect(shares.reduce((sum, s) => sum + s.amount, 0)).toBe(8888);
      expect(shares.every((s) => s.amount >= 1)).toBe(true);
      const coupons = await repo(UserCoupon).findBy({ packetId: packet.id });
      expect(coupons.reduce((sum, c) => sum + c.amount, 0)).toBe(8888);
      expect(coupons.every((c) => c.type === 'no_threshold' && c.source === 'packet')).toBe(true);
      const view = (await t.http().get(`/api/red-packets/open/${packet.code}`).set(claimers[0].auth).expect(200)).body as RedPacketView;
      expect(view).toMatchObject({ status: 'finished', claimedCount: 10, claimedAmount: 8888 });
      expect(view.claims.filter((c) => c.best)).toHaveLength(1);
      expect(view.claims.find((c) => c.best)!.amount).toBe(Math.max(...shares.map((s) => s.amount)));
      // A finished packet returns nothing at expiry.
      await repo(RedPacket).update({ id: packet.id }, { expiresAt: new Date(Date.now() - 1000) });
      expect(await t.app.get(RedPacketSweeper).sweepOnce()).toEqual({ expired: 0, returned: 0 });
    });

    it('lets one person claim one share, returns an operator packet\'s unclaimed value to the budget once', async () => {
      await t.http().post('/admin/red-packets/budget/top-up').set(admin).send({ amount: 1000 }).expect(200);
      const before = (await repo(MarketingBudget).findOneByOrFail({ name: 'red_packets' })).balance;
      const { body: packet } = await t.http().post('/admin/red-packets').set(admin).send({ kind: 'normal', amount: 1000, shares: 4 }).expect(201);
      const s = await t.loginShopper();
      const answers = await Promise.all(Array.from({ length: 5 }, () => t.http().post(`/api/red-packets/open/${packet.code}/claim`).set(s.auth).send()));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'RED_PACKET_ALREADY_CLAIMED')).toBe(true);
      expect((answers.find((a) => a.status === 200)!.body as RedPacketView).myShare!.amount).toBe(250);
      await repo(RedPacket).update({ id: packet.id }, { expiresAt: new Date(Date.now() - 1000) });
      const [one, two] = await Promise.all([t.app.get(RedPacketSweeper).sweepOnce(), t.app.get(RedPacketsService).expireDue()]);
      expect(one.returned + two.returned).toBe(1);
      expect((await repo(MarketingBudget).findOneByOrFail({ name: 'red_packets' })).balance).toBe(before - 1000 + 750);
      const late = await t.loginShopper();
      expect((await t.http().post(`/api/red-packets/open/${packet.code}/claim`).set(late.auth).send().expect(409)).body.code).toBe('RED_PACKET_CLOSED');
    });

    it('a shopper pays for a lucky packet; expiry refunds the unclaimed value exactly once with two sweep processes', async () => {
      const sender = await t.loginShopper();
      await t.http().post('/api/red-packets').set(sender.auth).send({ kind: 'lucky', amount: 5000, shares: 5, price: 1 }).expect(400);
      await t.http().post('/api/red-packets').set(sender.auth).send({ kind: 'lucky', amount: 4, shares: 5 }).expect(400);
      const { body: sent } = await t.http().post('/api/red-packets').set(sender.auth).send({ kind: 'lucky', amount: 5000, shares: 5, greeting: '大家周末快乐' }).expect(201);
      expect(sent).toMatchObject({ status: 'pending_payment', isSender: true, orderId: expect.any(Number) });
      // Unpaid: nobody else sees it, and it is not among the sender's orders.
      const friend = await t.loginShopper();
      await t.http().get(`/api/red-packets/open/${sent.code}`).set(friend.auth).expect(404);
      await t.http().post(`/api/red-packets/open/${sent.code}/claim`).set(friend.auth).send().expect(404);
      expect((await t.http().get('/api/orders').set(sender.auth).expect(200)).body.total).toBe(0);
      await t.http().post(`/api/orders/${sent.orderId}/pay`).set(friend.auth).expect(404);
      await t.http().get(`/api/red-packets/sent/${sent.id}`).set(friend.auth).expect(404);
      await t.http().get(`/api/red-packets/by-order/${sent.orderId}`).set(friend.auth).expect(404);
      await t.http().get(`/api/red-packets/by-order/${sent.orderId}`).set(sender.auth).expect(200);

      await pay(sender, sent.orderId);
      const live = (await t.http().get(`/api/red-packets/sent/${sent.id}`).set(sender.auth).expect(200)).body as RedPacketView;
      expect(live.status).toBe('active');
      // Claiming needs a login and nothing else.
      await t.http().post(`/api/red-packets/open/${sent.code}/claim`).send().expect(401);
      const opened = (await t.http().get(`/api/red-packets/open/${sent.code}`).expect(200)).body as RedPacketView;
      expect(opened).toMatchObject({ senderName: expect.any(String), greeting: '大家周末快乐', orderId: null });
      const claimed = (await t.http().post(`/api/red-packets/open/${sent.code}/claim`).set(friend.auth).send().expect(200)).body as RedPacketView;
      const share = claimed.myShare!.amount;
      expect((await t.http().get('/api/red-packets/mine?role=received').set(friend.auth).expect(200)).body.items[0].id).toBe(sent.id);
      expect((await t.http().get('/api/red-packets/mine?role=sent').set(sender.auth).expect(200)).body.items[0].id).toBe(sent.id);
      // An after-sale cannot take back value already given away.
      expect((await t.http().post(`/api/orders/${sent.orderId}/refunds`).set(sender.auth).send({ type: 'refund_only', reason: '不发了' }).expect(409)).body.code).toBe('REFUND_NOT_ALLOWED');

      await repo(RedPacket).update({ id: sent.id }, { expiresAt: new Date(Date.now() - 1000) });
      const env = { ...t.db.env, WECHAT_SECRET: 'x', JWT_SECRET: 'test-secret-0123456789abcdef', WECHATPAY_API_BASE: `${t.url}/sim/wechatpay`, PUBLIC_BASE_URL: t.url };
      type Swept = { packets: { expired: number; returned: number } };
      const [one, two] = await Promise.all([sweepInProcess<Swept>(env), sweepInProcess<Swept>(env)]);
      expect(one.packets.expired + two.packets.expired).toBe(1);
      const refunds = await repo(Refund).findBy({ orderId: sent.orderId });
      expect(refunds).toHaveLength(1);
      expect(refunds[0]).toMatchObject({ source: 'packet_expired', amount: 5000 - share });
      await t.app.get(PaymentSweeper).sweepOnce(new Date(Date.now() + 6000));
      const { orderNo } = await order(sender, sent.orderId);
      await until('packet refund', async () => sim().refundedAmount(orderNo) === 5000 - share);
      expect((await t.http().get(`/api/red-packets/sent/${sent.id}`).set(sender.auth).expect(200)).body).toMatchObject({ status: 'expired', returnedAmount: 5000 - share });
      expect(await t.app.get(RedPacketSweeper).sweepOnce()).toEqual({ expired: 0, returned: 0 });

      // The friend's share is a coupon they can use at checkout.
      const f = { ...friend, addressId: (await t.factory.address(friend.userId)).id };
      const product = await t.factory.product({ skus: [{ price: 9900, stock: 5 }] });
      const p = (await preview(f, [{ skuId: product.skus[0].id, quantity: 1 }]).expect(200)).body as OrderPreviewView;
      expect(p.coupons!.selectedId).toBe(claimed.myShare!.couponId);
      expect(p.discount).toBe(share);
    });

    it('keeps an exclusive packet for one friend, sends once per key, and cancels a packet whose order is never paid', async () => {
      const [sender, friend, other] = [await t.loginShopper(), await t.loginShopper(), await t.loginShopper()];
      await t.http().post('/api/red-packets').set(sender.auth).send({ kind: 'exclusive', amount: 500, shares: 2 }).expect(400);
      const { body: sent } = await t.http().post('/api/red-packets').set(sender.auth).send({ kind: 'exclusive', amount: 500, shares: 1, recipientUserId: friend.userId }).expect(201);
      await pay(sender, sent.orderId);
      expect((await t.http().post(`/api/red-packets/open/${sent.code}/claim`).set(other.auth).send().expect(409)).body.code).toBe('RED_PACKET_NOT_FOR_YOU');
      expect((await t.http().post(`/api/red-packets/open/${sent.code}/claim`).set(sender.auth).send().expect(409)).body.code).toBe('RED_PACKET_NOT_FOR_YOU');
      await t.http().post(`/api/red-packets/open/${sent.code}/claim`).set(friend.auth).send().expect(200);
      // A packet's order has no goods to ship.
      expect((await t.http().post(`/admin/orders/${sent.orderId}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: 'SF0001' }).expect(409)).body.code).toBe('ORDER_STATE_INVALID');

      // A repeated send with its key is the same packet and the same order.
      const [first, again] = await Promise.all([0, 1].map(() => t.http().post('/api/red-packets').set(sender.auth).send({ kind: 'normal', amount: 300, shares: 3, requestKey: 'packet-key-0001' })));
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body).toMatchObject({ id: first.body.id, orderId: first.body.orderId });
      const unpaid = first.body as RedPacketView;
      expect(await repo(RedPacket).countBy({ senderUserId: sender.userId, status: 'pending_payment' })).toBe(1);
      await t.http().post(`/api/orders/${unpaid.orderId}/cancel`).set(sender.auth).send({}).expect(200);
      expect((await repo(RedPacket).findOneByOrFail({ id: unpaid.id })).status).toBe('cancelled');
      await t.http().get(`/api/red-packets/open/${unpaid.code}`).set(friend.auth).expect(404);
      await t.http().get('/api/red-packets/open/bad').expect(400);
    });
  });
});
