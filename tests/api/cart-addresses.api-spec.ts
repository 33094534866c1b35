import type { ProductDetailView } from '@linli/shared';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

describe('cart and addresses', () => {
  let t: TestApp;
  let alice: Shopper;
  let bob: Shopper;
  let product: ProductDetailView;
  const address = { name: '李四', phone: '13700001111', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道88号' };

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob] = await Promise.all([t.loginShopper(), t.loginShopper()]);
    product = await t.factory.product({ skus: [{ price: 1990, stock: 5 }, { price: 990, stock: 2 }] });
  });
  afterAll(() => t.close());

  describe('cart', () => {
    it('adds, merges, changes quantity, selects and removes', async () => {
      const [a, b] = product.skus;
      let cart = (await t.http().post('/api/cart/items').set(alice.auth).send({ skuId: a.id, quantity: 1 }).expect(200)).body;
      cart = (await t.http().post('/api/cart/items').set(alice.auth).send({ skuId: a.id, quantity: 2 }).expect(200)).body;
      cart = (await t.http().post('/api/cart/items').set(alice.auth).send({ skuId: b.id, quantity: 1 }).expect(200)).body;
      expect(cart.items).toHaveLength(2);
      const itemA = cart.items.find((i: { skuId: number }) => i.skuId === a.id);
      expect(itemA).toMatchObject({ quantity: 3, price: 1990, selected: true, available: true, title: product.title });
      expect(cart).toMatchObject({ selectedCount: 4, selectedTotal: 3 * 1990 + 990 });

      cart = (await t.http().patch(`/api/cart/items/${itemA.id}`).set(alice.auth).send({ quantity: 1, selected: false }).expect(200)).body;
      expect(cart).toMatchObject({ selectedCount: 1, selectedTotal: 990 });
      cart = (await t.http().post('/api/cart/select').set(alice.auth).send({ selected: true }).expect(200)).body;
      expect(cart.selectedTotal).toBe(1990 + 990);
      cart = (await t.http().delete(`/api/cart/items/${itemA.id}`).set(alice.auth).expect(200)).body;
      expect(cart.items.map((i: { skuId: number }) => i.skuId)).toEqual([b.id]);
    });

    it('checks stock and shelf status', async () => {
      const [, b] = product.skus;
      const over = await t.http().post('/api/cart/items').set(bob.auth).send({ skuId: b.id, quantity: 3 }).expect(409);
      expect(over.body.code).toBe('STOCK_INSUFFICIENT');
      const off = await t.factory.product({ onShelf: false });
      expect((await t.http().post('/api/cart/items').set(bob.auth).send({ skuId: off.skus[0].id, quantity: 1 }).expect(409)).body.code).toBe('PRODUCT_OFF_SHELF');
      await t.http().post('/api/cart/items').set(bob.auth).send({ skuId: 999999, quantity: 1 }).expect(404);
    });

    it('marks an item unavailable when its product goes off shelf', async () => {
      const p = await t.factory.product({ skus: [{ price: 500, stock: 3 }] });
      await t.http().post('/api/cart/items').set(bob.auth).send({ skuId: p.skus[0].id, quantity: 2 }).expect(200);
      await t.http().post(`/admin/products/${p.id}/shelf`).set(await t.loginAdmin()).send({ onShelf: false }).expect(200);
      const cart = (await t.http().get('/api/cart').set(bob.auth).expect(200)).body;
      expect(cart.items.find((i: { skuId: number }) => i.skuId === p.skus[0].id)).toMatchObject({ available: false, unavailableReason: '商品已下架' });
      expect(cart.selectedTotal).toBe(0);
    });

    it("refuses another shopper's cart item with 404 and changes nothing", async () => {
      const aliceCart = (await t.http().get('/api/cart').set(alice.auth)).body;
      const id = aliceCart.items[0].id;
      expect((await t.http().patch(`/api/cart/items/${id}`).set(bob.auth).send({ quantity: 1 }).expect(404)).body.code).toBe('CART_ITEM_NOT_FOUND');
      await t.http().delete(`/api/cart/items/${id}`).set(bob.auth).expect(404);
      await t.http().post('/api/cart/remove').set(bob.auth).send({ itemIds: [id] }).expect(404);
      await t.http().post('/api/cart/select').set(bob.auth).send({ selected: false, itemIds: [id] }).expect(200);
      expect((await t.http().get('/api/cart').set(alice.auth)).body.items[0]).toMatchObject({ id, selected: true });
    });

    it('validates cart bodies and writes nothing', async () => {
      const before = (await t.http().get('/api/cart').set(bob.auth)).body.items.length;
      for (const body of [{ skuId: product.skus[0].id, quantity: 0 }, { skuId: product.skus[0].id, quantity: 1.5 }, { skuId: 'x', quantity: 1 }, { skuId: product.skus[0].id, quantity: 1, price: 1 }]) {
        expect((await t.http().post('/api/cart/items').set(bob.auth).send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      expect((await t.http().get('/api/cart').set(bob.auth)).body.items.length).toBe(before);
    });
  });

  describe('addresses', () => {
    it('keeps exactly one default', async () => {
      const first = (await t.http().post('/api/addresses').set(alice.auth).send(address).expect(201)).body;
      expect(first.isDefault).toBe(true);
      const second = (await t.http().post('/api/addresses').set(alice.auth).send({ ...address, name: '王五', isDefault: true }).expect(201)).body;
      let list = (await t.http().get('/api/addresses').set(alice.auth).expect(200)).body;
      expect(list.filter((a: { isDefault: boolean }) => a.isDefault).map((a: { id: number }) => a.id)).toEqual([second.id]);
      await t.http().put(`/api/addresses/${first.id}`).set(alice.auth).send({ ...address, detail: '世纪大道99号', isDefault: true }).expect(200);
      list = (await t.http().get('/api/addresses').set(alice.auth).expect(200)).body;
      expect(list[0]).toMatchObject({ id: first.id, isDefault: true, detail: '世纪大道99号' });
      await t.http().delete(`/api/addresses/${first.id}`).set(alice.auth).expect(204);
      list = (await t.http().get('/api/addresses').set(alice.auth).expect(200)).body;
      expect(list).toEqual([expect.objectContaining({ id: second.id, isDefault: true })]);
    });

    it("answers 404 for another shopper's address on every route and changes nothing", async () => {
      const mine = (await t.http().post('/api/addresses').set(alice.auth).send(address).expect(201)).body;
      expect((await t.http().get(`/api/addresses/${mine.id}`).set(bob.auth).expect(404)).body.code).toBe('ADDRESS_NOT_FOUND');
      await t.http().put(`/api/addresses/${mine.id}`).set(bob.auth).send({ ...address, name: '黑客' }).expect(404);
      await t.http().delete(`/api/addresses/${mine.id}`).set(bob.auth).expect(404);
      expect((await t.http().get(`/api/addresses/${mine.id}`).set(alice.auth).expect(200)).body.name).toBe('李四');
    });

    it('validates addresses and writes nothing', async () => {
      const before = (await t.http().get('/api/addresses').set(bob.auth)).body.length;
      const bad = await t.http().post('/api/addresses').set(bob.auth).send({ ...address, phone: '12345', name: '' }).expect(400);
      expect(bad.body.fields).toEqual(expect.arrayContaining(['phone', 'name']));
      await t.http().post('/api/addresses').set(bob.auth).send({ ...address, userId: alice.userId }).expect(400);
      expect((await t.http().get('/api/addresses').set(bob.auth)).body.length).toBe(before);
    });
  });
});
