import type { CouponOfferView, OrderView, RedPacketView } from '@linli/shared';
import type { Page } from 'playwright-core';
import { PhoneSession, baseUrl, screenshot } from './browser';

/**
 * Coupons and red packets in a phone-sized Chromium on the H5 build against the real server:
 * 小美 claims a coupon in 领券中心, sees it on the product page (券后价), checks out with it chosen for her and pays;
 * 阿杰 sends a lucky packet and pays for it; 老王 opens the share link in a fresh browser, logs in, opens the
 * envelope, sees the list of claims, and uses the coupon at checkout.
 */
describe('coupons and red packets (H5)', () => {
  let admin: Record<string, string>;
  let templateId = 0;
  let riceId = 0;
  const sessions: PhoneSession[] = [];

  beforeAll(async () => {
    const login = await fetch(`${baseUrl()}/admin/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'linli-admin-2026' }) });
    admin = { Authorization: `Bearer ${(await login.json()).token}`, 'Content-Type': 'application/json' };
    riceId = await productId('五常大米');
    // Only for the rice, so the other browser flows' prices stay as they expect.
    const res = await fetch(`${baseUrl()}/admin/coupons/templates`, {
      method: 'POST', headers: admin,
      body: JSON.stringify({ title: '大米满60减8', type: 'threshold_off', amount: 800, threshold: 6000, scope: 'products', scopeIds: [riceId], validity: 'relative', validDays: 7, total: 100, perUserLimit: 1 }),
    });
    expect(res.status).toBe(201);
    templateId = (await res.json()).id;
  });
  afterAll(async () => {
    // Off the claim centre and product pages for the flows that run after this one.
    await fetch(`${baseUrl()}/admin/coupons/templates/${templateId}/stop`, { method: 'POST', headers: admin });
    for (const s of sessions) await s.close();
  });

  async function productId(title: string): Promise<number> {
    const found = await (await fetch(`${baseUrl()}/api/products?keyword=${encodeURIComponent(title)}`)).json();
    return found.items.find((p: { title: string }) => p.title === title).id;
  }
  async function api<T>(phone: PhoneSession, path: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, { ...init, headers: { Authorization: `Bearer ${await phone.token()}`, 'Content-Type': 'application/json' } });
    expect(res.status).toBeLessThan(300);
    return (await res.json()) as T;
  }
  async function open(): Promise<PhoneSession> {
    const s = await PhoneSession.open();
    sessions.push(s);
    return s;
  }
  /** Pays on the simulator's cashier page that checkout (or the send page) went to. */
  async function payOnCashier(page: Page, phone: PhoneSession): Promise<void> {
    await phone.$('#cashier-pay').waitFor({ timeout: 20000 });
    await phone.$('#cashier-pay').click();
    await page.waitForURL(/#\/packages\/(order\/result|coupons\/packet)/, { timeout: 20000 });
  }

  it('小美 claims a coupon in 领券中心 from the home page', async () => {
    const xiaomei = await open();
    await xiaomei.loginAs('小美');
    await xiaomei.page.goto(`${baseUrl()}/#/pages/index/index`);
    await xiaomei.$('#home-coupon-centre').click();
    const button = xiaomei.$(`#offer-${templateId}-button`);
    await button.waitFor();
    expect(await button.textContent()).toBe('立即领取');
    await screenshot(xiaomei.page, 'coupons-01-centre');
    await button.click();
    await xiaomei.$(`#offer-${templateId}-button`).filter({ hasText: '去使用' }).waitFor();
    await screenshot(xiaomei.page, 'coupons-02-centre-claimed');
    const centre = await api<CouponOfferView[]>(xiaomei, '/api/coupons/centre');
    expect(centre.find((c) => c.id === templateId)).toMatchObject({ claimed: 1, state: 'claimed' });
  });

  it('小美 sees 券后价 on the product page, checks out with the coupon chosen for her, and pays', async () => {
    const xiaomei = sessions[0];
    const page = xiaomei.page;
    await page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${riceId}`);
    await xiaomei.$('#product-coupon-row').waitFor();
    // The cheapest rice (¥39.90) does not reach ¥60, so no 券后价 for one unit of it.
    expect(await xiaomei.$('#product-after-coupon').count()).toBe(0);
    await xiaomei.$('#product-coupon-row').click();
    await xiaomei.$(`#product-offer-${templateId}`).waitFor();
    await screenshot(page, 'coupons-03-product-coupons');
    await xiaomei.$('.bottom-sheet__close').click();

    await xiaomei.$('#buy-now').click();
    await xiaomei.chooseSku(['5kg']);
    await xiaomei.$('#sku-confirm').click();
    await xiaomei.$('#checkout-coupon-value').filter({ hasText: '-¥8.00' }).waitFor();
    await xiaomei.$('.coupon-row__tag').filter({ hasText: '已选最优' }).waitFor();
    expect(await xiaomei.$('.amount-discount').textContent()).toBe('-¥8.00');
    await screenshot(page, 'coupons-04-checkout');
    await xiaomei.$('#checkout-coupon').click();
    await xiaomei.$('#pick-coupon-none').waitFor();
    await screenshot(page, 'coupons-05-checkout-picker');
    // None, then back to the coupon: the price follows the server each time.
    await xiaomei.$('#pick-coupon-none').click();
    await xiaomei.$('.amount-discount').filter({ hasText: '-¥0.00' }).waitFor();
    await xiaomei.$('#checkout-coupon').click();
    await xiaomei.$('[id^="pick-coupon-"]:not(#pick-coupon-none)').first().click();
    await xiaomei.$('.amount-discount').filter({ hasText: '-¥8.00' }).waitFor();

    await xiaomei.$('#checkout-submit').click();
    await payOnCashier(page, xiaomei);
    await xiaomei.$('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20000 });
    const orders = await api<{ items: OrderView[] }>(xiaomei, '/api/orders');
    expect(orders.items[0]).toMatchObject({ status: 'paid', discount: 800, subtotal: 6990 });

    await page.goto(`${baseUrl()}/#/packages/coupons/mine/index`);
    await xiaomei.$('.tab-used').click();
    await xiaomei.$('.my-coupon').filter({ hasText: '大米满60减8' }).waitFor();
    await screenshot(page, 'coupons-06-my-coupons-used');
  });

  it('the cart says how much is missing for free shipping and for a coupon', async () => {
    const xiaomei = sessions[0];
    const gift = await fetch(`${baseUrl()}/admin/coupons/templates`, {
      method: 'POST', headers: admin,
      body: JSON.stringify({ title: '西红柿满20减3', type: 'threshold_off', amount: 300, threshold: 2000, scope: 'products', scopeIds: [await productId('山东寿光西红柿')], validity: 'relative', validDays: 1, total: 5, perUserLimit: 1, inCentre: false }),
    });
    const { id } = await gift.json();
    const me = await api<{ id: number }>(xiaomei, '/api/auth/me');
    await fetch(`${baseUrl()}/admin/coupons/templates/${id}/grant`, { method: 'POST', headers: admin, body: JSON.stringify({ userIds: [me.id] }) });
    const tomato = await (await fetch(`${baseUrl()}/api/products/${await productId('山东寿光西红柿')}`)).json();
    const cart = await api<{ items: { id: number }[] }>(xiaomei, '/api/cart/items', { method: 'POST', body: JSON.stringify({ skuId: tomato.skus[0].id, quantity: 1 }) });
    await xiaomei.page.goto(`${baseUrl()}/#/pages/cart/index`);
    await xiaomei.$('#cart-hints').filter({ hasText: '免运费' }).waitFor();
    expect(await xiaomei.$('#cart-hints').textContent()).toContain('还差¥14.10可用「西红柿满20减3」');
    await screenshot(xiaomei.page, 'coupons-07-cart-hints');
    for (const item of cart.items) await fetch(`${baseUrl()}/api/cart/items/${item.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${await xiaomei.token()}` } });
    await fetch(`${baseUrl()}/admin/coupons/templates/${id}/stop`, { method: 'POST', headers: admin });
  });

  let packetUrl = '';

  it('阿杰 sends a lucky packet and pays for it, landing on the envelope with its share card', async () => {
    const ajie = await open();
    await ajie.loginAs('阿杰');
    // Other flows may have given 阿杰 orders already: count them before.
    const ordersBefore = (await api<{ total: number }>(ajie, '/api/orders')).total;
    await ajie.page.goto(`${baseUrl()}/#/packages/coupons/send/index`);
    await ajie.$('#packet-kind-lucky').click();
    await ajie.$('#packet-shares input, input#packet-shares').first().fill('3');
    await ajie.$('#packet-amount input, input#packet-amount').first().fill('6.66');
    await ajie.$('#packet-greeting input, input#packet-greeting').first().fill('周末愉快');
    await ajie.$('.send-packet__yuan').filter({ hasText: '¥6.66' }).waitFor();
    await screenshot(ajie.page, 'coupons-08-send');
    await ajie.$('#packet-pay').click();
    await payOnCashier(ajie.page, ajie);
    await ajie.page.waitForURL(/#\/packages\/coupons\/packet\/index\?code=/, { timeout: 20000 });
    await ajie.$('#packet-share').waitFor();
    await screenshot(ajie.page, 'coupons-09-packet-sender');
    packetUrl = ajie.page.url();
    const sent = await api<{ items: RedPacketView[] }>(ajie, '/api/red-packets/mine?role=sent');
    expect(sent.items[0]).toMatchObject({ status: 'active', amount: 666, shareCount: 3, kind: 'lucky', greeting: '周末愉快' });
    // The packet is a gift: it is not among 阿杰's orders.
    expect((await api<{ total: number }>(ajie, '/api/orders')).total).toBe(ordersBefore);
  });

  it('老王 opens the share link in a fresh browser, logs in, opens the envelope and sees the claims', async () => {
    const laowang = await open();
    const page = laowang.page;
    await page.goto(packetUrl);
    await laowang.$('#packet-open').waitFor();
    await screenshot(page, 'coupons-10-envelope');
    await laowang.$('#packet-open').click();
    // Claiming needs a login and nothing else: the login page brings 老王 back to the envelope.
    await laowang.byText('.demo-shopper', '老王').click();
    await page.waitForURL(/#\/packages\/coupons\/packet\/index/, { timeout: 15000 });
    await laowang.$('#packet-open').click();
    await laowang.$('#packet-amount').waitFor({ timeout: 15000 });
    await laowang.$('#packet-claims .claims__row--mine').waitFor();
    await screenshot(page, 'coupons-11-envelope-opened');
    const code = new URL(packetUrl.replace('#/', '')).searchParams.get('code')!;
    const view = await api<RedPacketView>(laowang, `/api/red-packets/open/${code}`);
    expect(view.myShare!.amount).toBeGreaterThanOrEqual(1);
    expect(view.claims).toHaveLength(1);
  });

  it('老王 uses the packet coupon at checkout, chosen for him', async () => {
    const laowang = sessions[sessions.length - 1];
    const page = laowang.page;
    const code = new URL(packetUrl.replace('#/', '')).searchParams.get('code')!;
    const share = (await api<RedPacketView>(laowang, `/api/red-packets/open/${code}`)).myShare!;
    await page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${await productId('每日坚果')}`);
    // The packet's coupon is in his wallet: the price block shows 券后价 with it.
    await laowang.$('#product-after-coupon').waitFor();
    await screenshot(page, 'coupons-12a-product-after-coupon');
    await laowang.$('#buy-now').click();
    await laowang.chooseSku(['7袋装']);
    await laowang.$('#sku-confirm').click();
    const yuan = (share.amount / 100).toFixed(2);
    await laowang.$('#checkout-coupon-value').filter({ hasText: `-¥${yuan}` }).waitFor();
    await screenshot(page, 'coupons-12-checkout-packet-coupon');
    if (!(await laowang.$('.address-card__detail').count())) {
      await laowang.$('#checkout-address').click();
      await laowang.fillAddress({ name: '王师傅', phone: '13800002222', province: '浙江省', city: '杭州市', district: '拱墅区', detail: '湖墅南路1号' });
      await laowang.$('#addr-save').click();
      await laowang.$('.address-card__detail').filter({ hasText: '湖墅南路1号' }).waitFor();
    }
    await laowang.$('#checkout-submit').click();
    await payOnCashier(page, laowang);
    await laowang.$('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20000 });
    const orders = await api<{ items: OrderView[] }>(laowang, '/api/orders');
    expect(orders.items[0]).toMatchObject({ status: 'paid', discount: share.amount });
    const coupon = await api<{ status: string }>(laowang, `/api/coupons/mine/${share.couponId}`);
    expect(coupon.status).toBe('used');
    // Leave 老王 without the address this flow added: the shopper flow expects to add his first one.
    const addresses = await api<{ id: number; detail: string }[]>(laowang, '/api/addresses');
    for (const a of addresses.filter((x) => x.detail === '湖墅南路1号')) {
      const res = await fetch(`${baseUrl()}/api/addresses/${a.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${await laowang.token()}` } });
      expect(res.status).toBeLessThan(300);
    }
  });

  it('小美 sees the best coupon chosen on a flash confirm page whose slot takes coupons, and an unusable one with its reason', async () => {
    const xiaomei = sessions[0];
    const page = xiaomei.page;
    // Tomorrow's slot: an upcoming one prices and lists coupons like a live one, and leaves today's flash flows alone.
    const startsAt = new Date(Date.now() + 26 * 3600_000);
    const slot = await (await fetch(`${baseUrl()}/admin/flash-sale/slots`, { method: 'POST', headers: admin, body: JSON.stringify({ title: '券测试场', startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), acceptsCoupons: true }) })).json();
    const rice = await (await fetch(`${baseUrl()}/api/products/${riceId}`)).json();
    const sku = rice.skus[0];
    const flashPrice = Math.max(100, Math.floor(sku.price / 2 / 10) * 10);
    const withItem = await (await fetch(`${baseUrl()}/admin/flash-sale/slots/${slot.id}/items`, { method: 'POST', headers: admin, body: JSON.stringify({ skuId: sku.id, flashPrice, stock: 5, perUserLimit: 1 }) })).json();
    const itemId = withItem.items[0].id as number;
    const me = await api<{ id: number }>(xiaomei, '/api/auth/me');
    const grant = async (body: Record<string, unknown>) => {
      const tpl = await (await fetch(`${baseUrl()}/admin/coupons/templates`, { method: 'POST', headers: admin, body: JSON.stringify({ type: 'no_threshold', scope: 'products', scopeIds: [riceId], validity: 'relative', validDays: 1, total: 5, perUserLimit: 1, inCentre: false, ...body }) })).json();
      await fetch(`${baseUrl()}/admin/coupons/templates/${tpl.id}/grant`, { method: 'POST', headers: admin, body: JSON.stringify({ userIds: [me.id] }) });
      return tpl.id as number;
    };
    const flashOk = await grant({ title: '秒杀可叠加2元券', amount: 200, combineFlash: true });
    const notFlash = await grant({ title: '大米3元券', amount: 300 });

    await page.goto(`${baseUrl()}/#/packages/flash/confirm/index?item=${itemId}`);
    await xiaomei.$('#flash-coupon-value').filter({ hasText: '-¥2.00' }).waitFor();
    const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    await xiaomei.$('.flash-confirm-bar__total .price').filter({ hasText: yuan(flashPrice - 200) }).waitFor();
    await screenshot(page, 'coupons-14-flash-confirm-coupon');
    await xiaomei.$('#flash-coupon').click();
    await xiaomei.$('.coupon-unusable').filter({ hasText: '大米3元券' }).filter({ hasText: '不适用于秒杀商品' }).waitFor();
    await screenshot(page, 'coupons-15-flash-coupon-picker');
    await xiaomei.$('#pick-coupon-none').click();
    await xiaomei.$('.flash-confirm-bar__total .price').filter({ hasText: yuan(flashPrice) }).waitFor();
    for (const id of [flashOk, notFlash]) await fetch(`${baseUrl()}/admin/coupons/templates/${id}/stop`, { method: 'POST', headers: admin });
    await fetch(`${baseUrl()}/admin/flash-sale/items/${itemId}/stop`, { method: 'POST', headers: admin });
  });

  it('阿杰 sees the packet in 我的红包', async () => {
    const ajie = sessions[1];
    await ajie.page.goto(`${baseUrl()}/#/packages/coupons/packets/index`);
    await ajie.$('.tab-sent').click();
    await ajie.$('.packet-row').filter({ hasText: '已领1/3' }).waitFor();
    await screenshot(ajie.page, 'coupons-13-my-packets');
    expect(sessions.flatMap((s) => s.errors)).toEqual([]);
  });
});
