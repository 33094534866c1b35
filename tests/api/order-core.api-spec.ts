import type { OrderView } from '@linli/shared';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { Order } from '../../server/src/modules/orders/entities/order.entity';
import { OrderLine } from '../../server/src/modules/orders/entities/order-line.entity';
import { OrderSweeper } from '../../server/src/modules/orders/order-sweeper';
import { Refund } from '../../server/src/modules/payments/entities/refund.entity';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The order core: net line amounts and refunds of discounted orders, pickup fulfilment. */
describe('order core', () => {
  let t: TestApp;
  let alice: Shopper;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    alice = await t.loginShopper();
    admin = await t.loginAdmin();
  });
  afterAll(() => t.close());

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);
  const order = (id: number): Promise<OrderView> => t.http().get(`/api/orders/${id}`).set(alice.auth).expect(200).then((r) => r.body);
  async function pay(o: { id: number; orderNo: string }): Promise<void> {
    await t.http().post(`/api/orders/${o.id}/pay`).set(alice.auth).expect(200);
    await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: o.orderNo }).expect(200);
  }
  async function succeeded(refundId: number): Promise<void> {
    for (let i = 0; i < 100 && (await repo(Refund).findOneByOrFail({ id: refundId })).status !== 'succeeded'; i++) await sleep(50);
    expect((await repo(Refund).findOneByOrFail({ id: refundId })).status).toBe('succeeded');
  }

  describe('discounts and refunds', () => {
    it('stores each line\'s net after an order discount and refunds a line by its net, never unit price × quantity', async () => {
      const p = await t.factory.product({ skus: [{ price: 3000, stock: 10 }, { price: 1000, stock: 10 }] });
      const [a, b] = p.skus.map((s) => s.id);
      // Goods ¥90 + ¥10; ¥10 off, prorated 9 : 1; freight is charged on the ¥90 left to pay (below the ¥99 threshold).
      const o = await t.factory.discountedOrder(alice.userId, [{ skuId: a, quantity: 3 }, { skuId: b, quantity: 1 }], 1000);
      expect(o).toMatchObject({ subtotal: 10000, discount: 1000, freight: 800, total: 9800 });
      const lines = await repo(OrderLine).findBy({ orderId: o.id });
      expect(Object.fromEntries(lines.map((l) => [l.skuId, [l.lineTotal, l.netAmount]]))).toEqual({ [a]: [9000, 8100], [b]: [1000, 900] });
      expect(o.lines.find((l) => l.skuId === a)).toMatchObject({ netAmount: 8100 });
      await pay(o);

      // One unit of three: a third of the line's net (2700), not its unit price (3000).
      const one = await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: '拍多了', lines: [{ skuId: a, quantity: 1 }] }).expect(201);
      expect(one.body).toMatchObject({ amount: 2700, lines: [{ skuId: a, quantity: 1, amount: 2700 }] });
      await t.http().post(`/admin/refunds/${one.body.id}/approve`).set(admin).send({}).expect(200);
      await succeeded(one.body.id);
      // Its stock came back (the order had not shipped), and the order goes on.
      expect((await t.factory.sku(a)).stock).toBe(8);
      expect(await order(o.id)).toMatchObject({ status: 'paid', refundableAmount: 9800 - 2700 });
      // The other two units of that line: exactly the rest of its net.
      const two = await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: '拍多了', lines: [{ skuId: a, quantity: 2 }] }).expect(201);
      expect(two.body.amount).toBe(8100 - 2700);
      await t.http().post(`/admin/refunds/${two.body.id}/approve`).set(admin).send({}).expect(200);
      await succeeded(two.body.id);
      // The whole rest: line b's net and the freight; stock for b comes back, a's is not returned twice.
      const rest = await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: '不要了' }).expect(201);
      expect(rest.body.amount).toBe(900 + 800);
      await t.http().post(`/admin/refunds/${rest.body.id}/approve`).set(admin).send({}).expect(200);
      await succeeded(rest.body.id);
      expect((await order(o.id)).status).toBe('refunded');
      expect((await t.factory.sku(a)).stock).toBe(10);
      expect((await t.factory.sku(b)).stock).toBe(10);
    });

    it('refuses a discount, a price or a total sent by a client', async () => {
      const p = await t.factory.product();
      const address = (await t.factory.address(alice.userId)).id;
      const base = { lines: [{ skuId: p.skus[0].id, quantity: 1 }], addressId: address, source: 'buy_now' };
      for (const extra of [{ discount: 100 }, { adjustments: [{ kind: 'order_discount', amount: 100 }] }, { total: 1 }]) {
        expect((await t.http().post('/api/orders').set(alice.auth).send({ ...base, ...extra }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      await t.http().post('/api/orders/preview').set(alice.auth).send({ lines: base.lines, discount: 100 }).expect(400);
    });
  });

  describe('pickup fulfilment', () => {
    it('moves a pickup order paid → ready for pickup → picked up (completed), with no address and no freight', async () => {
      const store = await t.factory.pickupStore({ name: '文三路自提点' });
      const p = await t.factory.product({ skus: [{ price: 1990, stock: 5 }] });
      const lines = [{ skuId: p.skus[0].id, quantity: 1 }];

      const preview = (await t.http().post('/api/orders/preview').set(alice.auth).send({ lines, fulfilment: 'pickup', pickupStoreId: store.id }).expect(200)).body;
      expect(preview).toMatchObject({ fulfilment: 'pickup', freight: 0, total: 1990, address: null });
      await t.http().post('/api/orders').set(alice.auth).send({ lines, source: 'buy_now', fulfilment: 'pickup' }).expect(400);
      expect((await t.http().post('/api/orders').set(alice.auth).send({ lines, source: 'buy_now', fulfilment: 'pickup', pickupStoreId: 999999 }).expect(404)).body.code).toBe('PICKUP_STORE_NOT_FOUND');
      const created = (await t.http().post('/api/orders').set(alice.auth).send({ lines, source: 'buy_now', fulfilment: 'pickup', pickupStoreId: store.id }).expect(201)).body as OrderView;
      expect(created).toMatchObject({ fulfilment: 'pickup', address: null, pickupStore: { id: store.id, name: '文三路自提点' }, freight: 0, total: 1990 });

      // Not before it is paid; and a pickup order never ships.
      await t.http().post(`/admin/orders/${created.id}/ready-for-pickup`).set(admin).expect(409);
      await pay(created);
      expect((await t.http().post(`/admin/orders/${created.id}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: 'SF0001' }).expect(409)).body.code).toBe('ORDER_STATE_INVALID');
      await t.http().post(`/admin/orders/${created.id}/picked-up`).set(admin).expect(409);
      const shopperToken = alice.auth;
      await t.http().post(`/admin/orders/${created.id}/ready-for-pickup`).set(shopperToken).expect(401);

      const ready = (await t.http().post(`/admin/orders/${created.id}/ready-for-pickup`).set(admin).expect(200)).body;
      expect(ready).toMatchObject({ status: 'ready_for_pickup' });
      // Pickups never complete by timer, however long they wait.
      await t.app.get(OrderSweeper).sweepOnce(new Date(Date.now() + 400 * 86400_000));
      expect((await order(created.id)).status).toBe('ready_for_pickup');
      await t.http().post(`/api/orders/${created.id}/confirm-receipt`).set(alice.auth).expect(409);

      const picked = (await t.http().post(`/admin/orders/${created.id}/picked-up`).set(admin).expect(200)).body;
      expect(picked).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
      expect(picked.events.map((e: { event: string }) => e.event)).toEqual(['create', 'pay', 'mark_ready', 'pick_up']);
      await t.http().post(`/admin/orders/${created.id}/picked-up`).set(admin).expect(409);
      expect((await repo(Order).findOneByOrFail({ id: created.id })).readyAt).toBeInstanceOf(Date);
    });

    it('returns the stock when a pickup order waiting at the store is refunded', async () => {
      const store = await t.factory.pickupStore();
      const p = await t.factory.product({ skus: [{ price: 1000, stock: 5 }] });
      const o = (await t.http().post('/api/orders').set(alice.auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 2 }], source: 'buy_now', fulfilment: 'pickup', pickupStoreId: store.id }).expect(201)).body as OrderView;
      await pay(o);
      await t.http().post(`/admin/orders/${o.id}/ready-for-pickup`).set(admin).expect(200);
      expect((await t.factory.sku(p.skus[0].id)).stock).toBe(3);
      const applied = await t.http().post(`/api/orders/${o.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: '不想去取了' }).expect(201);
      await t.http().post(`/admin/refunds/${applied.body.id}/approve`).set(admin).send({}).expect(200);
      await succeeded(applied.body.id);
      expect((await order(o.id)).status).toBe('refunded');
      expect((await t.factory.sku(p.skus[0].id)).stock).toBe(5);
    });
  });
});
