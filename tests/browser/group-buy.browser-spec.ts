import type { Locator } from 'playwright-core';
import { PhoneSession, baseUrl, screenshot } from './browser';

/**
 * Group-buy (拼团) in phone-sized Chromium on the H5 build against the real server (ORDER_PAY_TIMEOUT_SECONDS=40,
 * SWEEP_INTERVAL_SECONDS=1). Campaigns are made through the admin API on products the demo data leaves alone:
 * 小美 opens a 2-person group from the product page and pays; 张阿姨, in a fresh browser, lands on the shared group link,
 * logs in, joins and pays, and the group succeeds for both. Then a 30-second group nobody joins fails and 小美's money
 * goes back on its own; 我的拼团 lists both.
 * (The joiner is 张阿姨: the specs share one server, and the payment and shopper specs need 阿杰 and 老王 without orders or addresses.)
 */
describe('group-buy (H5)', () => {
  let xiaomei: PhoneSession;
  let zhangayi: PhoneSession | undefined;
  let groupId = 0;
  let failingCampaignProduct = 0;

  beforeAll(async () => {
    xiaomei = await PhoneSession.open();
  });
  afterAll(async () => {
    await xiaomei?.close();
    await zhangayi?.close();
  });

  async function adminHeaders(): Promise<Record<string, string>> {
    const login = await fetch(`${baseUrl()}/admin/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'linli-admin-2026' }),
    });
    expect(login.status).toBe(200);
    return { Authorization: `Bearer ${(await login.json()).token}`, 'Content-Type': 'application/json' };
  }

  async function productByTitle(title: string): Promise<{ id: number; skus: { id: number; price: number; stock: number }[] }> {
    const found = await (await fetch(`${baseUrl()}/api/products?keyword=${encodeURIComponent(title)}`)).json();
    const id = found.items.find((p: { title: string }) => p.title === title).id;
    return (await fetch(`${baseUrl()}/api/products/${id}`)).json();
  }

  /** A campaign on every SKU of the product, at 80% of the single price. */
  async function createCampaign(title: string, extra: Record<string, unknown>): Promise<{ id: number; productId: number }> {
    const product = await productByTitle(title);
    const now = Date.now();
    const res = await fetch(`${baseUrl()}/admin/group-buy/campaigns`, {
      method: 'POST',
      headers: await adminHeaders(),
      body: JSON.stringify({
        productId: product.id,
        title: `${title} 拼团`,
        groupSize: 2,
        timeLimitSeconds: 3600,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 86400_000).toISOString(),
        stock: 50,
        perUserLimit: 5,
        skus: product.skus.map((s) => ({ skuId: s.id, groupPrice: Math.round((s.price * 0.8) / 10) * 10 })),
        ...extra,
      }),
    });
    const body = await res.json();
    expect({ status: res.status, body }).toMatchObject({ status: 201 });
    return { id: body.id, productId: product.id };
  }

  async function shopperApi<T>(phone: PhoneSession, path: string): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, { headers: { Authorization: `Bearer ${await phone.token()}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  /** The `id` of the current hash route (`#/packages/…?id=12`). */
  const idInUrl = (phone: PhoneSession) => Number(new URL(phone.page.url().replace('#/', '')).searchParams.get('id'));
  const visibleText = (locator: Locator) => locator.filter({ visible: true }).first().textContent();

  /** From a product page with a campaign: 发起拼团 → 确定 → 提交订单 → the cashier → 支付成功 → 查看拼团. */
  async function openGroupAndPay(phone: PhoneSession, shots?: { sheet: string; checkout: string }): Promise<number> {
    await phone.$('#group-start').click();
    await phone.$('#sku-confirm').waitFor();
    if (shots) await screenshot(phone.page, shots.sheet);
    await phone.$('#sku-confirm').click();
    await phone.$('#checkout-group').waitFor();
    await phone.$('.address-card__detail').waitFor();
    expect(await phone.$('.amount-freight').textContent()).toBe('免运费');
    if (shots) await screenshot(phone.page, shots.checkout);
    await phone.$('#checkout-submit').click();
    await phone.$('#cashier-pay').click();
    await phone.$('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20000 });
    await phone.$('#pay-result-group').click();
    await phone.$('#group-status').filter({ hasText: '拼团中' }).waitFor();
    return idInUrl(phone);
  }

  it('shows 拼团价, the 2-button bar and the open groups on a product with a campaign', async () => {
    await xiaomei.loginAs('小美');
    // The demo apple campaign has an open group waiting for one more: 「1人在拼单，可直接参与」.
    const apple = await productByTitle('烟台红富士苹果');
    const offer = await (await fetch(`${baseUrl()}/api/group-buy/products/${apple.id}`)).json();
    const leader: string = offer.openGroups[0].members.find((m: { isLeader: boolean }) => m.isLeader).nickname;
    await xiaomei.page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${apple.id}`);
    await xiaomei.$('#product-group-price').filter({ hasText: '拼团价' }).waitFor();
    await xiaomei.$('.open-group').filter({ hasText: leader }).waitFor();
    expect(await visibleText(xiaomei.page.locator('.open-groups__title'))).toMatch(/^\d+人在拼单，可直接参与$/);
    expect(await visibleText(xiaomei.page.locator('.open-group__need'))).toContain('还差1人');
    expect(await visibleText(xiaomei.page.locator('.open-group__countdown'))).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(await xiaomei.$('#buy-now').textContent()).toContain('单独购买');
    expect(await xiaomei.$('#group-start').textContent()).toContain('发起拼团');
    await screenshot(xiaomei.page, 'group-01-product');
    await xiaomei.page.mouse.wheel(0, 600);
    await screenshot(xiaomei.page, 'group-01b-product-open-groups');

    // Tiers: the leader chooses 2人团 / 3人团 / 5人团, with 团长优惠.
    await xiaomei.$('#group-start').click();
    expect(await xiaomei.$('.group-size-chip').count()).toBe(3);
    await xiaomei.$('#group-leader-discount').waitFor();
    await screenshot(xiaomei.page, 'group-01c-sku-sheet-tiers');
    await xiaomei.$('.bottom-sheet__close').click();

    // A campaign that has not started: 「拼团即将开始」 and no 发起拼团.
    const later = Date.now() + 2 * 3600_000;
    const upcoming = await createCampaign('内蒙古羔羊肉卷', { startsAt: new Date(later).toISOString(), endsAt: new Date(later + 86400_000).toISOString() });
    await xiaomei.page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${upcoming.productId}`);
    await xiaomei.$('#product-group-upcoming').filter({ hasText: '拼团即将开始' }).waitFor();
    expect(await xiaomei.$('#group-start').count()).toBe(0);
    await xiaomei.$('#buy-now').waitFor();
    await screenshot(xiaomei.page, 'group-01d-product-upcoming');
  });

  it('小美 opens a 2-person group, pays in the cashier and sees 拼团中 还差1人', async () => {
    const { productId } = await createCampaign('黑猪五花肉', { leaderDiscount: 100 });
    await xiaomei.page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${productId}`);
    await xiaomei.$('#product-group-price').filter({ hasText: '2人团' }).waitFor();
    expect(await xiaomei.$('.open-group').count()).toBe(0);
    // 发起拼团 says the leader's price, the same number as the 团长价 chip; 单买价 is struck.
    const leaderChip = (await xiaomei.$('#product-leader-price').textContent())!;
    expect(leaderChip).toMatch(/^团长价¥\d+\.\d{2}$/);
    expect(await xiaomei.$('#group-start-price').textContent()).toBe(leaderChip.replace('团长价', ''));
    expect(await xiaomei.$('#product-single-price').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    await screenshot(xiaomei.page, 'group-01b-product-leader-price');

    groupId = await openGroupAndPay(xiaomei, { sheet: 'group-02-sku-sheet', checkout: 'group-03-checkout' });
    expect(groupId).toBeGreaterThan(0);
    await xiaomei.$('#group-note').filter({ hasText: '还差1人成团' }).waitFor();
    await xiaomei.$('#group-invite').filter({ hasText: '邀请好友参团' }).waitFor();
    await xiaomei.$('.group-seat--leader').waitFor();
    expect(await xiaomei.$('.group-seat--empty').count()).toBe(1);
    expect(await visibleText(xiaomei.page.locator('.group-page__countdown'))).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    // The leader sees the price of their own order: 团长价, ¥1.00 under the group price the headline of a visitor shows.
    expect(await xiaomei.$('#group-price-tag').textContent()).toBe('团长价');
    await screenshot(xiaomei.page, 'group-04-open');

    // H5 has no share sheet: inviting says what happened below the button, whether or not the clipboard is allowed.
    await xiaomei.$('#group-invite').click();
    const note = xiaomei.$('#group-invite-note');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/链接已复制|请长按下面的链接复制/);
    const button = (await xiaomei.$('#group-invite').boundingBox())!;
    const noteBox = (await note.boundingBox())!;
    expect(noteBox.y).toBeGreaterThanOrEqual(button.y + button.height);
    // No toast over the button.
    expect(await xiaomei.$('.taro__toast, .weui-toast').count()).toBe(0);
    await screenshot(xiaomei.page, 'group-04b-invite-feedback');

    const group = await shopperApi<{ status: string; mine: { role: string; orderId: number; orderStatus: string } }>(xiaomei, `/api/group-buy/groups/${groupId}`);
    expect(group).toMatchObject({ status: 'open', mine: { role: 'leader', orderStatus: 'grouping' } });

    // 我的 counts it 待成团, and the order list has it under 待成团.
    await xiaomei.page.goto(`${baseUrl()}/#/pages/mine/index`);
    await xiaomei.$('.order-shortcut--grouping .order-shortcut__count').filter({ hasText: '1' }).waitFor();
    await xiaomei.$('#mine-groups').filter({ hasText: '1个待成团' }).waitFor();
    await screenshot(xiaomei.page, 'group-04b-mine-grouping');
    await xiaomei.$('.order-shortcut--grouping').click();
    await xiaomei.$('.order-card[data-status="grouping"]').filter({ hasText: '待成团' }).waitFor();
    expect(await xiaomei.$('.tab-grouping').getAttribute('class')).toContain('tabs__item--active');
    await screenshot(xiaomei.page, 'group-04c-orders-grouping');

    // Now it shows on the product page for others to join.
    await xiaomei.page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${productId}`);
    await xiaomei.$(`.open-group[data-group-id="${groupId}"]`).filter({ hasText: '查看' }).waitFor();
  });

  it('张阿姨 lands on the shared group link in a fresh browser, logs in, joins and pays: 拼团成功', async () => {
    zhangayi = await PhoneSession.open();
    const phone = zhangayi;
    // The share path, as H5 routes it.
    await phone.page.goto(`${baseUrl()}/#/packages/group/detail/index?id=${groupId}`);
    // The landing speaks to the visitor: the leader's invitation, names under the avatars, 参与拼团 as the main button.
    await phone.$('#group-status').filter({ hasText: '小美邀请你拼团' }).waitFor();
    await phone.$('#group-note').filter({ hasText: '还差1人成团' }).waitFor();
    await phone.$('.group-seat--leader[data-nickname="小美"]').waitFor();
    expect(await phone.$('.group-seat--leader .group-seat__name').textContent()).toBe('小美');
    expect(await phone.$('#group-price-tag').textContent()).toBe('拼团价');
    expect(await phone.$('#group-join').textContent()).toMatch(/^参与拼团 ¥\d+\.\d{2}$/);
    expect(await phone.$('#group-invite').count()).toBe(0);
    await screenshot(phone.page, 'group-05-share-landing');

    // Logged out: 参与拼团 asks for login first, then comes back with the sheet open.
    await phone.$('#group-join').click();
    await phone.byText('.demo-shopper', '张阿姨').click();
    await phone.$('#sku-confirm').waitFor();
    expect(await phone.$('.group-size-chip').count()).toBe(0);
    await screenshot(phone.page, 'group-06-join-sheet');
    await phone.$('#sku-confirm').click();
    await phone.$('#checkout-group').filter({ hasText: '参团' }).waitFor();

    // Add an address if the shopper has none yet.
    await phone.$('#checkout-address').waitFor();
    if ((await phone.$('.address-card__empty').count()) > 0) {
      await phone.$('#checkout-address').click();
      await phone.fillAddress({ name: '张丽华', phone: '13700137000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路邻里花园5幢1单元202' });
      await phone.$('#addr-save').click();
    }
    await phone.$('.address-card__detail').waitFor();
    await phone.$('#checkout-submit').click();
    await phone.$('#cashier-pay').click();
    await phone.$('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20000 });
    await phone.$('#pay-result-group').click();
    await phone.$('#group-status').filter({ hasText: '拼团成功' }).waitFor();
    expect(await phone.$('.group-seat--member').count()).toBe(2);
    expect(await phone.$('.group-seat--empty').count()).toBe(0);
    await phone.$('#group-my-order').waitFor();
    await phone.$('#group-open-new').filter({ hasText: '我也开一个团' }).waitFor();
    await screenshot(phone.page, 'group-07-succeeded');
    expect(phone.errors).toEqual([]);
  });

  it('小美 sees 拼团成功 after reload, and her order is 待发货', async () => {
    await xiaomei.page.goto(`${baseUrl()}/#/packages/group/detail/index?id=${groupId}`);
    await xiaomei.reloadUntil(async () => (await xiaomei.$('#group-status').filter({ hasText: '拼团成功' }).count()) > 0, 15000);
    await xiaomei.$('#group-my-order').click();
    await xiaomei.$('.order-detail__status').filter({ hasText: '待发货' }).waitFor();
    await xiaomei.$('#order-group').filter({ hasText: '拼团成功' }).waitFor();
    await screenshot(xiaomei.page, 'group-08-order-paid');
    const order = await shopperApi<{ status: string; kind: string; groupId: number; freight: number }>(xiaomei, `/api/orders/${idInUrl(xiaomei)}`);
    expect(order).toMatchObject({ status: 'paid', kind: 'group', groupId, freight: 0 });
  });

  it('a 30-second group nobody joins fails, and 小美 gets her money back', async () => {
    const { productId } = await createCampaign('三黄鸡', { timeLimitSeconds: 30 });
    failingCampaignProduct = productId;
    await xiaomei.page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${productId}`);
    await xiaomei.$('#group-start').waitFor();
    const failingGroup = await openGroupAndPay(xiaomei);
    expect(failingGroup).toBeGreaterThan(groupId);
    await screenshot(xiaomei.page, 'group-09-open-30s');

    // The sweep fails it when the 30 s run out; the refund goes through the WeChat Pay simulator.
    await xiaomei.reloadUntil(async () => (await xiaomei.$('#group-status').filter({ hasText: '拼团失败' }).count()) > 0, 60000);
    await xiaomei.$('#group-note').filter({ hasText: '未成团，款项已原路退回' }).waitFor();
    await xiaomei.$('#group-open-new').waitFor();
    await screenshot(xiaomei.page, 'group-10-failed');

    await xiaomei.$('#group-my-order').click();
    await xiaomei.$('.order-detail__status').waitFor();
    await xiaomei.reloadUntil(async () => (await xiaomei.$('.order-detail__status').filter({ hasText: '已退款' }).count()) > 0, 30000);
    await xiaomei.$('#order-refunds .refund-card').waitFor();
    await screenshot(xiaomei.page, 'group-11-order-refunded');
    expect((await shopperApi<{ status: string }>(xiaomei, `/api/orders/${idInUrl(xiaomei)}`)).status).toBe('refunded');
  });

  it('我的拼团 lists the groups by state, reached from 我的', async () => {
    expect(failingCampaignProduct).toBeGreaterThan(0);
    await xiaomei.page.goto(`${baseUrl()}/#/pages/mine/index`);
    await xiaomei.$('.order-shortcut--grouping').waitFor();
    await screenshot(xiaomei.page, 'group-12-mine');
    await xiaomei.$('#mine-groups').click();
    await xiaomei.$('.group-card').nth(1).waitFor();
    await screenshot(xiaomei.page, 'group-13-my-groups');

    await xiaomei.$('.tab-failed').click();
    await xiaomei.$('.group-card[data-status="failed"]').waitFor();
    expect(await xiaomei.$('.group-card[data-status="succeeded"]').count()).toBe(0);
    await xiaomei.$('.tab-succeeded').click();
    await xiaomei.$(`.group-card[data-group-id="${groupId}"]`).filter({ hasText: '我的订单：待发货' }).waitFor();
    await xiaomei.$(`.group-card[data-group-id="${groupId}"]`).click();
    await xiaomei.$('#group-status').filter({ hasText: '拼团成功' }).waitFor();
    expect(xiaomei.errors).toEqual([]);
  });
});
