import type { Locator, Page } from 'playwright-core';
import { PhoneSession, baseUrl, screenshot } from './browser';

/**
 * The flash sale (秒杀) in a phone-sized Chromium on the H5 build against the real server (no Redis unless REDIS_URL
 * is set: then purchases are queued and polled, otherwise confirmed at once; the pages handle both).
 * The operator opens a slot starting in about 25 s with one unit of an item (limit 1) and a second item.
 * 小美 sees it coming on the home page and on the flash page (即将开始, 距开始 countdown); when it opens the button
 * turns 立即抢购; she buys, pays on the simulator's cashier and sees 支付成功, then 已达上限 on the flash page.
 * 张阿姨, on his own phone, sees 已抢光; on the second item his purchase waits in the queue (排队中…, the Redis path,
 * answered here by intercepting the purchase calls) until it fails, and he is taken back with the reason.
 */
describe('flash sale (H5)', () => {
  const START_IN_MS = 25_000;
  let xiaomei: PhoneSession;
  let ajie: PhoneSession | undefined;
  let admin: Record<string, string>;
  let slot: { id: number; startsAt: string };
  let soloItem: { id: number; flashPrice: number };
  let beefProductId = 0;
  let otherItem: { id: number };

  beforeAll(async () => {
    xiaomei = await PhoneSession.open();
    const login = await fetch(`${baseUrl()}/admin/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'linli-admin-2026' }),
    });
    expect(login.status).toBe(200);
    admin = { Authorization: `Bearer ${(await login.json()).token}`, 'Content-Type': 'application/json' };
  });
  afterAll(async () => {
    await xiaomei?.close();
    await ajie?.close();
  });

  async function adminPost<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status !== 201 && res.status !== 200) throw new Error(`${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }
  async function firstSku(keyword: string): Promise<{ id: number; price: number }> {
    const found = await (await fetch(`${baseUrl()}/api/products?keyword=${encodeURIComponent(keyword)}`)).json();
    const product = found.items.find((p: { title: string }) => p.title === keyword);
    const detail = await (await fetch(`${baseUrl()}/api/products/${product.id}`)).json();
    return detail.skus.find((s: { stock: number }) => s.stock > 0);
  }
  async function shopperApi<T>(phone: PhoneSession, path: string): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, { headers: { Authorization: `Bearer ${await phone.token()}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
  async function logIn(phone: PhoneSession, nickname: string): Promise<void> {
    await phone.page.goto(`${baseUrl()}/#/pages/mine/index`);
    await phone.$('#mine-login').click();
    await phone.byText('.demo-shopper', nickname).click();
    await phone.$('.mine__nickname').filter({ hasText: nickname }).waitFor();
  }
  const hhmm = (iso: string) => {
    const d = new Date(iso);
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  };
  const itemCard = (phone: PhoneSession, itemId: number): Locator => phone.$(`.flash-item[data-item-id="${itemId}"]`);
  const itemButton = (phone: PhoneSession, itemId: number): Locator => itemCard(phone, itemId).locator('.flash-item__btn');

  it('shows 小美 the coming slot on the home page and on the flash page, with 即将开始 and a ticking countdown', async () => {
    const page: Page = xiaomei.page;
    await logIn(xiaomei, '小美');

    // The operator's slot: it opens in about 25 s and runs for 3 minutes.
    const startsAt = new Date(Date.now() + START_IN_MS);
    slot = await adminPost('/admin/flash-sale/slots', {
      title: '浏览器测试场',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 60_000).toISOString(),
    });
    const beefSku = await firstSku('手撕牛肉干');
    beefProductId = (await (await fetch(`${baseUrl()}/api/products?keyword=${encodeURIComponent('手撕牛肉干')}`)).json()).items[0].id;
    const soloFlashPrice = Math.max(100, Math.floor(beefSku.price / 2 / 10) * 10);
    const afterSolo = await adminPost<{ items: { id: number; skuId: number }[] }>(`/admin/flash-sale/slots/${slot.id}/items`, {
      skuId: beefSku.id, flashPrice: soloFlashPrice, stock: 1, perUserLimit: 1,
    });
    soloItem = { id: afterSolo.items.find((i) => i.skuId === beefSku.id)!.id, flashPrice: soloFlashPrice };
    const juiceSku = await firstSku('NFC鲜榨橙汁');
    const afterOther = await adminPost<{ items: { id: number; skuId: number }[] }>(`/admin/flash-sale/slots/${slot.id}/items`, {
      skuId: juiceSku.id, flashPrice: Math.max(100, Math.floor(juiceSku.price / 2 / 10) * 10), stock: 5, perUserLimit: 2,
    });
    otherItem = { id: afterOther.items.find((i) => i.skuId === juiceSku.id)!.id };

    // Home: the 限时秒杀 strip for this slot, counting down to its start.
    await page.goto(`${baseUrl()}/#/pages/index/index`);
    const strip = xiaomei.$('#home-flash');
    await strip.waitFor();
    await strip.locator('.home-flash__slot').filter({ hasText: hhmm(slot.startsAt) }).waitFor();
    await strip.getByText('距开始').waitFor();
    await strip.locator(`.home-flash__item[data-item-id="${soloItem.id}"]`).waitFor();
    await screenshot(page, 'flash-01-home-strip');

    // The strip opens the flash page on this slot.
    await strip.click();
    await itemCard(xiaomei, soloItem.id).waitFor();
    const tab = xiaomei.$(`.flash-slot[data-slot-id="${slot.id}"]`);
    expect(await tab.getAttribute('class')).toContain('flash-slot--active');
    await tab.locator('.flash-slot__caption').filter({ hasText: '即将开始' }).waitFor();
    await tab.locator('.flash-slot__time').filter({ hasText: hhmm(slot.startsAt) }).waitFor();
    await xiaomei.$('#flash-countdown').filter({ hasText: '距开始' }).waitFor();
    // Upcoming: 提醒我. Tapping it asks the server for a subscription message at the slot's start.
    const button = itemButton(xiaomei, soloItem.id);
    expect((await button.textContent())?.trim()).toBe('提醒我');
    expect(await button.getAttribute('data-state')).toBe('remind');
    await itemCard(xiaomei, soloItem.id).getByText('限量1件').waitFor();
    await button.click();
    await itemCard(xiaomei, soloItem.id).locator('.flash-item__btn[data-state="reminded"]').filter({ hasText: '已设提醒' }).waitFor();
    expect((await shopperApi<{ itemIds: number[] }>(xiaomei, '/api/flash-sale/reminders')).itemIds).toContain(soloItem.id);
    await screenshot(page, 'flash-02a-reminded');

    const clock = xiaomei.$('#flash-countdown .flash-clock');
    const before = await clock.textContent();
    await page.waitForTimeout(1600);
    expect(await clock.textContent()).not.toBe(before);
    await screenshot(page, 'flash-02-upcoming');
  });

  it('turns the button into 立即抢购 when the slot opens; 小美 buys, pays on the cashier page and sees 支付成功', async () => {
    const page = xiaomei.page;
    const button = itemButton(xiaomei, soloItem.id);
    await itemCard(xiaomei, soloItem.id).locator('.flash-item__btn--buy').waitFor({ timeout: START_IN_MS + 20_000 });
    expect((await button.textContent())?.trim()).toBe('立即抢购');
    // The slot started: WeChat (the simulator) got 小美's reminder, opening this slot.
    const shoppers = (await (await fetch(`${baseUrl()}/sim/wechat/dev/shoppers`)).json()) as { openid: string; nickname: string }[];
    const openid = shoppers.find((s) => s.nickname === '小美')!.openid;
    const deadline = Date.now() + 10_000;
    let reminder: { touser: string; page: string; data: Record<string, { value: string }> } | undefined;
    while (!reminder && Date.now() < deadline) {
      const sent = (await (await fetch(`${baseUrl()}/sim/wechat/dev/subscribe-messages`)).json()) as { touser: string; page: string; data: Record<string, { value: string }> }[];
      reminder = sent.find((m) => m.touser === openid && m.page.endsWith(`slot=${slot.id}`));
      if (!reminder) await page.waitForTimeout(500);
    }
    expect(reminder?.data.thing1.value).toBe('手撕牛肉干');
    await xiaomei.$(`.flash-slot[data-slot-id="${slot.id}"] .flash-slot__caption`).filter({ hasText: '抢购中' }).waitFor();
    await xiaomei.$('#flash-countdown').filter({ hasText: '距结束' }).waitFor();
    await itemCard(xiaomei, soloItem.id).getByText('已抢0%').waitFor();
    await screenshot(page, 'flash-03-live');

    // The product's own page shows the sale: 秒杀价 (not the full price), the countdown, and the way into the sale.
    await page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${beefProductId}`);
    await xiaomei.$('#product-flash').waitFor();
    const flashYuan = `${Math.floor(soloItem.flashPrice / 100)}.${String(soloItem.flashPrice % 100).padStart(2, '0')}`;
    expect(await xiaomei.$('#product-flash .flash-banner__price').textContent()).toBe(`¥${flashYuan}`);
    expect(await xiaomei.$('#product-flash .flash-banner__countdown').textContent()).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    await screenshot(page, 'flash-03b-product-live');
    await xiaomei.$('#product-flash').click();
    await itemCard(xiaomei, soloItem.id).locator('.flash-item__btn--buy').waitFor();

    // The confirm page: her default address, one unit at most, the server's price, and the short payment deadline.
    const previewed = page.waitForResponse((r) => r.url().endsWith('/api/flash-sale/preview') && r.status() === 200);
    await button.click();
    expect(await (await previewed).json()).toMatchObject({ subtotal: soloItem.flashPrice, freight: 0, total: soloItem.flashPrice });
    const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    await xiaomei.$('.flash-confirm-bar__total .price').filter({ hasText: yuan(soloItem.flashPrice) }).waitFor();
    await xiaomei.$('#flash-submit').filter({ hasText: '立即抢购' }).waitFor();
    await xiaomei.$('.flash-address__detail').filter({ hasText: '文三路邻里花园' }).waitFor();
    await xiaomei.$('#flash-pay-notice').filter({ hasText: '秒杀订单需在5分钟内完成支付，超时自动取消' }).waitFor();
    expect(await xiaomei.$('.flash-confirm__item .flash-confirm__title').textContent()).toBe('手撕牛肉干');
    expect(await xiaomei.$('.stepper-plus').getAttribute('class')).toContain('is-disabled');
    await screenshot(page, 'flash-04-confirm');

    // 立即抢购: confirmed at once (or after 排队中… with Redis), then straight on to paying.
    await xiaomei.$('#flash-submit').click();
    await xiaomei.$('#cashier-pay').waitFor({ timeout: 30_000 });
    expect(page.url()).toContain('/sim/wechatpay/cashier');
    await screenshot(page, 'flash-05-cashier');
    await xiaomei.$('#cashier-pay').click();
    await xiaomei.$('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'flash-06-paid');

    const orderId = Number(new URL(page.url().replace('#/', '')).searchParams.get('id'));
    const order = await shopperApi<{ kind: string; status: string; total: number; createdAt: string; payDeadline: string }>(xiaomei, `/api/orders/${orderId}`);
    expect(order).toMatchObject({ kind: 'flash', status: 'paid', total: soloItem.flashPrice });
    // The order list marks it 秒杀.
    await page.goto(`${baseUrl()}/#/packages/order/list/index?status=paid`);
    await xiaomei.$(`.order-card[data-order-id="${orderId}"] .order-card__kind--flash`).filter({ hasText: '秒杀' }).waitFor();
    await screenshot(page, 'flash-06b-order-list-tag');
    const payWindow = Date.parse(order.payDeadline) - Date.parse(order.createdAt);
    expect(payWindow).toBeGreaterThan(4 * 60_000);
    expect(payWindow).toBeLessThanOrEqual(5 * 60_000 + 1000);

    // Back on the flash page: she holds the one unit she may buy.
    await page.goto(`${baseUrl()}/#/packages/flash/index/index?slot=${slot.id}`);
    await itemCard(xiaomei, soloItem.id).locator('.flash-item__btn--limit_reached').filter({ hasText: '已达上限' }).waitFor();
    await screenshot(page, 'flash-07-limit-reached');
    expect(xiaomei.errors).toEqual([]);
  });

  it('shows 张阿姨, on another phone, that the item is 已抢光', async () => {
    ajie = await PhoneSession.open();
    await logIn(ajie, '张阿姨');
    // The live slot is the one shown first.
    await ajie.page.goto(`${baseUrl()}/#/packages/flash/index/index`);
    const button = itemButton(ajie, soloItem.id);
    await button.filter({ hasText: '已抢光' }).waitFor();
    expect(await button.getAttribute('data-state')).toBe('sold_out');
    expect(await ajie.$(`.flash-slot[data-slot-id="${slot.id}"]`).getAttribute('class')).toContain('flash-slot--active');
    await itemCard(ajie, soloItem.id).getByText('已抢100%').waitFor();
    await itemCard(ajie, soloItem.id).locator('.flash-item__stamp').waitFor();
    await screenshot(ajie.page, 'flash-08-sold-out');
    // The button says it is disabled, and tapping it anyway goes nowhere.
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    await button.click({ force: true });
    await ajie.page.waitForTimeout(500);
    expect(ajie.page.url()).toContain('/packages/flash/index/index');
  });

  it('keeps 张阿姨 in the queue (排队中…) while a purchase is queued, then says why it failed and goes back', async () => {
    const phone = ajie!;
    const page = phone.page;
    await itemButton(phone, otherItem.id).filter({ hasText: '立即抢购' }).click();
    await phone.$('#flash-submit').filter({ hasText: '立即抢购' }).waitFor();
    if ((await phone.$('.flash-address__empty').count()) > 0) {
      // No address yet: add one from the confirm page and come straight back to it.
      await phone.$('#flash-address').click();
      await phone.fillAddress({ name: '李杰', phone: '13700001111', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文一西路88号3幢' });
      await phone.$('#addr-save').click();
    }
    await phone.$('.flash-address__detail').waitFor();
    const ordersBefore = (await shopperApi<{ total: number }>(phone, '/api/orders')).total;

    // What the server answers with Redis: 202 queued, then polls until the queue settles (here: sold out).
    let polls = 0;
    await page.route('**/api/flash-sale/purchases', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ purchaseId: 'queuetest0001', status: 'queued', orderId: null, reason: null }) })
        : route.continue(),
    );
    await page.route('**/api/flash-sale/purchases/queuetest0001', (route) => {
      polls += 1;
      const settled = polls >= 8;
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ purchaseId: 'queuetest0001', status: settled ? 'failed' : 'queued', orderId: null, reason: settled ? '手慢了，已抢光' : null }),
      });
    });

    await phone.$('#flash-submit').click();
    await phone.$('#flash-queue').filter({ hasText: '排队中…' }).waitFor();
    await phone.$('#flash-submit').filter({ hasText: '排队中…' }).waitFor();
    await screenshot(page, 'flash-09-queued');
    await page.getByText('手慢了，已抢光').first().waitFor({ timeout: 10_000 });
    expect(await phone.$('#flash-queue').count()).toBe(0);
    await screenshot(page, 'flash-10-queue-failed');
    await itemCard(phone, otherItem.id).waitFor({ timeout: 10_000 });
    expect(page.url()).toContain('/packages/flash/index/index');
    expect(polls).toBeGreaterThanOrEqual(8);
    await page.unrouteAll();
    expect((await shopperApi<{ total: number }>(phone, '/api/orders')).total).toBe(ordersBefore);
    expect(phone.errors).toEqual([]);
  });
});
