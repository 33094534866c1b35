import type { Locator, Page } from 'playwright-core';
import type { CartView } from '@linli/shared';
import { PhoneSession, baseUrl, screenshot } from './browser';

/**
 * The storefront's small things, in a phone-sized Chromium on the H5 build: the tab bar's cart badge follows
 * the cart, 我的 has one 全部订单 and keeps 切换账号 / 退出登录 in 设置, 客服 shows the store's phone and hours in H5,
 * and the product page's image counter sits above the swiper.
 */
describe('storefront (H5)', () => {
  let phone: PhoneSession;
  let page: Page;
  const $ = (selector: string): Locator => phone.$(selector);
  const addedItems: number[] = [];

  async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${await phone.token()}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    expect(res.status).toBeLessThan(300);
    return (await res.json()) as T;
  }
  const cartTabBadge = () => page.locator('.weui-tabbar__item').nth(2).locator('.weui-badge').filter({ visible: true });

  beforeAll(async () => {
    phone = await PhoneSession.open();
    page = phone.page;
  });
  afterAll(async () => {
    if (addedItems.length) await api('/api/cart/remove', { method: 'POST', body: { itemIds: addedItems } }).catch(() => undefined);
    await phone?.close();
  });

  it('shows the cart count on the tab bar', async () => {
    await phone.loginAs('小美');
    const products = (await (await fetch(`${baseUrl()}/api/products?pageSize=1`)).json()) as { items: { id: number }[] };
    const detail = (await (await fetch(`${baseUrl()}/api/products/${products.items[0].id}`)).json()) as { skus: { id: number; stock: number }[] };
    const sku = detail.skus.find((s) => s.stock >= 2)!;
    const before = (await api<CartView>('/api/cart')).items.map((i) => i.id);
    const cart = await api<CartView>('/api/cart/items', { method: 'POST', body: { skuId: sku.id, quantity: 2 } });
    addedItems.push(...cart.items.filter((i) => !before.includes(i.id)).map((i) => i.id));
    const units = cart.items.reduce((sum, i) => sum + i.quantity, 0);

    await page.goto(`${baseUrl()}/#/pages/index/index`);
    await cartTabBadge().filter({ hasText: String(units) }).waitFor();
    await screenshot(page, 'store-01-home-cart-badge');
  });

  it('shows open group-buys on home, and 拼团 tags with the struck price on product cards', async () => {
    await page.goto(`${baseUrl()}/#/pages/index/index`);
    const section = $('#home-group');
    await section.waitFor();
    const first = section.locator('.home-group__item').first();
    expect(await first.locator('.home-group__size').textContent()).toMatch(/^\d+人团$/);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'store-01b-home-group');

    await page.goto(`${baseUrl()}/#/packages/shop/search/index?keyword=${encodeURIComponent('烟台红富士苹果')}`);
    const card = $('.product-card').filter({ hasText: '烟台红富士苹果' }).first();
    await card.locator('[data-promotion="group"]').waitFor();
    expect(await card.locator('[data-promotion="group"] .product-card__tag-price').textContent()).toMatch(/^¥\d+\.\d{2}$/);
    await screenshot(page, 'store-01c-card-tags');
  });

  it('tags 券 on cards when a coupon in 领券中心 covers the product (the server decides)', async () => {
    const admin = { Authorization: `Bearer ${(await (await fetch(`${baseUrl()}/admin/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'linli-admin-2026' }) })).json()).token}`, 'Content-Type': 'application/json' };
    const found = await (await fetch(`${baseUrl()}/api/products?keyword=${encodeURIComponent('烟台红富士苹果')}`)).json();
    const apple = found.items.find((p: { title: string }) => p.title === '烟台红富士苹果');
    const res = await fetch(`${baseUrl()}/admin/coupons/templates`, {
      method: 'POST', headers: admin,
      body: JSON.stringify({ title: '苹果满30减5', type: 'threshold_off', amount: 500, threshold: 3000, scope: 'products', scopeIds: [apple.id], validity: 'relative', validDays: 7, total: 100, perUserLimit: 1 }),
    });
    expect(res.status).toBe(201);
    const template = await res.json();
    try {
      await page.goto(`${baseUrl()}/#/packages/shop/search/index?keyword=${encodeURIComponent('烟台红富士苹果')}`);
      const card = $('.product-card').filter({ hasText: '烟台红富士苹果' }).first();
      await card.locator('[data-promotion="coupon"]').filter({ hasText: '满30减5' }).waitFor();
      await card.locator('[data-promotion="group"]').waitFor();
      await screenshot(page, 'store-01d-card-coupon-tag');
    } finally {
      // Off the centre for the flows that run after this one.
      await fetch(`${baseUrl()}/admin/coupons/templates/${template.id}/stop`, { method: 'POST', headers: admin });
    }
  });

  it('has one 全部订单 on 我的, and 切换账号 / 退出登录 in 设置', async () => {
    await page.goto(`${baseUrl()}/#/pages/mine/index`);
    await $('#mine-user').waitFor();
    expect(await $('.order-shortcut--all').count()).toBe(0);
    expect(await page.locator('text=全部订单').filter({ visible: true }).count()).toBe(1);
    expect(await $('#mine-logout').count()).toBe(0);
    await screenshot(page, 'store-02-mine');

    await $('#mine-settings').click();
    await $('#mine-switch-account').waitFor();
    await $('#mine-logout').waitFor();
    await screenshot(page, 'store-03-settings');
  });

  it('shows the store phone and hours for 客服 in H5', async () => {
    await page.goto(`${baseUrl()}/#/pages/mine/index`);
    await $('#mine-service').click();
    const modal = $('.taro-modal__content').filter({ hasText: '客服电话' }).first();
    await modal.waitFor();
    expect(await modal.textContent()).toContain('服务时间');
    await screenshot(page, 'store-04-service-h5');
    await $('.taro-modal__foot').getByText('关闭').click();
  });

  it('offers history and popular searches before typing, and suggestions with 猜你喜欢 when nothing matches', async () => {
    await page.goto(`${baseUrl()}/#/packages/shop/search/index`);
    await $('#search-popular .search__chip').first().waitFor();
    const popular = (await $('#search-popular .search__chip').first().textContent())!;
    await screenshot(page, 'store-06-search-start');

    await $('#search-input input').fill('没有这种商品xyz');
    await $('#search-submit').click();
    await $('#search-suggestions .search__chip').first().waitFor();
    await $('#guess-you-like .product-card').first().waitFor();
    await screenshot(page, 'store-07-search-empty');

    // A suggestion searches at once, and the words searched are remembered.
    await $('#search-suggestions .search__chip').filter({ hasText: popular }).first().click();
    await $('.product-card').filter({ hasText: popular }).first().waitFor();
    await page.goto(`${baseUrl()}/#/pages/index/index`);
    await page.goto(`${baseUrl()}/#/packages/shop/search/index`);
    await page.reload();
    await $('#search-history').waitFor();
    expect(await $('#search-history .search__chip').allTextContents()).toEqual([popular, '没有这种商品xyz']);
  });

  it('recognises a pasted address and shows errors beside the fields', async () => {
    await page.goto(`${baseUrl()}/#/packages/user/address-edit/index`);
    await $('#addr-save').click();
    await $('#addr-name-error').filter({ hasText: '请填写收货人' }).waitFor();
    await $('#addr-region-error').filter({ hasText: '请选择省、市、区' }).waitFor();
    await screenshot(page, 'store-08-address-errors');

    await $('#addr-paste textarea').fill('张三 13800138000 上海市浦东新区世纪大道1号');
    await $('#addr-paste-apply').click();
    await $('#addr-region-text').filter({ hasText: '上海市 上海市 浦东新区' }).waitFor();
    expect(await $('#addr-name input').inputValue()).toBe('张三');
    expect(await $('#addr-phone input').inputValue()).toBe('13800138000');
    expect(await $('#addr-detail textarea').inputValue()).toBe('世纪大道1号');
    expect(await $('#addr-name-error').count()).toBe(0);
    await screenshot(page, 'store-09-address-pasted');

    // The region picker: provinces, cities and districts from the division data.
    await $('#addr-region').click();
    await page.locator('.weui-picker').filter({ visible: true }).first().waitFor();
    await screenshot(page, 'store-10-region-picker');
  });

  it('keeps the image counter above the swiper on the product page, with 客服 in the bar', async () => {
    const products = (await (await fetch(`${baseUrl()}/api/products?pageSize=1`)).json()) as { items: { id: number }[] };
    await page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${products.items[0].id}`);
    const counter = $('#product-image-index');
    await counter.waitFor();
    const box = (await counter.boundingBox())!;
    const onTop = await page.evaluate(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return Boolean(hit?.closest('#product-image-index'));
    }, [box.x + box.width / 2, box.y + box.height / 2]);
    expect(onTop).toBe(true);
    await $('#product-service').waitFor();
    await screenshot(page, 'store-05-product-top');
    expect(phone.errors).toEqual([]);
  });

  it('shows the guarantees row and the 规格参数 table from the product\'s attributes', async () => {
    const found = await (await fetch(`${baseUrl()}/api/products?keyword=${encodeURIComponent('烟台红富士苹果')}`)).json();
    const apple = found.items.find((p: { title: string }) => p.title === '烟台红富士苹果');
    await page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${apple.id}`);
    await $('#product-guarantees').filter({ hasText: '品质保障' }).waitFor();
    const table = $('#product-attributes');
    await table.filter({ hasText: '产地' }).filter({ hasText: '山东烟台栖霞' }).waitFor();
    for (const label of ['净含量', '保质期', '储存方式']) await table.filter({ hasText: label }).waitFor();
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'store-05b-product-attributes');
  });

  it('offers 猜你喜欢 under the cart of a visitor', async () => {
    const visitor = await PhoneSession.open();
    try {
      await visitor.page.goto(`${baseUrl()}/#/pages/cart/index`);
      await visitor.$('#guess-you-like .product-card').first().waitFor();
      await screenshot(visitor.page, 'store-11-cart-guess');
    } finally {
      await visitor.close();
    }
  });
});
