import { Order } from '../../server/src/modules/orders/entities/order.entity';
import { OrderEventRecord } from '../../server/src/modules/orders/entities/order-event.entity';
import { OrderSweeper } from '../../server/src/modules/orders/order-sweeper';
import { Payment } from '../../server/src/modules/payments/entities/payment.entity';
import { Refund } from '../../server/src/modules/payments/entities/refund.entity';
import { PaymentSweeper } from '../../server/src/modules/payments/payment-sweeper';
import { RefundsService } from '../../server/src/modules/payments/refunds.service';
import { OutboxWorker } from '../../server/src/modules/outbox/outbox-worker';
import { WECHAT_PAY_KEYS, WechatPayKeys } from '../../server/src/modules/payments/wechat-pay/wechat-pay.keys';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { NotifyMode, WechatPaySimulatorService } from '../../server/src/simulator/wechat-pay-simulator.service';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WeChat Pay and after-sales', () => {
  let t: TestApp;
  let alice: Shopper;
  let bob: Shopper;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp({ ORDER_PAY_TIMEOUT_SECONDS: '8', PAYMENT_RECONCILE_AFTER_SECONDS: '5' });
    [alice, bob] = await Promise.all([t.loginShopper(), t.loginShopper()]);
    admin = await t.loginAdmin();
  });
  afterAll(() => t.close());

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);
  const sim = () => t.app.get(WechatPaySimulatorService);
  const order = (id: number) => t.http().get(`/api/orders/${id}`).set(alice.auth).expect(200).then((r) => r.body);
  const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 5000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  };

  /** An order of alice's, prepaid at the simulator. */
  async function prepaidOrder(opts: { stock?: number; price?: number; quantity?: number; shopper?: Shopper } = {}) {
    const shopper = opts.shopper ?? alice;
    const p = await t.factory.product({ skus: [{ price: opts.price ?? 2000, stock: opts.stock ?? 10 }] });
    const o = await t.factory.order(shopper.userId, p.skus[0].id, opts.quantity ?? 1);
    const pay = await t.http().post(`/api/orders/${o.id}/pay`).set(shopper.auth).expect(200);
    return { order: o, product: p, skuId: p.skus[0].id, pay: pay.body };
  }
  const simPay = (outTradeNo: string, body: { mode?: NotifyMode; copies?: number; force?: boolean } = {}) =>
    t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo, ...body }).expect(200).then((r) => r.body.deliveries as { status: number; body: string }[]);
  /** The sweep's clock, moved past the 8 s payment deadline (WeChat's side still runs on real time). */
  const afterDeadline = () => new Date(Date.now() + 9000);
  const events = (orderId: number, event: string) => repo(OrderEventRecord).countBy({ orderId, event: event as OrderEventRecord['event'] });

  describe('paying', () => {
    it('prepays with the server total and gives signed requestPayment parameters and a cashier page', async () => {
      const { order: o, pay } = await prepaidOrder({ price: 1234, quantity: 2 });
      expect(pay.requestPayment).toMatchObject({ package: expect.stringMatching(/^prepay_id=wx/), signType: 'RSA', paySign: expect.any(String), timeStamp: expect.stringMatching(/^\d+$/) });
      expect(pay.cashierUrl).toMatch(/^\/sim\/wechatpay\/cashier\?prepay_id=wx/);
      expect(pay.payDeadline).toBe(o.payDeadline);
      const remote = sim().query(o.orderNo);
      expect(remote.amount).toMatchObject({ total: 1234 * 2 + 800 });
      // The bill and the cashier name the store (STORE_NAME), then the product.
      expect(sim().transactionByPrepayId(pay.requestPayment.package.slice('prepay_id='.length))?.description).toMatch(/^邻里优选-/);
      const cashier = await t.http().get(pay.cashierUrl).expect(200);
      expect(cashier.text).toContain('<h3 id="cashier-merchant">邻里优选</h3>');
      // A second call reuses the prepay.
      const again = await t.http().post(`/api/orders/${o.id}/pay`).set(alice.auth).expect(200);
      expect(again.body.requestPayment.package).toBe(pay.requestPayment.package);
      expect(JSON.stringify(pay)).not.toMatch(/BEGIN|PRIVATE/);
    });

    it('marks the order paid exactly once for 10 copies of the same notification at once (behaviour 3)', async () => {
      const { order: o, skuId } = await prepaidOrder({ stock: 5 });
      const deliveries = await simPay(o.orderNo, { copies: 10 });
      expect(deliveries.map((d) => d.status)).toEqual(Array(10).fill(204));
      expect((await order(o.id))).toMatchObject({ status: 'paid', payment: { status: 'success' } });
      expect(await events(o.id, 'pay')).toBe(1);
      expect(await t.factory.sku(skuId)).toMatchObject({ stock: 4, sales: 1 });
      // And once more later: still 204, nothing changes.
      expect((await simPay(o.orderNo, { force: true })).map((d) => d.status)).toEqual([204]);
      expect(await events(o.id, 'pay')).toBe(1);
    });

    it.each<[NotifyMode, number]>([['bad_signature', 401], ['probe', 401], ['unknown_serial', 401], ['stale', 401], ['bad_tag', 400], ['wrong_amount', 400], ['wrong_mchid', 400]])(
      'refuses a %s notification with %d FAIL and changes nothing (behaviours 1, 2, 4)',
      async (mode, status) => {
        const { order: o } = await prepaidOrder();
        const [delivery] = await simPay(o.orderNo, { mode });
        expect(delivery.status).toBe(status);
        expect(JSON.parse(delivery.body)).toEqual({ code: 'FAIL', message: expect.any(String) });
        expect((await order(o.id)).status).toBe('pending_payment');
        expect((await repo(Payment).findOneByOrFail({ orderId: o.id })).status).toBe('prepaid');
        // The genuine notification afterwards is accepted.
        expect((await simPay(o.orderNo, { force: true }))[0].status).toBe(204);
        expect((await order(o.id)).status).toBe('paid');
      },
    );

    it('answers FAIL for a verified notification about an unknown out_trade_no, and ignores other events', async () => {
      const keys = t.app.get<WechatPayKeys>(WECHAT_PAY_KEYS);
      const unknown = sim().notification('TRANSACTION.SUCCESS', '支付成功', { appid: keys.appid, mchid: keys.mchid, out_trade_no: 'NOPE000001', trade_state: 'SUCCESS', amount: { total: 1 } }, 'transaction', 'normal');
      await t.http().post('/api/payments/wechat/notify').set(unknown.headers).send(unknown.body).expect(404);
      const other = sim().notification('TRANSACTION.CLOSED', 'x', { out_trade_no: 'NOPE000001' }, 'transaction', 'normal');
      await t.http().post('/api/payments/wechat/notify').set(other.headers).send(other.body).expect(204);
      await t.http().post('/api/payments/wechat/notify').set({ 'content-type': 'application/json' }).send('{}').expect(401);
    });

    it("refuses another shopper's order, and callers without a token (behaviours 6, 7)", async () => {
      const { order: o } = await prepaidOrder();
      await t.http().post(`/api/orders/${o.id}/pay`).set(bob.auth).expect(404);
      await t.http().post(`/api/orders/${o.id}/pay`).expect(401);
      await simPay(o.orderNo);
      await t.http().post(`/api/orders/${o.id}/refunds`).set(bob.auth).send({ type: 'refund_only', reason: '不想要了' }).expect(404);
      await t.http().get(`/api/orders/${o.id}/refunds`).set(bob.auth).expect(404);
      await t.http().post(`/api/orders/${o.id}/refunds`).send({ type: 'refund_only', reason: 'x' }).expect(401);
      expect(await repo(Refund).countBy({ orderId: o.id })).toBe(0);
      const keys = t.app.get<WechatPayKeys>(WECHAT_PAY_KEYS);
      const logs = t.logs.join('\n');
      expect(logs).not.toContain(keys.apiV3Key.toString('utf8'));
      expect(logs).not.toMatch(/PRIVATE KEY/);
    });

    it('refuses to pay an order that is not pending, with a clear 409', async () => {
      const { order: o } = await prepaidOrder();
      await simPay(o.orderNo);
      expect((await t.http().post(`/api/orders/${o.id}/pay`).set(alice.auth).expect(409)).body.code).toBe('PAYMENT_NOT_ALLOWED');
    });
  });

  describe('deadlines, late payments and reconciliation', () => {
    it('closes the WeChat transaction at the deadline, cancels the order, and refuses payment afterwards (behaviour 12)', async () => {
      const { order: o, skuId } = await prepaidOrder({ stock: 3 });
      await t.app.get(OrderSweeper).sweepOnce(afterDeadline());
      expect((await order(o.id))).toMatchObject({ status: 'cancelled', payment: { status: 'closed' } });
      expect(sim().query(o.orderNo).trade_state).toBe('CLOSED');
      expect((await t.factory.sku(skuId)).stock).toBe(3);
      expect((await t.http().post(`/api/orders/${o.id}/pay`).set(alice.auth).expect(409)).body.code).toBe('PAYMENT_NOT_ALLOWED');
      await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: o.orderNo }).expect(400);
    });

    it('refunds a payment that still arrives for a cancelled order, without reviving it or taking stock', async () => {
      const { order: o, skuId } = await prepaidOrder({ stock: 3 });
      await t.app.get(OrderSweeper).sweepOnce(afterDeadline());
      expect((await order(o.id)).status).toBe('cancelled');
      const [delivery] = await simPay(o.orderNo, { force: true });
      expect(delivery.status).toBe(204);
      const refund = await until('the automatic refund', async () => {
        const r = await repo(Refund).findOneBy({ orderId: o.id });
        return r?.status === 'succeeded' && r;
      });
      expect(refund).toMatchObject({ source: 'late_payment', amount: o.total });
      expect(await t.http().get(`/api/orders/${o.id}`).set(alice.auth).then((r) => r.body.status)).toBe('cancelled');
      expect((await t.factory.sku(skuId)).stock).toBe(3);
      expect(sim().stats.refund.get(refund.outRefundNo)).toBe(1);
    });

    it('settles at the deadline an order paid without a notification, instead of cancelling it', async () => {
      const { order: o } = await prepaidOrder();
      await simPay(o.orderNo, { mode: 'none' });
      await t.app.get(OrderSweeper).sweepOnce(afterDeadline());
      expect((await order(o.id)).status).toBe('paid');
    });

    it('reconciles a silent payment before the deadline, and shows it to the operator until then', async () => {
      const { order: o } = await prepaidOrder();
      await simPay(o.orderNo, { mode: 'none' });
      const view = await t.http().get('/admin/payments/reconciliation?hours=1').set(admin).expect(200);
      expect(view.body.paidAtWechatOnly.map((x: { orderId: number }) => x.orderId)).toContain(o.id);
      await t.app.get(PaymentSweeper).sweepOnce(new Date(Date.now() + 6000));
      expect((await order(o.id)).status).toBe('paid');
      const after = await t.http().get('/admin/payments/reconciliation?hours=1').set(admin).expect(200);
      expect(after.body.paidAtWechatOnly.map((x: { orderId: number }) => x.orderId)).not.toContain(o.id);
      expect(after.body.paidHereOnly).toEqual([]);
      const list = await t.http().get(`/admin/payments?orderNo=${o.orderNo}`).set(admin).expect(200);
      expect(list.body.items[0]).toMatchObject({ orderId: o.id, status: 'success', amount: o.total, orderStatus: 'paid' });
    });
  });

  describe('after-sales', () => {
    async function paidOrder(opts: { stock?: number; quantity?: number } = {}) {
      const r = await prepaidOrder(opts);
      await simPay(r.order.orderNo);
      return r;
    }
    const refundsOf = (orderId: number) => repo(Refund).findBy({ orderId });

    it('refunds a whole unshipped order once approved, returning the stock; approving twice at once calls the API once (behaviour 12)', async () => {
      const { order: o, skuId } = await paidOrder({ stock: 5, quantity: 2 });
      expect((await t.factory.sku(skuId)).stock).toBe(3);
      const applied = await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: '拍错了' }).expect(201);
      expect(applied.body).toMatchObject({ status: 'pending_review', amount: o.total, lines: [] });
      expect((await order(o.id)).status).toBe('refunding');
      expect((await t.http().post(`/admin/orders/${o.id}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: 'SF0001' }).expect(409)).body.code).toBe('REFUND_IN_PROGRESS');

      const [a, b] = await Promise.all([
        t.http().post(`/admin/refunds/${applied.body.id}/approve`).set(admin).send({}),
        t.http().post(`/admin/refunds/${applied.body.id}/approve`).set(admin).send({}),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      await until('the refund to succeed', async () => (await order(o.id)).status === 'refunded');
      const detail = await order(o.id);
      expect(detail.refunds[0]).toMatchObject({ status: 'succeeded', completedAt: expect.any(String) });
      expect(detail.refundableAmount).toBe(0);
      expect(sim().stats.refund.get(applied.body.refundNo)).toBe(1);
      expect(await t.factory.sku(skuId)).toMatchObject({ stock: 5, sales: 0 });
      // A duplicate refund notification, and a repeated submit, change nothing more.
      await t.app.get(RefundsService).record(applied.body.refundNo, 'SUCCESS');
      await t.app.get(RefundsService).submit(applied.body.id);
      expect(sim().stats.refund.get(applied.body.refundNo)).toBe(1);
      expect((await t.factory.sku(skuId)).stock).toBe(5);
      expect(await events(o.id, 'refund')).toBe(1);
    });

    it('returns the order to its state when an after-sale is rejected, and lets the shopper apply again', async () => {
      const { order: o } = await paidOrder();
      const applied = await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: '不想要了' }).expect(201);
      expect((await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: '再来一次' }).expect(409)).body.code).toBe('REFUND_IN_PROGRESS');
      await t.http().post(`/admin/refunds/${applied.body.id}/reject`).set(admin).send({ reason: '' }).expect(400);
      const rejected = await t.http().post(`/admin/refunds/${applied.body.id}/reject`).set(admin).send({ reason: '商品已打包' }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '商品已打包' });
      await t.http().post(`/admin/refunds/${applied.body.id}/approve`).set(admin).send({}).expect(409);
      expect((await order(o.id))).toMatchObject({ status: 'paid', refundableAmount: o.total });
      await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: '还是不要了' }).expect(201);
    });

    it('refunds one line of a shipped order without returning stock; the order stays shipped until everything is refunded', async () => {
      const p = await t.factory.product({ skus: [{ price: 3000, stock: 10 }, { price: 1000, stock: 10 }] });
      const address = (await t.factory.address(alice.userId)).id;
      const o = (await t.http().post('/api/orders').set(alice.auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 2 }, { skuId: p.skus[1].id, quantity: 1 }], addressId: address, source: 'buy_now' }).expect(201)).body;
      await t.http().post(`/api/orders/${o.id}/pay`).set(alice.auth).expect(200);
      await simPay(o.orderNo);
      await t.http().post(`/admin/orders/${o.id}/ship`).set(admin).send({ carrier: '中通快递', trackingNo: 'ZT0002' }).expect(200);
      // The shipment is reported to WeChat by the outbox after commit.
      await t.app.get(OutboxWorker).sweepOnce();
      const reports = await t.http().get('/sim/wechat/dev/shipping-reports').expect(200);
      expect(reports.body.some((r: { order_key: { out_trade_no: string } }) => r.order_key.out_trade_no === o.orderNo)).toBe(true);

      await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'return_refund', reason: '少件漏发', lines: [{ skuId: p.skus[0].id, quantity: 3 }] }).expect(400);
      await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'return_refund', reason: 'x', lines: [{ skuId: 999999, quantity: 1 }] }).expect(400);
      const applied = await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'return_refund', reason: '商品质量问题', lines: [{ skuId: p.skus[0].id, quantity: 1 }] }).expect(201);
      expect(applied.body).toMatchObject({ amount: 3000, lines: [{ skuId: p.skus[0].id, quantity: 1, amount: 3000 }] });
      expect((await order(o.id)).status).toBe('shipped');
      await t.http().post(`/admin/refunds/${applied.body.id}/approve`).set(admin).send({}).expect(200);
      await until('the line refund', async () => (await refundsOf(o.id))[0].status === 'succeeded');
      const after = await order(o.id);
      expect(after).toMatchObject({ status: 'shipped', refundableAmount: o.total - 3000 });
      expect((await t.factory.sku(p.skus[0].id)).stock).toBe(8);
      expect((await t.http().get(`/api/orders?afterSale=true`).set(alice.auth).expect(200)).body.items.map((x: { id: number }) => x.id)).toContain(o.id);
    });

    it('refuses after-sales on unpaid orders and return-refund before shipping', async () => {
      const { order: unpaid } = await prepaidOrder();
      expect((await t.http().post(`/api/orders/${unpaid.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: 'x' }).expect(409)).body.code).toBe('REFUND_NOT_ALLOWED');
      const { order: o } = await paidOrder();
      expect((await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'return_refund', reason: 'x' }).expect(409)).body.code).toBe('REFUND_NOT_ALLOWED');
      await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'exchange', reason: 'x' }).expect(400);
      await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: 'x', amount: 1 }).expect(400);
      expect(await refundsOf(o.id)).toHaveLength(0);
    });

    it('lets only one of two simultaneous applications through', async () => {
      const { order: o } = await paidOrder();
      const results = await Promise.all([1, 2, 3].map(() => t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: '重复提交' })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(await refundsOf(o.id)).toHaveLength(1);
    });

    it('lists refunds for the operator by state', async () => {
      const list = await t.http().get('/admin/refunds?status=succeeded').set(admin).expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(list.body.items.every((r: { status: string }) => r.status === 'succeeded')).toBe(true);
      await t.http().get('/admin/refunds?status=lost').set(admin).expect(400);
      await t.http().get('/admin/refunds').set(alice.auth).expect(401);
      await t.http().post('/admin/refunds/999999/approve').set(admin).send({}).expect(404);
    });
  });

  it('keeps books straight: every paid order has a successful payment of the same amount', async () => {
    const paid = await repo(Order).findBy({ status: 'paid' });
    for (const o of paid) expect(await repo(Payment).findOneBy({ orderId: o.id, status: 'success', amount: o.total })).not.toBeNull();
  });
});
