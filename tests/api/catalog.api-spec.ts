import { startTestApp, TestApp } from '../factories/test-app';

describe('catalog', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let fruit: number;
  let veg: number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.loginAdmin();
    fruit = (await t.factory.category('水果')).id;
    veg = (await t.factory.category('蔬菜')).id;
    await t.factory.product({ title: '红富士苹果', subtitle: '脆甜', categoryId: fruit, skus: [{ price: 2990, stock: 5 }, { price: 1990, stock: 5 }] });
    await t.factory.product({ title: '贵妃芒', subtitle: '100%香甜', categoryId: fruit, skus: [{ price: 3980, stock: 5 }] });
    await t.factory.product({ title: '西红柿', subtitle: '沙瓤', categoryId: veg, skus: [{ price: 590, stock: 5 }] });
    await t.factory.product({ title: '下架苹果', categoryId: fruit, onShelf: false });
  });
  afterAll(() => t.close());

  it('lists categories and products by category with pagination, without login', async () => {
    const cats = await t.http().get('/api/categories').expect(200);
    expect(cats.body.map((c: { name: string }) => c.name)).toEqual(['水果', '蔬菜']);
    const page1 = await t.http().get(`/api/products?categoryId=${fruit}&pageSize=1`).expect(200);
    expect(page1.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    const page2 = await t.http().get(`/api/products?categoryId=${fruit}&pageSize=1&page=2`).expect(200);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
  });

  it('sorts by price both ways and shows the lowest SKU price', async () => {
    const asc = await t.http().get('/api/products?sort=price_asc').expect(200);
    expect(asc.body.items.map((p: { price: number }) => p.price)).toEqual([590, 1990, 3980]);
    const desc = await t.http().get('/api/products?sort=price_desc').expect(200);
    expect(desc.body.items.map((p: { title: string }) => p.title)).toEqual(['贵妃芒', '红富士苹果', '西红柿']);
  });

  it('searches title and subtitle, treating % and _ literally, and hides off-shelf products', async () => {
    const apple = await t.http().get(`/api/products?keyword=${encodeURIComponent('苹果')}`).expect(200);
    expect(apple.body.items.map((p: { title: string }) => p.title)).toEqual(['红富士苹果']);
    const percent = await t.http().get(`/api/products?keyword=${encodeURIComponent('100%')}`).expect(200);
    expect(percent.body.items.map((p: { title: string }) => p.title)).toEqual(['贵妃芒']);
    const none = await t.http().get(`/api/products?keyword=${encodeURIComponent('%')}`).expect(200);
    expect(none.body.total).toBe(1);
  });

  it('keeps the search index in step with edits and deletes, case-insensitively', async () => {
    const p = await t.factory.product({ title: 'Fuji苹果礼盒', subtitle: '送礼', categoryId: fruit });
    const ids = async (kw: string) => (await t.http().get(`/api/products?keyword=${encodeURIComponent(kw)}`).expect(200)).body.items.map((x: { id: number }) => x.id);
    expect(await ids('fuji')).toEqual([p.id]);
    expect(await ids('礼')).toEqual([p.id]);
    await t.http().put(`/admin/products/${p.id}`).set(admin).send({
      categoryId: fruit, title: '阳光玫瑰葡萄', subtitle: '无籽', images: ['/media/test.svg'], specDimensions: p.specDimensions,
      skus: p.skus.map((s) => ({ id: s.id, specs: s.specs, price: s.price, originalPrice: s.originalPrice })),
    }).expect(200);
    expect(await ids('fuji')).toEqual([]);
    expect(await ids('玫瑰')).toEqual([p.id]);
    expect(await ids('瑰葡')).toEqual([p.id]);
    expect(await ids('玫葡')).toEqual([]);
    await t.http().delete(`/admin/products/${p.id}`).set(admin).expect(204);
    expect(await ids('玫瑰')).toEqual([]);
  });

  it('sorts by sales once orders move stock', async () => {
    const shopper = await t.loginShopper();
    const tomato = (await t.http().get(`/api/products?categoryId=${veg}`).expect(200)).body.items[0];
    const detail = (await t.http().get(`/api/products/${tomato.id}`).expect(200)).body;
    await t.factory.order(shopper.userId, detail.skus[0].id, 3);
    const bySales = await t.http().get('/api/products?sort=sales').expect(200);
    expect(bySales.body.items[0]).toMatchObject({ title: '西红柿', sales: 3 });
  });

  it('shows a product with its SKUs, specs and stock', async () => {
    const list = await t.http().get(`/api/products?keyword=${encodeURIComponent('红富士')}`).expect(200);
    const res = await t.http().get(`/api/products/${list.body.items[0].id}`).expect(200);
    expect(res.body).toMatchObject({ title: '红富士苹果', price: 1990, specDimensions: [{ name: '规格', values: ['款式1', '款式2'] }] });
    expect(res.body.skus).toEqual([
      expect.objectContaining({ specs: { 规格: '款式1' }, price: 2990, stock: 5, sales: 0 }),
      expect.objectContaining({ specs: { 规格: '款式2' }, price: 1990, stock: 5 }),
    ]);
    await t.http().get('/api/products/999999').expect(404);
  });

  it('rejects bad queries with 400', async () => {
    expect((await t.http().get('/api/products?sort=cheapest').expect(400)).body.fields).toEqual(['sort']);
    await t.http().get('/api/products?pageSize=1000').expect(400);
    await t.http().get('/api/products/abc').expect(400);
  });

  describe('operator', () => {
    const input = (categoryId: number) => ({
      categoryId, title: '有机菠菜', subtitle: '当日采摘', images: ['/media/x.svg'], detail: [{ type: 'text', text: '新鲜' }],
      specDimensions: [{ name: '重量', values: ['300g', '500g'] }],
      skus: [{ specs: { 重量: '300g' }, price: 390, originalPrice: 490, stock: 10 }, { specs: { 重量: '500g' }, price: 590, originalPrice: 790, stock: 4 }],
      onShelf: true,
    });

    it('keeps the 规格参数 rows in order, replaces them on edit, and validates them', async () => {
      const attributes = [{ name: '产地', value: '山东寿光' }, { name: '保质期', value: '冷藏3天' }, { name: '储存方式', value: '0–4℃冷藏' }];
      const created = (await t.http().post('/admin/products').set(admin).send({ ...input(veg), attributes }).expect(201)).body;
      expect((await t.http().get(`/api/products/${created.id}`).expect(200)).body.attributes).toEqual(attributes);
      await t.http().put(`/admin/products/${created.id}`).set(admin).send({ ...input(veg), attributes: [{ name: '产地', value: '云南' }] }).expect(200);
      expect((await t.http().get(`/api/products/${created.id}`).expect(200)).body.attributes).toEqual([{ name: '产地', value: '云南' }]);
      const plain = (await t.http().post('/admin/products').set(admin).send(input(veg)).expect(201)).body;
      expect((await t.http().get(`/api/products/${plain.id}`).expect(200)).body.attributes).toEqual([]);
      for (const bad of [[{ name: '', value: 'x' }], [{ name: '产地' }], [{ name: '产地', value: 'x'.repeat(65) }], Array.from({ length: 21 }, (_, i) => ({ name: `n${i}`, value: 'v' }))]) {
        expect((await t.http().post('/admin/products').set(admin).send({ ...input(veg), attributes: bad }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('creates, edits, shelves, adjusts stock and deletes a product', async () => {
      const created = await t.http().post('/admin/products').set(admin).send(input(veg)).expect(201);
      const id = created.body.id;
      expect(created.body).toMatchObject({ price: 390, originalPrice: 490, onShelf: true });
      const [sku300, sku500] = created.body.skus;

      const edited = await t.http().put(`/admin/products/${id}`).set(admin).send({
        ...input(veg), title: '有机菠菜（精选）', skus: [{ id: sku300.id, specs: { 重量: '300g' }, price: 450, originalPrice: 490 }],
        specDimensions: [{ name: '重量', values: ['300g'] }],
      }).expect(200);
      expect(edited.body.title).toBe('有机菠菜（精选）');
      expect(edited.body.skus).toHaveLength(1);
      expect(edited.body.skus[0]).toMatchObject({ id: sku300.id, price: 450, stock: 10 });
      expect(edited.body.price).toBe(450);

      const stock = await t.http().post(`/admin/skus/${sku300.id}/stock`).set(admin).send({ delta: -4 }).expect(200);
      expect(stock.body.stock).toBe(6);
      expect((await t.http().post(`/admin/skus/${sku300.id}/stock`).set(admin).send({ delta: -7 }).expect(409)).body.code).toBe('STOCK_NEGATIVE');
      expect((await t.factory.sku(sku300.id)).stock).toBe(6);
      await t.http().post(`/admin/skus/${sku500.id}/stock`).set(admin).send({ delta: 1 }).expect(404);

      await t.http().post(`/admin/products/${id}/shelf`).set(admin).send({ onShelf: false }).expect(200);
      expect((await t.http().get(`/api/products?categoryId=${veg}`)).body.items.map((p: { id: number }) => p.id)).not.toContain(id);
      const offShelf = await t.http().get(`/admin/products?onShelf=false&categoryId=${veg}`).set(admin).expect(200);
      expect(offShelf.body.items.map((p: { id: number }) => p.id)).toContain(id);

      await t.http().delete(`/admin/products/${id}`).set(admin).expect(204);
      await t.http().get(`/api/products/${id}`).expect(404);
      await t.http().delete(`/admin/products/${id}`).set(admin).expect(404);
    });

    it('refuses inconsistent SKUs and bad fields, and writes nothing', async () => {
      const before = (await t.http().get('/admin/products?pageSize=100').set(admin)).body.total;
      const dupe = await t.http().post('/admin/products').set(admin).send({ ...input(veg), skus: [input(veg).skus[0], input(veg).skus[0]] }).expect(400);
      expect(dupe.body.code).toBe('VALIDATION_FAILED');
      const badValue = await t.http().post('/admin/products').set(admin).send({ ...input(veg), skus: [{ specs: { 重量: '2kg' }, price: 1, originalPrice: 1 }] }).expect(400);
      expect(badValue.body.message).toMatch(/2kg/);
      const fractional = await t.http().post('/admin/products').set(admin).send({ ...input(veg), skus: [{ specs: { 重量: '300g' }, price: 3.9, originalPrice: 4 }] }).expect(400);
      expect(fractional.body.fields).toEqual(expect.arrayContaining(['skus.0.price']));
      await t.http().post('/admin/products').set(admin).send({ ...input(999999) }).expect(404);
      await t.http().post('/admin/products').set(admin).send({ ...input(veg), images: ['javascript:alert(1)'] }).expect(400);
      expect((await t.http().get('/admin/products?pageSize=100').set(admin)).body.total).toBe(before);
    });

    it('manages categories; a category with products cannot be deleted', async () => {
      const c = await t.http().post('/admin/categories').set(admin).send({ name: '临时分类', sortOrder: 9 }).expect(201);
      await t.http().put(`/admin/categories/${c.body.id}`).set(admin).send({ name: '改名分类' }).expect(200);
      expect((await t.http().delete(`/admin/categories/${fruit}`).set(admin).expect(409)).body.code).toBe('CATEGORY_NOT_EMPTY');
      await t.http().delete(`/admin/categories/${c.body.id}`).set(admin).expect(204);
      await t.http().post('/admin/categories').set(admin).send({ name: '' }).expect(400);
    });

    it('lets only an admin delete, and refuses shoppers and anonymous callers', async () => {
      await t.http().post('/admin/users').set(admin).send({ username: 'catop', password: 'operator-pass-2', role: 'operator' }).expect(201);
      const op = await t.http().post('/admin/auth/login').send({ username: 'catop', password: 'operator-pass-2' }).expect(200);
      const opAuth = { Authorization: `Bearer ${op.body.token}` };
      const created = await t.http().post('/admin/products').set(opAuth).send(input(veg)).expect(201);
      await t.http().delete(`/admin/products/${created.body.id}`).set(opAuth).expect(403);
      await t.http().post('/admin/products').send(input(veg)).expect(401);
      const shopper = await t.loginShopper();
      await t.http().post('/admin/products').set(shopper.auth).send(input(veg)).expect(401);
    });
  });
});
