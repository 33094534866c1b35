import type { Locator, Page } from 'playwright-core';
import { PhoneSession, baseUrl, screenshot } from './browser';

/**
 * Paying and after-sales, in a phone-sized Chromium on the H5 build against the real server and its WeChat Pay
 * simulator (the server runs with ORDER_PAY_TIMEOUT_SECONDS=40 and SWEEP_INTERVAL_SECONDS=1):
 * 阿杰 buys, pays on the simulator's cashier page, sees 支付成功 and 待发货; applies for a whole-order refund that
 * the operator approves through the admin API until the order shows 已退款; then abandons a second payment and
 * watches that order close at its deadline.
 */
describe('payment flow (H5)', () => {
  let phone: PhoneSession;
  let page: Page;
  let firstOrderId = 0;

  beforeAll(async () => {
    phone = await PhoneSession.open();
    page = phone.page;
  });
  afterAll(async () => {
    await phone?.close();
  });

  const $ = (selector: string): Locator => phone.$(selector);
  const byText = (selector: string, text: string): Locator => phone.byText(selector, text);
  const chooseSku = (values: string[]) => phone.chooseSku(values);
  const token = () => phone.token();
  async function shopperApi<T>(path: string): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, { headers: { Authorization: `Bearer ${await token()}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
  async function productId(keyword: string): Promise<number> {
    const found = await (await fetch(`${baseUrl()}/api/products?keyword=${encodeURIComponent(keyword)}`)).json();
    return found.items.find((p: { title: string }) => p.title === keyword).id;
  }
  /** The order id in the current hash route (`…?id=12`). */
  const idInUrl = () => Number(new URL(page.url().replace('#/', '')).searchParams.get('id'));
  /** Reloads the page until `check` passes or `timeoutMs` runs out. */
  async function reloadUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > until) throw new Error('condition not met in time');
      await page.waitForTimeout(1500);
      await page.reload();
      await page.waitForTimeout(800);
    }
  }
  async function buyNowToCheckout(): Promise<void> {
    await page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${await productId('希腊风味酸奶')}`);
    await $('.product__title').filter({ hasText: '希腊风味酸奶' }).waitFor();
    await $('#buy-now').click();
    await chooseSku(['蓝莓', '6杯']);
    await $('#sku-confirm').click();
    await $('#checkout-submit').waitFor();
  }

  it('logs in as 阿杰, who has no orders yet', async () => {
    await page.goto(`${baseUrl()}/#/pages/mine/index`);
    await $('#mine-login').click();
    await byText('.demo-shopper', '阿杰').click();
    await $('.mine__nickname').filter({ hasText: '阿杰' }).waitFor();
    await $('.order-shortcut--after-sale').waitFor();
    expect((await shopperApi<{ total: number }>('/api/orders')).total).toBe(0);
  });

  it('checks out to a new address, pays on the cashier page and sees 支付成功, then 待发货', async () => {
    await buyNowToCheckout();
    await $('#checkout-address').click();
    const fields = { name: '李杰', phone: '13700001111', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文一西路88号3幢' };
    await phone.fillAddress(fields);
    await $('#addr-save').click();
    await $('.address-card__detail').filter({ hasText: '文一西路88号3幢' }).waitFor();

    // 提交订单 creates the order and goes straight to paying: in H5, the simulator's cashier page.
    await $('#checkout-submit').click();
    await $('#cashier-pay').waitFor();
    expect(page.url()).toContain('/sim/wechatpay/cashier');
    expect(decodeURIComponent(page.url())).toContain('#/packages/order/result/index?id=');
    await screenshot(page, 'pay-01-cashier');

    await $('#cashier-pay').click();
    await $('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20000 });
    firstOrderId = idInUrl();
    expect(firstOrderId).toBeGreaterThan(0);
    await screenshot(page, 'pay-02-result-success');

    await $('#pay-result-order').click();
    await $('.order-detail__status').filter({ hasText: '待发货' }).waitFor();
    await $('#order-payment-status').filter({ hasText: '支付成功' }).waitFor();
    await $('#order-refund').waitFor();
    await screenshot(page, 'pay-03-detail-paid');
    const order = await shopperApi<{ status: string; payment: { status: string } }>(`/api/orders/${firstOrderId}`);
    expect(order).toMatchObject({ status: 'paid', payment: { status: 'success' } });
  });

  it('applies for a whole-order 仅退款 and sees it 待审核', async () => {
    await $('#order-refund').click();
    await $('#refund-submit').waitFor();
    // Not shipped yet: only 仅退款.
    expect(await $('#refund-type-return_refund').getAttribute('aria-disabled')).toBe('true');
    await $('#refund-type-refund_only').click();
    await byText('.refund-reason', '不想要了').click();
    await $('#refund-note textarea, textarea#refund-note').first().fill('买重复了');
    await expect($('.refund-estimate').textContent()).resolves.toMatch(/≤ ¥\d+\.\d{2}/);
    await screenshot(page, 'pay-04-refund-apply');
    // Part of the order: lines with a stepper up to what was bought. Then back to the whole order.
    await $('#refund-scope-lines').click();
    await $('.refund-line .check-circle').first().click();
    await $('.refund-line .stepper-value').first().waitFor();
    expect(await $('.refund-line .stepper-plus').first().getAttribute('class')).toContain('is-disabled');
    await screenshot(page, 'pay-04b-refund-apply-lines');
    await $('#refund-scope-whole').click();

    await $('#refund-submit').click();
    await $('.refund-card__status').filter({ hasText: '待审核' }).waitFor();
    await $('.order-detail__status').filter({ hasText: '退款中' }).waitFor();
    expect(await $('#order-refund').count()).toBe(0);
    await screenshot(page, 'pay-05-detail-refund-pending');
    const detailUrl = page.url();

    const order = await shopperApi<{ refunds: { type: string; status: string; reason: string; lines: unknown[] }[] }>(`/api/orders/${firstOrderId}`);
    expect(order.refunds[0]).toMatchObject({ type: 'refund_only', status: 'pending_review', reason: '不想要了：买重复了', lines: [] });

    // 我的 counts the open after-sale.
    await page.goto(`${baseUrl()}/#/pages/mine/index`);
    await $('.order-shortcut--after-sale .order-shortcut__count').filter({ hasText: '1' }).waitFor();
    await screenshot(page, 'pay-05b-mine-after-sale');
    await page.goto(detailUrl);
    await $('.refund-card__status').filter({ hasText: '待审核' }).waitFor();
  });

  it('shows 已退款 once the operator approves the refund', async () => {
    const login = await fetch(`${baseUrl()}/admin/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'linli-admin-2026' }),
    });
    expect(login.status).toBe(200);
    const admin = { Authorization: `Bearer ${(await login.json()).token}` };
    const pending = await (await fetch(`${baseUrl()}/admin/refunds?status=pending_review`, { headers: admin })).json();
    const refund = pending.items.find((r: { orderId: number }) => r.orderId === firstOrderId);
    expect(refund).toBeDefined();
    const approve = await fetch(`${baseUrl()}/admin/refunds/${refund.id}/approve`, {
      method: 'POST',
      headers: { ...admin, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(approve.status).toBe(200);

    await reloadUntil(async () => (await $('.refund-card__status').filter({ hasText: '退款成功' }).count()) > 0, 30000);
    await $('.order-detail__status').filter({ hasText: '已退款' }).waitFor();
    await screenshot(page, 'pay-06-detail-refunded');

    await page.goto(`${baseUrl()}/#/packages/order/list/index?status=after_sale`);
    await $(`.order-card[data-order-id="${firstOrderId}"]`).waitFor();
    expect(await $('.tab-after_sale').getAttribute('class')).toContain('tabs__item--active');
    await screenshot(page, 'pay-07-list-after-sale');
  });

  it('abandons the payment of a second order: 支付未完成, then the order closes at its deadline', async () => {
    await buyNowToCheckout();
    await $('.address-card__detail').filter({ hasText: '文一西路88号3幢' }).waitFor();
    await $('#checkout-submit').click();
    await $('#cashier-abandon').waitFor();
    await $('#cashier-abandon').click();

    // 支付未完成 at once: no spinner while the first answer says the order is still unpaid.
    await $('#pay-result-status').filter({ hasText: '支付未完成' }).waitFor({ timeout: 3000 });
    const orderId = idInUrl();
    expect(orderId).toBeGreaterThan(firstOrderId);
    await $('#pay-result-retry').waitFor();
    await screenshot(page, 'pay-08-result-unpaid');

    // The list offers 去支付 on the pending order; it opens the cashier again (abandoned again here).
    await page.goto(`${baseUrl()}/#/packages/order/list/index?status=pending_payment`);
    const card = $(`.order-card[data-order-id="${orderId}"]`);
    await card.locator('.order-card__pay').waitFor();
    // The unpaid card counts down to its deadline.
    expect(await card.locator('.order-card__countdown').textContent()).toMatch(/^\d{2}:\d{2}$/);
    await screenshot(page, 'pay-08b-list-pending');
    await card.locator('.order-card__pay').click();
    await $('#cashier-abandon').click();
    await $('#pay-result-order').click();
    await $('.order-detail__status').filter({ hasText: '待付款' }).waitFor();
    await $('#order-pay').waitFor();
    await screenshot(page, 'pay-09-detail-pending');
    await reloadUntil(async () => (await $('.order-detail__status').filter({ hasText: '已取消' }).count()) > 0, 60000);
    expect(await $('#order-pay').count()).toBe(0);
    await screenshot(page, 'pay-10-detail-cancelled');
    expect((await shopperApi<{ status: string }>(`/api/orders/${orderId}`)).status).toBe('cancelled');
    expect(phone.errors).toEqual([]);
  });
});
