import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Locator, Page } from 'playwright-core';
import type { OrderView, Page as ApiPage } from '@linli/shared';
import { PhoneSession, baseUrl, screenshot } from './browser';

/**
 * Reviews with photos (晒单), in a phone-sized Chromium on the H5 build: 小美 opens her completed demo order,
 * sees 再来一单 and 评价, writes a four-star review with a photo (uploaded, EXIF removed on the server), and the
 * product page then shows the rating, the count, 有图 and her review; the reviews page lists it under 有图.
 */
describe('reviews (H5)', () => {
  let phone: PhoneSession;
  let page: Page;
  let order: OrderView;
  const $ = (selector: string): Locator => phone.$(selector);

  beforeAll(async () => {
    phone = await PhoneSession.open();
    page = phone.page;
  });
  afterAll(async () => {
    await phone?.close();
  });

  it('offers 再来一单 and 评价 on a completed order, with the tracking number to copy', async () => {
    await phone.loginAs('小美');
    const token = await phone.token();
    const orders = (await (await fetch(`${baseUrl()}/api/orders?status=completed`, { headers: { Authorization: `Bearer ${token}` } })).json()) as ApiPage<OrderView>;
    order = orders.items[0];
    expect(order.status).toBe('completed');

    await page.goto(`${baseUrl()}/#/packages/order/list/index?status=completed`);
    const card = $(`.order-card[data-order-id="${order.id}"]`);
    await card.waitFor();
    await expect(card.locator('.order-card__again').isVisible()).resolves.toBe(true);
    await expect(card.locator('.order-card__review').isVisible()).resolves.toBe(true);
    await screenshot(page, 'review-01-order-list-completed');

    await card.locator('.order-card__detail').click();
    await $('#order-tracking-no').filter({ hasText: order.shipment!.trackingNo }).waitFor();
    expect(await $('#order-carrier').textContent()).toContain(order.shipment!.carrier);
    await $('#order-tracking-copy').waitFor();
    await $('#order-buy-again').waitFor();
    await screenshot(page, 'review-02-order-detail-completed');
  });

  it('writes a review with a photo', async () => {
    await $('#order-review').click();
    const form = $('.write-review__line').first();
    await form.waitFor();
    await screenshot(page, 'review-03-write-empty');

    await form.locator('.stars__star[data-value="4"]').click();
    await form.locator('textarea').fill('果子很新鲜，甜度刚好，下次还买');
    const dir = mkdtempSync(join(tmpdir(), 'linli-review-'));
    const file = join(dir, 'photo.jpg');
    writeFileSync(file, await sharp({ create: { width: 900, height: 700, channels: 3, background: '#ff9f1c' } }).jpeg().withExif({ IFD0: { Make: 'XiaomeiPhone' } }).toBuffer());
    const chooser = page.waitForEvent('filechooser');
    await form.locator('.write-review__add-photo').click();
    await (await chooser).setFiles(file);
    await form.locator('.write-review__photo-image').first().waitFor();
    await screenshot(page, 'review-04-write-filled');

    await form.locator('.write-review__submit').click();
    await form.locator('.write-review__done').waitFor();
    await screenshot(page, 'review-05-written');
  });

  it('shows the rating, count and 有图 on the product page, and the reviews page', async () => {
    const productId = order.lines[0].productId;
    await page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${productId}`);
    await $('#product-reviews').waitFor();
    expect(await $('#product-review-count').textContent()).toBe('(1)');
    expect(await $('#product-review-rating').textContent()).toContain('4.0分');
    expect(await $('#product-review-photos').textContent()).toBe('有图(1)');
    await $('#product-reviews .review-card__photo').first().waitFor();
    await $('#product-reviews').scrollIntoViewIfNeeded();
    await screenshot(page, 'review-06-product-block');

    await $('#product-review-photos').click();
    await $('.reviews-page__list .review-card').first().waitFor();
    expect(await $('.reviews-page__list .review-card__content').first().textContent()).toBe('果子很新鲜，甜度刚好，下次还买');
    await screenshot(page, 'review-07-reviews-page');
    expect(phone.errors).toEqual([]);
  });
});
