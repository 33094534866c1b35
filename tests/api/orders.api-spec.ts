import { sweepInProcess } from '../factories/sweep-process';
import { OrderEventRecord } from '../../server/src/modules/orders/entities/order-event.entity';
import { Order } from '../../server/src/modules/orders/entities/order.entity';
import { OrderSweeper } from '../../server/src/modules/orders/order-sweeper';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


describe('orders', () => {
  let t: TestApp;
  let alice: Shopper;
  let bob: Shopper;
  let aliceAddress: number;

  beforeAll(async () => {
    t = await startTestApp({ ORDER_PAY_TIMEOUT_SECONDS: '2', FREIGHT_FLAT_FEN: '800', FREIGHT_FREE_THRESHOLD_FEN: '9900' });
    [alice, bob] = await Promise.all([t.loginShopper(), t.loginShopper()]);
    aliceAddress = (await t.factory.address(alice.userId)).id;
  });
  afterAll(() => t.close());

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);

  describe('checkout', () => {
    it('previews totals computed on the server, with freight below the threshold', async () => {
      const p = await t.factory.product({ skus: [{ price: 1990, stock: 10 }, { price: 3000, stock: 10 }] });
      const preview = await t.http().post('/api/orders/preview').set(alice.auth)
        .send({ lines: [{ skuId: p.skus[0].id, quantity: 2 }, { skuId: p.skus[1].id, quantity: 1 }, { skuId: p.skus[0].id, quantity: 1 }] }).expect(200);
      expect(preview.body).toMatchObject({ subtotal: 3 * 1990 + 3000, freight: 800, discount: 0, total: 3 * 1990 + 3000 + 800, problems: [] });
      expect(preview.body.lines).toHaveLength(2);
      expect(preview.body.address).toMatchObject({ id: aliceAddress, isDefault: true });
      const free = await t.http().post('/api/orders/preview').set(alice.auth).send({ lines: [{ skuId: p.skus[1].id, quantity: 4 }] }).expect(200);
      expect(free.body).toMatchObject({ subtotal: 12000, freight: 0, total: 12000 });
    });

    it('rejects client-sent prices and totals', async () => {
      const p = await t.factory.product();
      const sku = p.skus[0].id;
      for (const body of [
        { lines: [{ skuId: sku, quantity: 1, price: 1 }], addressId: aliceAddress, source: 'buy_now' },
        { lines: [{ skuId: sku, quantity: 1 }], addressId: aliceAddress, source: 'buy_now', total: 1 },
      ]) {
        expect((await t.http().post('/api/orders').set(alice.auth).send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      expect((await t.factory.sku(sku)).stock).toBe(100);
    });

    it('reports problems in the preview and refuses to place an order that cannot be fulfilled', async () => {
      const p = await t.factory.product({ skus: [{ price: 1000, stock: 1 }] });
      const preview = await t.http().post('/api/orders/preview').set(alice.auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 2 }] }).expect(200);
      expect(preview.body.problems).toEqual([{ skuId: p.skus[0].id, reason: expect.stringMatching(/库存仅剩1件/) }]);
      const res = await t.http().post('/api/orders').set(alice.auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 2 }], addressId: aliceAddress, source: 'buy_now' }).expect(409);
      expect(res.body.code).toBe('STOCK_INSUFFICIENT');
      await t.http().post('/api/orders').set(alice.auth).send({ lines: [{ skuId: 999999, quantity: 1 }], addressId: aliceAddress, source: 'buy_now' }).expect(404);
      expect((await t.factory.sku(p.skus[0].id)).stock).toBe(1);
    });

    it('places an order from the cart: takes stock, snapshots lines and address, empties those cart lines', async () => {
      const p = await t.factory.product({ skus: [{ price: 2500, stock: 10 }, { price: 1500, stock: 10 }] });
      const other = await t.factory.product();
      await t.http().post('/api/cart/items').set(alice.auth).send({ skuId: p.skus[0].id, quantity: 2 }).expect(200);
      await t.http().post('/api/cart/items').set(alice.auth).send({ skuId: p.skus[1].id, quantity: 1 }).expect(200);
      await t.http().post('/api/cart/items').set(alice.auth).send({ skuId: other.skus[0].id, quantity: 1 }).expect(200);
      const res = await t.http().post('/api/orders').set(alice.auth)
        .send({ lines: [{ skuId: p.skus[0].id, quantity: 2 }, { skuId: p.skus[1].id, quantity: 1 }], addressId: aliceAddress, source: 'cart', remark: '放门口' }).expect(201);
      expect(res.body).toMatchObject({ status: 'pending_payment', subtotal: 6500, freight: 800, total: 7300, remark: '放门口', address: { name: '张三', phone: '13912345678' } });
      expect(res.body.orderNo).toMatch(/^\d{26}$/);
      expect(new Date(res.body.payDeadline).getTime() - new Date(res.body.createdAt).getTime()).toBeGreaterThanOrEqual(1500);
      expect((await t.factory.sku(p.skus[0].id)).stock).toBe(8);
      const cart = (await t.http().get('/api/cart').set(alice.auth)).body;
      expect(cart.items.map((i: { skuId: number }) => i.skuId)).toEqual([other.skus[0].id]);
      // A later price change does not touch the placed order.
      await t.http().put(`/admin/products/${p.id}`).set(await t.loginAdmin()).send({
        categoryId: p.categoryId, title: p.title, images: p.images, specDimensions: p.specDimensions,
        skus: p.skus.map((s) => ({ id: s.id, specs: s.specs, price: 9900, originalPrice: 9900 })),
      }).expect(200);
      expect((await t.http().get(`/api/orders/${res.body.id}`).set(alice.auth)).body.lines[0].unitPrice).toBe(2500);
    });

    it('returns the same order for a repeated request key, even at the same moment', async () => {
      const p = await t.factory.product({ skus: [{ price: 1000, stock: 10 }] });
      const body = { lines: [{ skuId: p.skus[0].id, quantity: 1 }], addressId: aliceAddress, source: 'buy_now', requestKey: 'key-0123456789' };
      const results = await Promise.all([1, 2, 3].map(() => t.http().post('/api/orders').set(alice.auth).send(body)));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect((await t.factory.sku(p.skus[0].id)).stock).toBe(9);
    });

    it('refuses an address of another shopper', async () => {
      const p = await t.factory.product();
      const res = await t.http().post('/api/orders').set(bob.auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 1 }], addressId: aliceAddress, source: 'buy_now' }).expect(404);
      expect(res.body.code).toBe('ADDRESS_NOT_FOUND');
      await t.http().post('/api/orders/preview').set(bob.auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 1 }], addressId: aliceAddress }).expect(404);
    });

    it('never oversells: 50 parallel buy-now requests for stock 10 give exactly 10 orders', async () => {
      const p = await t.factory.product({ skus: [{ price: 990, stock: 10 }] });
      const buyers = await Promise.all(Array.from({ length: 50 }, () => t.loginShopper()));
      const addresses = await Promise.all(buyers.map((b) => t.factory.address(b.userId)));
      const results = await Promise.all(
        buyers.map((b, i) => t.http().post('/api/orders').set(b.auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 1 }], addressId: addresses[i].id, source: 'buy_now' })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 409)).toHaveLength(40);
      results.filter((r) => r.status === 409).forEach((r) => expect(r.body.code).toBe('STOCK_INSUFFICIENT'));
      const sku = await t.factory.sku(p.skus[0].id);
      expect(sku).toMatchObject({ stock: 0, sales: 10 });
      const orders = await repo(Order).createQueryBuilder('o').innerJoin('order_lines', 'l', 'l.order_id = o.id').where('l.sku_id = :sku', { sku: p.skus[0].id }).getCount();
      expect(orders).toBe(10);
    });
  });

  describe('reading and acting on orders', () => {
    it('lists by state and counts, newest first', async () => {
      const p = await t.factory.product();
      const shopper = await t.loginShopper();
      const a = await t.factory.order(shopper.userId, p.skus[0].id);
      const b = await t.factory.order(shopper.userId, p.skus[0].id);
      await t.factory.markPaid(b.id);
      const all = (await t.http().get('/api/orders').set(shopper.auth).expect(200)).body;
      expect(all.items.map((o: { id: number }) => o.id)).toEqual([b.id, a.id]);
      const pending = (await t.http().get('/api/orders?status=pending_payment').set(shopper.auth).expect(200)).body;
      expect(pending.items.map((o: { id: number }) => o.id)).toEqual([a.id]);
      expect((await t.http().get('/api/orders/counts').set(shopper.auth).expect(200)).body).toEqual({ pending_payment: 1, grouping: 0, paid: 1, shipped: 0, ready_for_pickup: 0, after_sale: 0 });
      await t.http().get('/api/orders?status=lost').set(shopper.auth).expect(400);
    });

    it("answers 404 for another shopper's order on every route and changes nothing", async () => {
      const p = await t.factory.product();
      const order = await t.factory.order(alice.userId, p.skus[0].id, 1, aliceAddress);
      for (const [method, path] of [['get', `/api/orders/${order.id}`], ['post', `/api/orders/${order.id}/cancel`], ['post', `/api/orders/${order.id}/confirm-receipt`]] as const) {
        const res = await t.http()[method](path).set(bob.auth).send({}).expect(404);
        expect(res.body.code).toBe('ORDER_NOT_FOUND');
      }
      expect((await t.http().get('/api/orders').set(bob.auth)).body.items.map((o: { id: number }) => o.id)).not.toContain(order.id);
      expect((await t.http().get(`/api/orders/${order.id}`).set(alice.auth).expect(200)).body.status).toBe('pending_payment');
    });

    it('cancels an unpaid order once and returns its stock', async () => {
      const p = await t.factory.product({ skus: [{ price: 1000, stock: 5 }] });
      const order = await t.factory.order(alice.userId, p.skus[0].id, 3, aliceAddress);
      expect((await t.factory.sku(p.skus[0].id)).stock).toBe(2);
      const [first, second] = await Promise.all([
        t.http().post(`/api/orders/${order.id}/cancel`).set(alice.auth).send({ reason: '不想要了' }),
        t.http().post(`/api/orders/${order.id}/cancel`).set(alice.auth).send({}),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const cancelled = (await t.http().get(`/api/orders/${order.id}`).set(alice.auth)).body;
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
      expect((await t.factory.sku(p.skus[0].id))).toMatchObject({ stock: 5, sales: 0 });
      expect((await t.http().post(`/api/orders/${order.id}/cancel`).set(alice.auth).send({}).expect(409)).body.code).toBe('ORDER_STATE_INVALID');
    });

    it('moves paid → shipped → completed through the operator and the shopper', async () => {
      const admin = await t.loginAdmin();
      const p = await t.factory.product();
      const order = await t.factory.order(alice.userId, p.skus[0].id, 1, aliceAddress);
      expect((await t.http().post(`/admin/orders/${order.id}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: 'SF100200300' }).expect(409)).body.code).toBe('ORDER_STATE_INVALID');
      await t.http().post(`/api/orders/${order.id}/confirm-receipt`).set(alice.auth).expect(409);
      await t.factory.markPaid(order.id);
      await t.http().post(`/api/orders/${order.id}/cancel`).set(alice.auth).send({}).expect(409);
      await t.http().post(`/admin/orders/${order.id}/ship`).set(admin).send({ carrier: '', trackingNo: 'x' }).expect(400);
      const shipped = await t.http().post(`/admin/orders/${order.id}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: 'SF100200300' }).expect(200);
      expect(shipped.body).toMatchObject({ status: 'shipped', shipment: { carrier: '顺丰速运', trackingNo: 'SF100200300' } });
      await t.http().post(`/admin/orders/${order.id}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: 'SF999' }).expect(409);
      const done = await t.http().post(`/api/orders/${order.id}/confirm-receipt`).set(alice.auth).expect(200);
      expect(done.body).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
      const detail = (await t.http().get(`/admin/orders/${order.id}`).set(admin).expect(200)).body;
      expect(detail.events.map((e: { event: string }) => e.event)).toEqual(['create', 'pay', 'ship', 'confirm_receipt']);
      expect(detail.events[2].actor).toMatch(/^operator:\d+$/);
    });

    it('lets the operator filter orders', async () => {
      const admin = await t.loginAdmin();
      const shopper = await t.loginShopper();
      const p = await t.factory.product();
      const order = await t.factory.order(shopper.userId, p.skus[0].id);
      const byUser = (await t.http().get(`/admin/orders?userId=${shopper.userId}`).set(admin).expect(200)).body;
      expect(byUser.items.map((o: { id: number }) => o.id)).toEqual([order.id]);
      const byNo = (await t.http().get(`/admin/orders?orderNo=${order.orderNo}`).set(admin).expect(200)).body;
      expect(byNo.total).toBe(1);
      const future = (await t.http().get(`/admin/orders?createdFrom=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`).set(admin).expect(200)).body;
      expect(future.total).toBe(0);
      const pending = (await t.http().get('/admin/orders?status=pending_payment&pageSize=100').set(admin).expect(200)).body;
      // The filter is checked on rows that exist: the order above is one of them.
      expect(pending.items.map((o: { id: number }) => o.id)).toContain(order.id);
      expect(pending.items.every((o: { status: string }) => o.status === 'pending_payment')).toBe(true);
      await t.http().get('/admin/orders?createdFrom=yesterday').set(admin).expect(400);
      await t.http().get('/admin/orders/999999').set(admin).expect(404);
    });
  });

  describe('sweeps', () => {
    it('cancels an unpaid order past its deadline and returns its stock', async () => {
      const p = await t.factory.product({ skus: [{ price: 1000, stock: 4 }] });
      const order = await t.factory.order(alice.userId, p.skus[0].id, 4, aliceAddress);
      const sweeper = t.app.get(OrderSweeper);
      await sweeper.sweepOnce();
      expect((await t.http().get(`/api/orders/${order.id}`).set(alice.auth)).body.status).toBe('pending_payment');
      await sleep(2100);
      await sweeper.sweepOnce();
      const after = (await t.http().get(`/api/orders/${order.id}`).set(alice.auth)).body;
      expect(after).toMatchObject({ status: 'cancelled', cancelReason: '超时未支付，订单已自动取消' });
      expect((await t.factory.sku(p.skus[0].id)).stock).toBe(4);
    });

    it('cancels each expired order exactly once when two processes sweep at the same time', async () => {
      // Anything already expired is swept here first, so the count below is only this test's orders.
      await sleep(2100);
      await t.app.get(OrderSweeper).sweepOnce();
      const p = await t.factory.product({ skus: [{ price: 500, stock: 30 }] });
      const shopper = await t.loginShopper();
      const address = (await t.factory.address(shopper.userId)).id;
      const orders = [];
      for (let i = 0; i < 20; i++) orders.push(await t.factory.order(shopper.userId, p.skus[0].id, 1, address));
      expect((await t.factory.sku(p.skus[0].id)).stock).toBe(10);
      await sleep(2100);
      const env = { ...t.db.env, WECHAT_SECRET: 'x', JWT_SECRET: 'test-secret-0123456789abcdef' };
      const [one, two] = await Promise.all([sweepInProcess<{ expired: number }>(env), sweepInProcess<{ expired: number }>(env)]);
      expect(one.expired + two.expired).toBe(20);
      expect((await t.factory.sku(p.skus[0].id)).stock).toBe(30);
      const expireEvents = await repo(OrderEventRecord).createQueryBuilder('e').where('e.event = :e AND e.order_id IN (:...ids)', { e: 'expire', ids: orders.map((o) => o.id) }).getCount();
      expect(expireEvents).toBe(20);
    });

    it('completes shipped orders after the configured days', async () => {
      const admin = await t.loginAdmin();
      const p = await t.factory.product();
      const order = await t.factory.order(alice.userId, p.skus[0].id, 1, aliceAddress);
      await t.factory.markPaid(order.id);
      await t.http().post(`/admin/orders/${order.id}/ship`).set(admin).send({ carrier: '中通快递', trackingNo: 'ZT123456' }).expect(200);
      const sweeper = t.app.get(OrderSweeper);
      await sweeper.sweepOnce(new Date(Date.now() + 9 * 24 * 3600_000));
      expect((await t.http().get(`/api/orders/${order.id}`).set(alice.auth)).body.status).toBe('shipped');
      await sweeper.sweepOnce(new Date(Date.now() + 10 * 24 * 3600_000 + 1000));
      expect((await t.http().get(`/api/orders/${order.id}`).set(alice.auth)).body.status).toBe('completed');
    });
  });
});
