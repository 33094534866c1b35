import type { MyReviewView, OrderView, ProductDetailView, ReviewPhotoView } from '@linli/shared';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ReviewPhotoSweeper } from '../../server/src/modules/reviews/review-photo.sweeper';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

describe('reviews (晒单)', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let alice: Shopper;
  let bob: Shopper;
  let product: ProductDetailView;
  let completed: OrderView;

  const jpegWithExif = () => sharp({ create: { width: 800, height: 600, channels: 3, background: '#4caf50' } })
    .jpeg().withExif({ IFD0: { Make: 'AliceSecretPhone', Copyright: 'GPS home' } }).toBuffer();

  const upload = (who: Shopper, body: Buffer, filename = 'a.jpg', contentType = 'image/jpeg') =>
    t.http().post('/api/reviews/photos').set(who.auth).attach('file', body, { filename, contentType });

  /** An order of `who` taken all the way to completed by the operator and the shopper. */
  async function completedOrder(who: Shopper, skuId: number): Promise<OrderView> {
    const order = await t.factory.order(who.userId, skuId, 1);
    await t.factory.markPaid(order.id);
    await t.http().post(`/admin/orders/${order.id}/ship`).set(admin).send({ carrier: '顺丰速运', trackingNo: `SF${order.id}000` }).expect(200);
    return (await t.http().post(`/api/orders/${order.id}/confirm-receipt`).set(who.auth).expect(200)).body as OrderView;
  }

  const lineIdOf = async (who: Shopper, orderId: number) => (await t.http().get(`/api/orders/${orderId}/reviews`).set(who.auth).expect(200)).body.lines[0].orderLineId as number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.loginAdmin();
    [alice, bob] = await Promise.all([t.loginShopper(), t.loginShopper()]);
    product = await t.factory.product({ skus: [{ price: 2390, stock: 50 }] });
    completed = await completedOrder(alice, product.skus[0].id);
  });
  afterAll(() => t.close());

  it('stores an uploaded photo without EXIF, with a thumbnail, under DATA_DIR', async () => {
    const res = await upload(alice, await jpegWithExif()).expect(201);
    const photo = res.body as ReviewPhotoView;
    expect(photo).toMatchObject({ width: 800, height: 600 });
    expect(photo.url).toMatch(/^\/media\/reviews\/\d{6}\/[0-9a-f]{24}\.jpg$/);
    expect(existsSync(join(t.config.dataDir, photo.url))).toBe(true);
    const served = await t.http().get(photo.url).buffer(true).parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); }).expect(200);
    const body = served.body as Buffer;
    expect(body.includes(Buffer.from('AliceSecretPhone'))).toBe(false);
    expect((await sharp(body).metadata()).exif).toBeUndefined();
    const thumb = await t.http().get(photo.thumbUrl).expect(200);
    expect(Number(thumb.headers['content-length'])).toBeGreaterThan(0);
  });

  it('refuses bad images with 400 and stores nothing', async () => {
    const stored = () => readdirSync(join(t.config.dataDir, 'media', 'reviews'), { recursive: true }).length;
    const before = stored();
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    for (const [body, name, type] of [[Buffer.from('not an image'), 'x.jpg', 'image/jpeg'], [gif, 'x.gif', 'image/gif'], [svg, 'x.svg', 'image/svg+xml'], [(await jpegWithExif()).subarray(0, 300), 'half.jpg', 'image/jpeg']] as const) {
      expect((await upload(alice, body, name, type).expect(400)).body.code).toBe('REVIEW_PHOTO_INVALID');
    }
    const big = Buffer.concat([await jpegWithExif(), Buffer.alloc(8 * 1024 * 1024)]);
    expect((await upload(alice, big).expect(400)).body.code).toBe('REVIEW_PHOTO_TOO_LARGE');
    expect((await t.http().post('/api/reviews/photos').set(alice.auth).send({ file: 'x' }).expect(400)).body.code).toBe('REVIEW_PHOTO_INVALID');
    await t.http().post('/api/reviews/photos').attach('file', await jpegWithExif(), 'a.jpg').expect(401);
    expect(stored()).toBe(before);
  });

  it('lets only the buyer of a completed order review, once per line', async () => {
    const pending = await t.factory.order(alice.userId, product.skus[0].id, 1);
    const pendingLine = await lineIdOf(alice, pending.id);
    expect((await t.http().get(`/api/orders/${pending.id}/reviews`).set(alice.auth).expect(200)).body.reviewable).toBe(false);
    expect((await t.http().post('/api/reviews').set(alice.auth).send({ orderLineId: pendingLine, rating: 5, content: '还没收到' }).expect(409)).body.code).toBe('REVIEW_NOT_ALLOWED');

    const lineId = await lineIdOf(alice, completed.id);
    // Another shopper cannot see the order's lines nor review them.
    expect((await t.http().get(`/api/orders/${completed.id}/reviews`).set(bob.auth).expect(404)).body.code).toBe('ORDER_NOT_FOUND');
    expect((await t.http().post('/api/reviews').set(bob.auth).send({ orderLineId: lineId, rating: 1, content: '差评' }).expect(404)).body.code).toBe('ORDER_NOT_FOUND');

    const photo = (await upload(alice, await jpegWithExif()).expect(201)).body as ReviewPhotoView;
    // Bob cannot use Alice's photo.
    const bobOrder = await completedOrder(bob, product.skus[0].id);
    const bobLine = await lineIdOf(bob, bobOrder.id);
    expect((await t.http().post('/api/reviews').set(bob.auth).send({ orderLineId: bobLine, rating: 4, content: '借图', photoIds: [photo.id] }).expect(400)).body.code).toBe('REVIEW_PHOTO_NOT_FOUND');

    const review = (await t.http().post('/api/reviews').set(alice.auth).send({ orderLineId: lineId, rating: 5, content: '  苹果很甜，个头大  ', photoIds: [photo.id] }).expect(201)).body as MyReviewView;
    expect(review).toMatchObject({ orderLineId: lineId, productId: product.id, rating: 5, content: '苹果很甜，个头大', hidden: false, specText: '规格: 款式1' });
    expect(review.photos.map((p) => p.id)).toEqual([photo.id]);
    expect((await t.http().post('/api/reviews').set(alice.auth).send({ orderLineId: lineId, rating: 4, content: '再评一次' }).expect(409)).body.code).toBe('REVIEW_EXISTS');
    const lines = (await t.http().get(`/api/orders/${completed.id}/reviews`).set(alice.auth).expect(200)).body;
    expect(lines).toMatchObject({ reviewable: true, lines: [{ orderLineId: lineId, review: { id: review.id } }] });

    // A photo already used cannot be attached to a second review.
    expect((await t.http().post('/api/reviews').set(bob.auth).send({ orderLineId: bobLine, rating: 3, content: '一般', photoIds: [photo.id] }).expect(400)).body.code).toBe('REVIEW_PHOTO_NOT_FOUND');
    await t.http().post('/api/reviews').set(bob.auth).send({ orderLineId: bobLine, rating: 3, content: '一般' }).expect(201);
  });

  it("refuses another shopper's review with 404 and changes nothing", async () => {
    const mine = (await t.http().get(`/api/orders/${completed.id}/reviews`).set(alice.auth)).body.lines[0].review as MyReviewView;
    expect((await t.http().get(`/api/reviews/${mine.id}`).set(bob.auth).expect(404)).body.code).toBe('REVIEW_NOT_FOUND');
    expect((await t.http().put(`/api/reviews/${mine.id}`).set(bob.auth).send({ rating: 1, content: '改成差评' }).expect(404)).body.code).toBe('REVIEW_NOT_FOUND');
    expect((await t.http().get(`/api/reviews/${mine.id}`).set(alice.auth).expect(200)).body).toMatchObject({ rating: 5, content: '苹果很甜，个头大' });
  });

  it('lets the author edit, dropping a photo', async () => {
    const mine = (await t.http().get(`/api/orders/${completed.id}/reviews`).set(alice.auth)).body.lines[0].review as MyReviewView;
    const old = mine.photos[0];
    const edited = (await t.http().put(`/api/reviews/${mine.id}`).set(alice.auth).send({ rating: 4, content: '甜，但有一个磕碰', photoIds: [] }).expect(200)).body;
    expect(edited).toMatchObject({ rating: 4, photos: [] });
    expect(existsSync(join(t.config.dataDir, old.url))).toBe(false);
    const photo = (await upload(alice, await jpegWithExif()).expect(201)).body as ReviewPhotoView;
    await t.http().put(`/api/reviews/${mine.id}`).set(alice.auth).send({ rating: 5, content: '苹果很甜，个头大', photoIds: [photo.id] }).expect(200);
  });

  it('shows the product summary and list with photo reviews first; masks names', async () => {
    const summary = (await t.http().get(`/api/products/${product.id}/reviews/summary`).expect(200)).body;
    expect(summary).toMatchObject({ productId: product.id, count: 2, withPhotos: 1, averageTenths: 40, goodPercent: 50 });
    expect(summary.top[0].photos).toHaveLength(1);
    expect(summary.top[0].authorName).toMatch(/^.\*\*$/);
    expect(summary.top[0]).not.toHaveProperty('orderLineId');
    const list = (await t.http().get(`/api/products/${product.id}/reviews?page=1&pageSize=10`).expect(200)).body;
    expect(list.total).toBe(2);
    expect(list.items.map((r: { photos: unknown[] }) => r.photos.length)).toEqual([1, 0]);
    expect((await t.http().get(`/api/products/${product.id}/reviews?withPhotos=true`).expect(200)).body.total).toBe(1);
    expect((await t.http().get('/api/products/999999/reviews').expect(404)).body.code).toBe('PRODUCT_NOT_FOUND');
  });

  it('lets an operator hide a review with a reason; the author still sees it', async () => {
    const mine = (await t.http().get(`/api/orders/${completed.id}/reviews`).set(alice.auth)).body.lines[0].review as MyReviewView;
    await t.http().post(`/admin/reviews/${mine.id}/hide`).set(alice.auth).send({ reason: '广告' }).expect(401);
    expect((await t.http().post(`/admin/reviews/${mine.id}/hide`).set(admin).send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const hidden = (await t.http().post(`/admin/reviews/${mine.id}/hide`).set(admin).send({ reason: '含有广告' }).expect(200)).body;
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: '含有广告', userId: alice.userId });
    expect((await t.http().get(`/api/products/${product.id}/reviews/summary`).expect(200)).body).toMatchObject({ count: 1, withPhotos: 0 });
    expect((await t.http().get(`/api/reviews/${mine.id}`).set(alice.auth).expect(200)).body.hidden).toBe(true);
    expect((await t.http().get('/admin/reviews?hidden=true').set(admin).expect(200)).body.items.map((r: { id: number }) => r.id)).toEqual([mine.id]);
    await t.http().post(`/admin/reviews/${mine.id}/show`).set(admin).expect(200);
    expect((await t.http().get(`/api/products/${product.id}/reviews/summary`).expect(200)).body.count).toBe(2);
    await t.http().post('/admin/reviews/999999/hide').set(admin).send({ reason: '不存在的' }).expect(404);
  });

  it('validates review bodies', async () => {
    const bobOrder = await completedOrder(bob, product.skus[0].id);
    const line = await lineIdOf(bob, bobOrder.id);
    for (const body of [
      { orderLineId: line, rating: 0, content: 'x' }, { orderLineId: line, rating: 6, content: 'x' }, { orderLineId: line, rating: 4.5, content: 'x' },
      { orderLineId: line, rating: 5, content: 'x'.repeat(501) }, { orderLineId: line, rating: 5, content: 'x', photoIds: [1, 2, 3, 4, 5, 6, 7] },
      { orderLineId: line, rating: 5, content: 'x', photoIds: [1, 1] }, { orderLineId: 'a', rating: 5, content: 'x' }, { orderLineId: line, rating: 5, content: 'x', reward: 1 },
    ]) {
      expect((await t.http().post('/api/reviews').set(bob.auth).send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.http().get(`/api/orders/${bobOrder.id}/reviews`).set(bob.auth)).body.lines[0].review).toBeNull();
  });

  it('removes photos no review took after a day, with their files, and keeps used ones', async () => {
    const unused = (await upload(bob, await jpegWithExif()).expect(201)).body as ReviewPhotoView;
    const used = ((await t.http().get(`/api/orders/${completed.id}/reviews`).set(alice.auth)).body.lines[0].review as MyReviewView).photos[0];
    const sweeper = t.app.get(ReviewPhotoSweeper);
    expect(await sweeper.sweepOnce(new Date(Date.now() + 3600_000))).toBe(0);
    expect(await sweeper.sweepOnce(new Date(Date.now() + 25 * 3600_000))).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(t.config.dataDir, unused.url))).toBe(false);
    expect(existsSync(join(t.config.dataDir, unused.thumbUrl))).toBe(false);
    expect(existsSync(join(t.config.dataDir, used.url))).toBe(true);
    const fresh = await completedOrder(bob, product.skus[0].id);
    const line = await lineIdOf(bob, fresh.id);
    expect((await t.http().post('/api/reviews').set(bob.auth).send({ orderLineId: line, rating: 5, content: '迟到的评价', photoIds: [unused.id] }).expect(400)).body.code).toBe('REVIEW_PHOTO_NOT_FOUND');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    for (const path of ['/api/reviews/photos', '/api/reviews', '/api/reviews/{id}', '/api/orders/{id}/reviews', '/api/products/{id}/reviews', '/api/products/{id}/reviews/summary', '/admin/reviews/{id}/hide']) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.paths['/api/reviews/photos'].post.requestBody.content).toHaveProperty(['multipart/form-data']);
  });
});
