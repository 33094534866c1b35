import { PublicReadCache } from '../../server/src/common/public-read-cache';
import { startTestApp, TestApp } from '../factories/test-app';

const TTL = 5000;

/**
 * The public read cache's staleness bound (PUBLIC_CACHE_TTL_MS): after a purchase or an operator's edit, stock and
 * prices may be answered stale for less than the bound and never after it. The cache's clock is moved, no real waits.
 */
describe('public read cache', () => {
  let t: TestApp;
  let cache: PublicReadCache;
  let clock = 1_000_000;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_CACHE_TTL_MS: String(TTL) });
    cache = t.app.get(PublicReadCache);
    cache.now = () => clock;
  });
  afterAll(() => t.close());

  it('shows stock and price changes within the bound after a purchase and an edit', async () => {
    const admin = await t.loginAdmin();
    const shopper = await t.loginShopper();
    const p = await t.factory.product({ title: '缓存测试苹果', skus: [{ price: 1990, stock: 10 }] });
    const detail = async () => t.http().get(`/api/products/${p.id}`).expect(200);
    const listed = async () => (await t.http().get(`/api/products?categoryId=${p.categoryId}`).expect(200)).body.items[0];

    const miss = await detail();
    expect(miss.headers['x-cache']).toBeUndefined();
    expect(miss.body.skus[0].stock).toBe(10);
    expect((await listed()).price).toBe(1990);
    expect((await detail()).headers['x-cache']).toBe('hit');

    await t.factory.order(shopper.userId, p.skus[0].id, 3);
    clock += TTL / 2 - 1;
    expect((await detail()).body.skus[0].stock).toBe(10); // inside the bound: may be stale
    // Past half its life, the entry is re-read in the background while requests are still answered from it.
    clock += 1;
    expect((await detail()).headers['x-cache']).toBe('hit');
    await cache.settled();
    const fresh = await detail();
    expect(fresh.headers['x-cache']).toBe('hit');
    expect(fresh.body.skus[0].stock).toBe(7);
    // The list entry was not asked for since: at its full life it is never served, whatever happened meanwhile.
    clock += TTL / 2;
    expect((await listed()).sales).toBe(3);

    await t.http().put(`/admin/products/${p.id}`).set(admin).send({
      categoryId: p.categoryId, title: p.title, images: ['/media/test.svg'], specDimensions: p.specDimensions,
      skus: p.skus.map((s) => ({ id: s.id, specs: s.specs, price: 1590, originalPrice: s.originalPrice })),
    }).expect(200);
    clock += TTL;
    expect((await detail()).body.skus[0].price).toBe(1590);
    expect((await listed()).price).toBe(1590);
  });

  it('never answers a logged-in viewer from an anonymous entry of a per-viewer read', async () => {
    const shopper = await t.loginShopper();
    await t.http().get('/api/flash-sale/slots').expect(200);
    expect((await t.http().get('/api/flash-sale/slots').expect(200)).headers['x-cache']).toBe('hit');
    // (Also the empty flash page of a logged-in shopper, which once answered 500 on MariaDB.)
    expect((await t.http().get('/api/flash-sale/slots').set(shopper.auth).expect(200)).headers['x-cache']).toBeUndefined();
    // Writes and private reads are never cached.
    expect((await t.http().get('/api/orders').set(shopper.auth).expect(200)).headers['x-cache']).toBeUndefined();
    expect((await t.http().get('/api/orders').set(shopper.auth).expect(200)).headers['x-cache']).toBeUndefined();
  });
});
