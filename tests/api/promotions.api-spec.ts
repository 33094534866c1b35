import type { GroupBuyPickView, ProductPromotionView } from '@linli/shared';
import { startTestApp, TestApp } from '../factories/test-app';

describe('promotions (card tags and the home 拼团 section)', () => {
  let t: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.loginAdmin();
  });
  afterAll(() => t.close());

  async function campaign(price: number, groupPrices: number[], opts: Record<string, unknown> = {}) {
    const product = await t.factory.product({ skus: groupPrices.map(() => ({ price, stock: 100 })) });
    const now = Date.now();
    const body = (await t.http().post('/admin/group-buy/campaigns').set(admin).send({
      productId: product.id, title: '拼团', groupSize: 3, timeLimitSeconds: 3600, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86400_000).toISOString(),
      stock: 50, perUserLimit: 5, skus: product.skus.map((s, i) => ({ skuId: s.id, groupPrice: groupPrices[i] })), ...opts,
    }).expect(201)).body;
    return { product, campaignId: body.id as number };
  }

  async function flash(startsInMs: number, flashPrice: number) {
    const product = await t.factory.product({ skus: [{ price: 5000, stock: 100 }] });
    const startsAt = new Date(Date.now() + startsInMs);
    const slot = (await t.http().post('/admin/flash-sale/slots').set(admin).send({ title: '场次', startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) }).expect(201)).body;
    await t.http().post(`/admin/flash-sale/slots/${slot.id}/items`).set(admin).send({ skuId: product.skus[0].id, flashPrice, stock: 10, perUserLimit: 1 }).expect(201);
    return { product, slotId: slot.id as number };
  }

  it('tags products with an active group-buy (cheapest group price) and a live flash slot, and nothing else', async () => {
    const group = await campaign(3000, [2390, 2190]);
    const live = await flash(-60_000, 990);
    const coming = await flash(3600_000, 890);
    const plain = await t.factory.product();
    const ids = [group.product.id, live.product.id, coming.product.id, plain.id];
    const answer = (await t.http().get(`/api/promotions/products?ids=${ids.join(',')}`).expect(200)).body as ProductPromotionView[];
    expect(answer).toEqual([
      { productId: group.product.id, groupBuy: { campaignId: group.campaignId, groupSize: 3, groupPrice: 2190 }, flash: null, coupon: null },
      { productId: live.product.id, groupBuy: null, flash: { slotId: live.slotId, flashPrice: 990, endsAt: expect.any(String) }, coupon: null },
      { productId: coming.product.id, groupBuy: null, flash: null, coupon: null },
      { productId: plain.id, groupBuy: null, flash: null, coupon: null },
    ]);
  });

  it('drops a stopped campaign', async () => {
    const stopped = await campaign(3000, [2000]);
    await t.http().post(`/admin/group-buy/campaigns/${stopped.campaignId}/stop`).set(admin).send({}).expect((r) => expect(r.status).toBeLessThan(300));
    const [answer] = (await t.http().get(`/api/promotions/products?ids=${stopped.product.id}`).expect(200)).body as ProductPromotionView[];
    expect(answer.groupBuy).toBeNull();
  });

  it('lists open campaigns for the home page with the group and single prices', async () => {
    const picks = (await t.http().get('/api/promotions/group-buys?limit=20').expect(200)).body as GroupBuyPickView[];
    expect(picks.length).toBeGreaterThan(0);
    for (const pick of picks) expect(pick.groupPrice).toBeLessThan(pick.price);
    expect(picks.find((p) => p.groupPrice === 2190)).toMatchObject({ groupSize: 3, price: 3000 });
  });

  it('tags 券 where a coupon the viewer holds or can still claim covers the product, server-side', async () => {
    const [a, b, c] = await Promise.all([t.factory.product(), t.factory.product(), t.factory.product()]);
    const category = (await t.factory.product()).categoryId;
    const d = await t.factory.product({ categoryId: category });
    const template = async (body: Record<string, unknown>) => (await t.http().post('/admin/coupons/templates').set(admin).send({
      title: '测试券', type: 'threshold_off', amount: 1000, threshold: 9900, validity: 'relative', validDays: 7, total: 100, perUserLimit: 1, ...body,
    }).expect(201)).body as { id: number };
    const onA = await template({ scope: 'products', scopeIds: [a.id] });
    await template({ scope: 'categories', scopeIds: [category], type: 'no_threshold', amount: 500, threshold: 0 });
    // Not in the centre (a redeem-code or operator coupon): no tag for anyone who does not hold it.
    const hidden = await template({ scope: 'products', scopeIds: [b.id], inCentre: false });
    const ids = [a.id, b.id, c.id, d.id].join(',');
    const tags = async (auth?: { Authorization: string }) => {
      const req = t.http().get(`/api/promotions/products?ids=${ids}`);
      const body = (await (auth ? req.set(auth) : req).expect(200)).body as ProductPromotionView[];
      return body.map((p) => p.coupon);
    };
    expect(await tags()).toEqual([{ label: '满99减10', held: false }, null, null, { label: '无门槛¥5', held: false }]);
    // Once claimed (limit 1), it is still a 券 the shopper holds; another shopper can still claim it.
    const s = await t.loginShopper();
    await t.http().post('/api/coupons/claims').set(s.auth).send({ templateId: onA.id }).expect(201);
    expect((await tags(s.auth))[0]).toEqual({ label: '满99减10', held: true });
    // An operator grants the hidden one: only its holder sees the tag.
    await t.http().post(`/admin/coupons/templates/${hidden.id}/grant`).set(admin).send({ userIds: [s.userId] }).expect((r) => expect(r.status).toBeLessThan(300));
    expect((await tags(s.auth))[1]).toEqual({ label: '满99减10', held: true });
    expect((await tags())[1]).toBeNull();
    // A stopped template is no longer claimable: no tag for those who do not hold it.
    await t.http().post(`/admin/coupons/templates/${onA.id}/stop`).set(admin).send({}).expect((r) => expect(r.status).toBeLessThan(300));
    expect((await tags())[0]).toBeNull();
  });

  it('validates the ids', async () => {
    for (const q of ['', 'ids=', 'ids=a,b', 'ids=0', `ids=${Array.from({ length: 51 }, (_, i) => i + 1).join(',')}`]) {
      expect((await t.http().get(`/api/promotions/products?${q}`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    await t.http().get('/api/promotions/group-buys?limit=0').expect(400);
  });
});
