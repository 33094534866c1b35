import type { Locator, Page } from 'playwright-core';
import { PhoneSession, baseUrl, screenshot } from './browser';

/**
 * A shopper, in a phone-sized Chromium on the H5 build: logs in, finds a product by category and another
 * by search, puts two SKUs in the cart, checks out to a new address, sees the order pending payment and cancels it.
 */
describe('shopper flow (H5)', () => {
  let phone: PhoneSession;
  let page: Page;

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
  async function addToCart(values: string[]): Promise<void> {
    await $('#add-to-cart').click();
    await chooseSku(values);
    await $('#sku-confirm').click();
    await page.getByText('已加入购物车').first().waitFor();
  }
  const token = () => phone.token();

  it('logs in as a demo shopper through the simulated WeChat login', async () => {
    await page.goto(`${baseUrl()}/#/pages/mine/index`);
    await $('#mine-login').waitFor();
    await screenshot(page, '01-mine-logged-out');
    await $('#mine-login').click();
    await $('.demo-shopper').first().waitFor();
    await screenshot(page, '02-login');
    await byText('.demo-shopper', '老王').click();
    await $('.mine__nickname').filter({ hasText: '老王' }).waitFor();
    await screenshot(page, '03-mine-logged-in');
  });

  it('finds a product by category and adds one SKU', async () => {
    await page.goto(`${baseUrl()}/#/pages/category/index`);
    await byText('.category-item', '乳品烘焙').click();
    await byText('.product-card', '希腊风味酸奶').waitFor();
    await screenshot(page, '04-category');
    await byText('.product-card', '希腊风味酸奶').click();
    await $('.product__title').filter({ hasText: '希腊风味酸奶' }).waitFor();
    await screenshot(page, '05-product');
    await $('#add-to-cart').click();
    await chooseSku(['蓝莓', '6杯']);
    await screenshot(page, '06-sku-picker');
    await $('#sku-confirm').click();
    await page.getByText('已加入购物车').first().waitFor();
  });

  it('finds a product by search and adds another SKU', async () => {
    await page.goto(`${baseUrl()}/#/pages/index/index`);
    await $('.product-card').first().waitFor();
    await screenshot(page, '07-home');
    await page.goto(`${baseUrl()}/#/packages/shop/search/index`);
    await $('#search-input input, input#search-input').first().fill('苹果');
    await $('#search-submit').click();
    await byText('.product-card', '烟台红富士苹果').waitFor();
    await screenshot(page, '08-search');
    await byText('.product-card', '烟台红富士苹果').click();
    await $('.product__title').filter({ hasText: '烟台红富士苹果' }).waitFor();
    await addToCart(['2.5kg装', '75mm']);
  });

  it('checks out the cart to a new address and sees the order pending payment', async () => {
    await page.goto(`${baseUrl()}/#/pages/cart/index`);
    await $('.cart-item').nth(1).waitFor();
    expect(await $('.cart-item').count()).toBe(2);
    await screenshot(page, '09-cart');
    await $('#cart-checkout').click();
    await $('#checkout-address').click();
    const fields = { name: '王建国', phone: '13600001234', province: '浙江省', city: '杭州市', district: '拱墅区', detail: '邻里小区6幢101' };
    await phone.fillAddress(fields);
    await screenshot(page, '10-address-edit');
    await $('#addr-save').click();
    await $('.address-card__detail').filter({ hasText: '邻里小区6幢101' }).waitFor();
    const total = await $('.checkout-total').first().textContent();
    expect(total).toMatch(/¥\s*\d+\.\d{2}/);
    await screenshot(page, '11-checkout');

    // The server's preview agrees with what the page shows.
    // Submitting goes straight to payment; this shopper walks away from the cashier and opens the order.
    await $('#checkout-submit').click();
    await $('#cashier-abandon').click();
    await $('#pay-result-order').click();
    await $('.order-detail__status').filter({ hasText: '待付款' }).waitFor();
    await screenshot(page, '12-order-pending');
    const orders = await (await fetch(`${baseUrl()}/api/orders`, { headers: { Authorization: `Bearer ${await token()}` } })).json();
    expect(orders.items[0]).toMatchObject({ status: 'pending_payment', address: { name: '王建国', detail: '邻里小区6幢101' } });
    expect(orders.items[0].lines).toHaveLength(2);
    expect(`¥${(orders.items[0].total / 100).toFixed(2)}`.replace('¥', '')).toBe(total!.replace(/[^\d.]/g, ''));
  });

  it('cancels the order and gets the stock back', async () => {
    const auth = { Authorization: `Bearer ${await token()}` };
    const before = (await (await fetch(`${baseUrl()}/api/orders`, { headers: auth })).json()).items[0];
    const skuId = before.lines[0].skuId;
    const stockOf = async () => {
      const product = await (await fetch(`${baseUrl()}/api/products/${before.lines[0].productId}`)).json();
      return product.skus.find((s: { id: number }) => s.id === skuId).stock as number;
    };
    const stockBefore = await stockOf();
    await $('#order-cancel').click();
    const modal = $('.taro-modal__foot');
    await modal.getByText('再想想').waitFor();
    await screenshot(page, '13-cancel-confirm');
    await modal.getByText('取消订单').click();
    await $('.order-detail__status').filter({ hasText: '已取消' }).waitFor();
    await screenshot(page, '14-order-cancelled');
    expect(await stockOf()).toBe(stockBefore + before.lines[0].quantity);
    await page.goto(`${baseUrl()}/#/packages/order/list/index`);
    await $('.order-card').first().waitFor();
    await screenshot(page, '15-order-list');
    expect(phone.errors).toEqual([]);
  });
});
