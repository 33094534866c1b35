import { PhoneSession, baseUrl, screenshot } from './browser';

/**
 * Share to a friend and commission (分享, 分销) in phone-sized Chromium on the H5 build against the real server
 * (commission settles COMMISSION_SETTLE_WINDOW_SECONDS=3 after completion here; the sweep runs every second).
 * A (a fresh shopper, a distributor) shares a product; 张阿姨, in a fresh browser, opens the link, logs in and buys.
 * A sees her as a visitor and a pending commission; after completion and the window it is settled; A withdraws,
 * an operator approves, A confirms receipt (the simulator plays wx.requestMerchantTransfer) and sees it paid.
 */
describe('referrals (H5)', () => {
  let a: PhoneSession;
  let b: PhoneSession | undefined;
  let aToken = '';
  let productId = 0;
  let orderId = 0;

  const json = { 'Content-Type': 'application/json' };
  async function api<T>(path: string, init: { method?: string; token?: string; body?: unknown; expect?: number } = {}): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.body === undefined ? {} : json), ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    if (init.expect !== undefined) expect(`${path} ${res.status} ${res.status === init.expect ? '' : text}`).toBe(`${path} ${init.expect} `);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  async function adminToken(): Promise<string> {
    return (await api<{ token: string }>('/admin/auth/login', { body: { username: 'admin', password: 'linli-admin-2026' }, expect: 200 })).token;
  }

  beforeAll(async () => {
    const admin = await adminToken();
    const settings = await api<Record<string, unknown>>('/admin/referrals/settings', { token: admin });
    await api('/admin/referrals/settings', { method: 'PUT', token: admin, body: { ...settings, defaultRateBps: 1000, withdrawMin: 10 }, expect: 200 });
    // A product of its own, so no other spec's stock or orders interfere: ¥39.90, one SKU.
    const some = (await api<{ items: { id: number; categoryId: number; cover: string }[] }>('/api/products?pageSize=1')).items[0];
    const product = await api<{ id: number }>('/admin/products', {
      token: admin, expect: 201,
      body: {
        categoryId: some.categoryId, title: '邻里推荐 手工鲜肉饺子', subtitle: '好友推荐', images: [some.cover], onShelf: true,
        specDimensions: [{ name: '规格', values: ['标准'] }], skus: [{ specs: { 规格: '标准' }, price: 3990, originalPrice: 4990, stock: 50 }],
      },
    });
    productId = product.id;
    // A: a fresh shopper who applies (free) and is approved at once.
    const { code } = await api<{ code: string }>('/sim/wechat/dev/login-code', { body: { openid: `ref-sharer-${Date.now()}` }, expect: 200 });
    const login = await api<{ token: string; user: unknown }>('/api/auth/wechat-login', { body: { code }, expect: 200 });
    aToken = login.token;
    await api('/api/distributor/apply', { method: 'POST', token: aToken, expect: 200 });
    a = await PhoneSession.open();
    await a.page.goto(`${baseUrl()}/#/pages/mine/index`);
    await a.page.evaluate(([token, user]) => {
      localStorage.setItem('linli.token', JSON.stringify({ data: token }));
      localStorage.setItem('linli.user', JSON.stringify({ data: user }));
    }, [login.token, login.user] as const);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  let link = '';

  it('A shares a product: the sheet gives a link that carries only a server-issued code', async () => {
    await a.page.goto(`${baseUrl()}/#/packages/shop/product/index?id=${productId}`);
    await a.$('.product__title').filter({ hasText: '手工鲜肉饺子' }).waitFor();
    await a.$('#product-share').click();
    await a.$('#share-link').filter({ hasText: 's=' }).waitFor();
    link = ((await a.$('#share-link').textContent()) ?? '').trim();
    expect(link).toMatch(new RegExp(`#/packages/shop/product/index\\?id=${productId}&s=[0-9a-z]+\\.[0-9A-Za-z]{10}$`));
    await screenshot(a.page, 'ref-01-share-sheet');
    // The poster: drawn on the server with A's name and a mini program code (the simulator's QR).
    await a.$('#share-make-poster').click();
    const poster = a.$('#share-poster img, img#share-poster').first();
    await poster.waitFor();
    await a.page.waitForFunction(() => {
      const img = document.querySelector('#share-poster img, img#share-poster') as HTMLImageElement | null;
      return Boolean(img && img.complete && img.naturalWidth === 750);
    });
    await screenshot(a.page, 'ref-01b-share-poster');
  });

  it('张阿姨 opens the link in a fresh browser, logs in and buys', async () => {
    b = await PhoneSession.open();
    await b.page.goto(link);
    await b.$('.product__title').filter({ hasText: '手工鲜肉饺子' }).waitFor();
    await b.$('#buy-now').click();
    await b.chooseSku(['标准']);
    await b.$('#sku-confirm').click();
    // Not logged in: the development login page, then back to the product.
    await b.byText('.demo-shopper', '张阿姨').click();
    await b.$('.product__title').filter({ hasText: '手工鲜肉饺子' }).waitFor();
    const token = (await b.token())!;
    const addresses = await api<unknown[]>('/api/addresses', { token });
    if (!addresses.length) {
      await api('/api/addresses', { token, expect: 201, body: { name: '张阿姨', phone: '13800002222', province: '浙江省', city: '杭州市', district: '拱墅区', detail: '湖墅南路1号' } });
    }
    // Back on the product, the picker is still open with the choice made.
    await b.$('#sku-confirm').click();
    await b.$('#checkout-submit').waitFor();
    await b.$('#checkout-submit').click();
    await b.$('#cashier-pay').waitFor();
    await b.$('#cashier-pay').click();
    await b.$('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20000 });
    orderId = Number(new URL(b.page.url().replace('#/', '')).searchParams.get('id'));
    expect(orderId).toBeGreaterThan(0);
  });

  it('A sees 张阿姨 as a visitor who bought, and a pending commission on the goods (not the freight)', async () => {
    await a.page.goto(`${baseUrl()}/#/packages/distributor/team/index?tab=visitors`);
    await a.$('.visitor-row').filter({ hasText: '已下单' }).first().waitFor();
    expect(await a.$('.visitor-row').first().textContent()).toContain('张*');
    await screenshot(a.page, 'ref-02-visitors');
    await a.page.goto(`${baseUrl()}/#/packages/distributor/index/index`);
    await a.$('#distributor-pending').filter({ hasText: '¥3.99' }).waitFor();
    await screenshot(a.page, 'ref-03-centre-pending');
  });

  it('after completion and the after-sales window, the commission is settled and withdrawable', async () => {
    const admin = await adminToken();
    await api(`/admin/orders/${orderId}/ship`, { token: admin, body: { carrier: '顺丰速运', trackingNo: `SF0${orderId}88` }, expect: 200 });
    await api(`/api/orders/${orderId}/confirm-receipt`, { method: 'POST', token: (await b!.token())!, expect: 200 });
    await a.reloadUntil(async () => (await a.$('#distributor-balance').filter({ hasText: '3.99' }).count()) > 0, 20000);
    await screenshot(a.page, 'ref-04-centre-settled');
    await a.$('#distributor-pending').filter({ hasText: '¥0.00' }).waitFor();
    await a.page.goto(`${baseUrl()}/#/packages/distributor/ledger/index`);
    await a.$('.ledger-entry').filter({ hasText: '已结算' }).first().waitFor();
    await screenshot(a.page, 'ref-05-ledger-settled');
  });

  it('A funds a ¥1.00 red packet from the commission; 老王, in a fresh browser, opens it from the share link', async () => {
    await a.page.goto(`${baseUrl()}/#/packages/coupons/send/index`);
    await a.$('#packet-kind-lucky').click();
    await a.$('#packet-shares input, input#packet-shares').first().fill('2');
    await a.$('#packet-amount input, input#packet-amount').first().fill('1.00');
    await a.$('#packet-pay-balance').filter({ hasText: '可用¥3.99' }).click();
    await a.$('#packet-pay').filter({ hasText: '用佣金塞钱进红包' }).waitFor();
    await screenshot(a.page, 'ref-05b-send-from-commission');
    await a.$('#packet-pay').click();
    // No cashier: the balance pays, and the envelope is live at once.
    await a.page.waitForURL(/#\/packages\/coupons\/packet\/index\?code=/, { timeout: 20000 });
    await a.$('#packet-share').click();
    await a.$('#share-link').filter({ hasText: 's=' }).waitFor();
    const packetLink = ((await a.$('#share-link').textContent()) ?? '').trim();
    expect(packetLink).toMatch(/#\/packages\/coupons\/packet\/index\?code=[A-Za-z0-9]{12}&s=[0-9a-z]+\.[0-9A-Za-z]{10}$/);
    await screenshot(a.page, 'ref-05c-packet-share-sheet');
    const me = await api<{ balance: number; spent: number }>('/api/distributor', { token: aToken });
    expect(me).toMatchObject({ balance: 299, spent: 100 });

    const c = await PhoneSession.open();
    try {
      await c.page.goto(packetLink);
      await c.$('#packet-open').waitFor();
      await c.$('#packet-open').click();
      await c.byText('.demo-shopper', '老王').click();
      await c.page.waitForURL(/#\/packages\/coupons\/packet\/index/, { timeout: 15000 });
      await c.$('#packet-open').click();
      await c.$('#packet-amount').waitFor({ timeout: 15000 });
      await screenshot(c.page, 'ref-05d-packet-opened-by-friend');
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
    // The centre shows what the packet took from the commission.
    await a.page.goto(`${baseUrl()}/#/packages/distributor/index/index`);
    await a.$('#distributor-spent').filter({ hasText: '1.00' }).waitFor();
    await a.$('#distributor-balance').filter({ hasText: '2.99' }).first().waitFor();
    await screenshot(a.page, 'ref-05e-centre-spent');
    await a.page.goto(`${baseUrl()}/#/packages/distributor/ledger/index`);
    await a.$('.ledger-entry').filter({ hasText: '用佣金发红包' }).filter({ hasText: '-¥1.00' }).waitFor();
    await screenshot(a.page, 'ref-05f-ledger-packet');
  });

  it('A withdraws, an operator approves, A confirms receipt and sees it paid', async () => {
    await a.page.goto(`${baseUrl()}/#/packages/distributor/withdraw/index`);
    await a.$('#withdraw-balance').filter({ hasText: '2.99' }).waitFor();
    await a.$('#withdraw-all').click();
    await a.$('#withdraw-submit').click();
    const modal = a.$('.taro-modal__foot');
    await modal.getByText('确定').waitFor();
    await screenshot(a.page, 'ref-06-withdraw-confirm');
    await modal.getByText('确定').click();
    await a.$('.withdrawal-record').filter({ hasText: '审核中' }).waitFor();

    const admin = await adminToken();
    const pending = await api<{ items: { id: number; userId: number; status: string }[] }>('/admin/referrals/withdrawals?status=reviewing', { token: admin });
    const mine = pending.items.find((w) => w.status === 'reviewing' && w.userId > 0 && w.id);
    const own = await api<{ items: { id: number }[] }>('/api/distributor/withdrawals', { token: aToken });
    expect(mine).toBeDefined();
    await api(`/admin/referrals/withdrawals/${own.items[0].id}/approve`, { method: 'POST', token: admin, expect: 200 });

    await a.page.reload();
    await a.$('.withdrawal-record').filter({ hasText: '待确认收款' }).waitFor();
    await screenshot(a.page, 'ref-07-withdraw-confirm-receipt');
    await a.$(`#withdraw-receive-${own.items[0].id}`).click();
    await a.$('.withdrawal-record').filter({ hasText: '已到账' }).waitFor();
    await screenshot(a.page, 'ref-08-withdraw-paid');
    expect(a.errors).toEqual([]);
  });
});
