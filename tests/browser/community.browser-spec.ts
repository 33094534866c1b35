import { PhoneSession, baseUrl, screenshot } from './browser';
import { chinaDate } from '@linli/shared';

/**
 * Community store + group in phone-sized Chromium on the H5 build against the real server, a fresh browser per person.
 * A shopper picks 文三路店 in the store picker (nearest first from the browser's location), opens 社区团购 from home,
 * buys the campaign's goods for pickup and pays on the cashier; after the cut-off the operator batches and ships; the leader confirms arrival in 团长工作台; the
 * shopper sees 待自提, the QR code and the digits; the leader verifies by typing the code; a second try says who and
 * when; the leader of another store is refused exactly like an unknown code.
 */
describe('community pickup (H5)', () => {
  const sessions: PhoneSession[] = [];
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
  async function shopper(tag: string): Promise<{ token: string; user: { id: number } }> {
    const { code } = await api<{ code: string }>('/sim/wechat/dev/login-code', { body: { openid: `community-${tag}-${Date.now()}` }, expect: 200 });
    return api('/api/auth/wechat-login', { body: { code }, expect: 200 });
  }
  async function phone(login: { token: string; user: unknown }, at?: { latitude: number; longitude: number }): Promise<PhoneSession> {
    const s = await PhoneSession.open();
    sessions.push(s);
    if (at) {
      await s.page.context().grantPermissions(['geolocation'], { origin: baseUrl() });
      await s.page.context().setGeolocation(at);
    }
    await s.page.goto(`${baseUrl()}/#/pages/mine/index`);
    await s.page.evaluate(([token, user]) => {
      localStorage.setItem('linli.token', JSON.stringify({ data: token }));
      localStorage.setItem('linli.user', JSON.stringify({ data: user }));
    }, [login.token, login.user] as const);
    return s;
  }
  afterAll(async () => {
    for (const s of sessions) await s.close();
  });

  it('the demo store has two pickup stores with leaders and a running community campaign', async () => {
    const stores = await api<{ name: string }[]>('/api/community/stores?latitude=30.2431&longitude=120.15', { expect: 200 });
    expect(stores.map((s) => s.name)).toEqual(expect.arrayContaining(['邻里·文三路店', '邻里·滨江星光店']));
    const campaigns = await api<{ title: string; phase: string; items: unknown[] }[]>('/api/community/campaigns', { expect: 200 });
    expect(campaigns.find((c) => c.title === '邻里社区团购 · 明日鲜')).toMatchObject({ phase: 'selling', items: expect.arrayContaining([expect.anything()]) });
    const admin = (await api<{ token: string }>('/admin/auth/login', { body: { username: 'admin', password: 'linli-admin-2026' }, expect: 200 })).token;
    const applications = await api<{ storeName: string; status: string }[]>('/admin/community/applications?status=pending', { token: admin, expect: 200 });
    expect(applications.map((a) => a.storeName)).toContain('邻里·庆春路店');
  });

  it('runs from purchase to a verified pickup, refusing a second try and another store', async () => {
    const admin = (await api<{ token: string }>('/admin/auth/login', { body: { username: 'admin', password: 'linli-admin-2026' }, expect: 200 })).token;
    const store = { address: '杭州市西湖区文三路100号', district: '西湖区', latitude: 30.28, longitude: 120.14, hours: '08:00-21:00', phone: '0571-88880000' };
    const mine = await api<{ id: number }>('/admin/community/stores', { token: admin, body: { ...store, name: '文三路店' }, expect: 201 });
    const theirs = await api<{ id: number }>('/admin/community/stores', { token: admin, body: { ...store, name: '滨江店', latitude: 30.21, longitude: 120.21 }, expect: 201 });
    const [leader, otherLeader, buyer] = [await shopper('leader'), await shopper('other'), await shopper('buyer')];
    await api(`/admin/community/stores/${mine.id}/leader`, { method: 'PUT', token: admin, body: { userId: leader.user.id }, expect: 200 });
    await api(`/admin/community/stores/${theirs.id}/leader`, { method: 'PUT', token: admin, body: { userId: otherLeader.user.id }, expect: 200 });

    const some = (await api<{ items: { id: number; categoryId: number; cover: string }[] }>('/api/products?pageSize=1')).items[0];
    const product = await api<{ id: number; skus: { id: number }[] }>('/admin/products', {
      token: admin, expect: 201,
      body: { categoryId: some.categoryId, title: '社区团购 当季砂糖橘', subtitle: '次日自提', images: [some.cover], onShelf: true, specDimensions: [{ name: '规格', values: ['2斤'] }], skus: [{ specs: { 规格: '2斤' }, price: 2990, originalPrice: 3990, stock: 50 }] },
    });
    // Long enough for the purchase through the pages below; the test then waits for it.
    const cutoff = Date.now() + 45_000;
    const campaign = await api<{ id: number }>('/admin/community/campaigns', {
      token: admin, expect: 201,
      body: { title: '明日鲜果团', startsAt: new Date(Date.now() - 60_000).toISOString(), cutoffAt: new Date(cutoff).toISOString(), pickupDate: chinaDate(new Date(Date.now() + 2 * 86_400_000)), storeIds: [mine.id], items: [{ skuId: product.skus[0].id, price: 1990, stock: 20, perUserLimit: 5 }] },
    });

    // The shopper picks the store on home (nearest first from her location), opens 社区团购 and buys two for pickup.
    const shopperPhone = await phone(buyer, { latitude: 30.2801, longitude: 120.1399 });
    await shopperPhone.page.goto(`${baseUrl()}/#/pages/index/index`);
    await shopperPhone.byText('#home-store', '选择离你最近的自提点').waitFor();
    await shopperPhone.$('#home-store-pick').click();
    await shopperPhone.byText('#stores-hint', '按距离由近到远排列').waitFor();
    await shopperPhone.$(`#store-${mine.id}`).waitFor();
    await screenshot(shopperPhone.page, 'community-10-store-picker');
    await shopperPhone.$(`#store-${mine.id}`).click();
    await shopperPhone.byText('#home-store', '文三路店').waitFor();
    await screenshot(shopperPhone.page, 'community-11-home-store');
    await shopperPhone.$('#home-community').click();
    await shopperPhone.byText(`#campaign-${campaign.id}`, '明日鲜果团').waitFor();
    const item = shopperPhone.$(`#campaign-item-${product.skus[0].id}`);
    await item.locator('.stepper-plus').click();
    await screenshot(shopperPhone.page, 'community-12-campaign');
    await shopperPhone.$(`#campaign-buy-${product.skus[0].id}`).click();
    await shopperPhone.$('#cashier-pay').waitFor({ timeout: 30_000 });
    await shopperPhone.$('#cashier-pay').click();
    await shopperPhone.$('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20_000 });
    const orderId = Number(new URL(shopperPhone.page.url().replace('#/', '')).searchParams.get('id'));
    const order = await api<{ id: number; total: number; freight: number; fulfilment: string; kind: string }>(`/api/orders/${orderId}`, { token: buyer.token, expect: 200 });
    expect(order).toMatchObject({ total: 3980, freight: 0, fulfilment: 'pickup', kind: 'community' });

    // The shopper sees 待配送 before arrival.
    await shopperPhone.page.goto(`${baseUrl()}/#/packages/order/detail/index?id=${order.id}`);
    await shopperPhone.byText('#pickup-phase', '待配送').waitFor();

    // After the cut-off the operator batches and ships.
    await new Promise((r) => setTimeout(r, Math.max(0, cutoff - Date.now() + 200)));
    await api(`/api/community/orders`, { token: buyer.token, body: { campaignId: campaign.id, skuId: product.skus[0].id, quantity: 1, storeId: mine.id }, expect: 409 });
    const [batch] = await api<{ id: number; orderCount: number }[]>(`/admin/community/campaigns/${campaign.id}/batches`, { method: 'POST', token: admin, expect: 200 });
    expect(batch.orderCount).toBe(1);
    await api(`/admin/community/batches/${batch.id}/ship`, { method: 'POST', token: admin, expect: 200 });

    // The leader confirms arrival in 团长工作台.
    const leaderPhone = await phone(leader);
    await leaderPhone.page.goto(`${baseUrl()}/#/packages/leader/index/index`);
    await leaderPhone.byText('#leader-store', '文三路店').waitFor();
    await leaderPhone.$(`#leader-batch-${batch.id}`).filter({ hasText: '配送中' }).waitFor();
    await screenshot(leaderPhone.page, 'community-01-leader-batch');
    // 分享本店: a server-issued code on the home page, which greets the visitor with the store.
    await leaderPhone.$('#leader-share').click();
    await leaderPhone.$('#share-link').filter({ hasText: 's=' }).waitFor();
    const storeLink = ((await leaderPhone.$('#share-link').textContent()) ?? '').trim();
    expect(storeLink).toMatch(new RegExp(`#/pages/index/index\\?store=${mine.id}&s=[0-9a-z]+\\.[0-9A-Za-z]{10}$`));
    await screenshot(leaderPhone.page, 'community-01b-leader-share-store');
    await leaderPhone.page.keyboard.press('Escape');
    const visitor = await PhoneSession.open();
    try {
      await visitor.page.goto(storeLink);
      await visitor.byText('#home-landing-store', '文三路店').waitFor();
      await screenshot(visitor.page, 'community-01c-store-landing');
    } finally {
      await visitor.close();
    }
    await leaderPhone.page.reload();
    await leaderPhone.byText('#leader-store', '文三路店').waitFor();
    await leaderPhone.$(`#leader-arrive-${batch.id}`).click();
    await leaderPhone.byText('.taro-modal__foot div, .taro-modal__btn, [class*=modal] [class*=confirm]', '确定').click();
    await leaderPhone.$(`#leader-batch-${batch.id}`).filter({ hasText: '已到店' }).waitFor();

    // The shopper sees 待自提 with the QR code and the digits.
    await shopperPhone.page.reload();
    await shopperPhone.byText('#pickup-phase', '待自提').waitFor();
    await shopperPhone.$('#pickup-qr').waitFor();
    const digits = ((await shopperPhone.$('#pickup-digits').textContent()) ?? '').replace(/\s/g, '');
    expect(digits).toMatch(/^\d{16}$/);
    await screenshot(shopperPhone.page, 'community-02-shopper-qr');
    // The order list's 待自提 tab has it.
    await shopperPhone.page.goto(`${baseUrl()}/#/packages/order/list/index?status=ready_for_pickup`);
    await shopperPhone.$('.order-card').filter({ hasText: '当季砂糖橘' }).first().waitFor();
    await screenshot(shopperPhone.page, 'community-06-order-list-pickup-tab');
    await shopperPhone.page.goto(`${baseUrl()}/#/packages/order/detail/index?id=${order.id}`);

    // The other store's leader: refused exactly like an unknown code.
    const otherPhone = await phone(otherLeader);
    await otherPhone.page.goto(`${baseUrl()}/#/packages/leader/index/index`);
    await otherPhone.byText('#leader-store', '滨江店').waitFor();
    await otherPhone.$('#leader-code input, input#leader-code').first().fill(digits);
    await otherPhone.$('#leader-verify').click();
    await otherPhone.byText('#leader-result', '取货码无效，或不是本店的订单').waitFor();
    await screenshot(otherPhone.page, 'community-03-other-store-refused');

    // The leader types the code: verified.
    await leaderPhone.page.reload();
    await leaderPhone.byText('#leader-store', '文三路店').waitFor();
    await leaderPhone.$('#leader-code input, input#leader-code').first().fill(digits);
    await leaderPhone.$('#leader-verify').click();
    await leaderPhone.byText('#leader-result', '核销成功').waitFor();
    await screenshot(leaderPhone.page, 'community-04-verified');
    // A second try says when and by whom.
    await leaderPhone.$('#leader-code input, input#leader-code').first().fill(digits);
    await leaderPhone.$('#leader-verify').click();
    await leaderPhone.byText('#leader-result', '不能重复提货').waitFor();
    expect(await leaderPhone.$('#leader-result').textContent()).toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 由 团长 /);
    await screenshot(leaderPhone.page, 'community-05-second-try');

    // The shopper's order is picked up (completed).
    await shopperPhone.page.reload();
    await shopperPhone.byText('#pickup-phase', '已自提').waitFor();
    for (const s of sessions) expect(s.errors).toEqual([]);
  });

  it('a shopper applies to lead a store with their WeChat phone; once approved they run it, a neighbour picks up normal goods there, and the leader shares the 销售战报', async () => {
    const admin = (await api<{ token: string }>('/admin/auth/login', { body: { username: 'admin', password: 'linli-admin-2026' }, expect: 200 })).token;
    const applicant = await shopper('applicant');
    const here = { latitude: 30.2655, longitude: 120.1633 };
    const applicantPhone = await phone(applicant, here);
    await applicantPhone.page.goto(`${baseUrl()}/#/packages/leader/index/index`);
    await applicantPhone.byText('.empty-state, [class*=empty]', '申请当团长').waitFor();
    await applicantPhone.page.goto(`${baseUrl()}/#/packages/leader/apply/index`);
    await applicantPhone.$('#apply-name input, input#apply-name').first().fill('庆春路小卖部');
    await applicantPhone.$('#apply-place').click();
    await applicantPhone.byText('#apply-place', '已定位').waitFor();
    await applicantPhone.$('#apply-address input, input#apply-address').first().fill('杭州市上城区庆春路66号');
    await applicantPhone.$('#apply-district input, input#apply-district').first().fill('上城区');
    await applicantPhone.$('#apply-phone input, input#apply-phone').first().fill('13655556666');
    await screenshot(applicantPhone.page, 'community-20-apply-form');
    await applicantPhone.$('#apply-submit').click();
    await applicantPhone.byText('#apply-state', '审核中').waitFor();
    expect(await applicantPhone.$('#apply-state').textContent()).toContain('136****6666');
    await screenshot(applicantPhone.page, 'community-21-apply-pending');

    const pending = await api<{ id: number; userId: number; phone: string; latitude: number }[]>('/admin/community/applications?status=pending', { token: admin, expect: 200 });
    const mine = pending.find((a) => a.userId === applicant.user.id)!;
    expect(mine).toMatchObject({ phone: '13655556666', latitude: here.latitude });
    const approved = await api<{ storeId: number }>(`/admin/community/applications/${mine.id}/approve`, { token: admin, body: {}, expect: 200 });
    await applicantPhone.page.reload();
    await applicantPhone.byText('#apply-state', '已通过').waitFor();
    await screenshot(applicantPhone.page, 'community-22-apply-approved');
    await applicantPhone.$('#apply-open-desk').click();
    await applicantPhone.byText('#leader-store', '庆春路小卖部').waitFor();
    await applicantPhone.$('#leader-report').waitFor();
    await screenshot(applicantPhone.page, 'community-25-leader-desk');

    // A neighbour picks the new store and chooses 到店自提 for normal goods at checkout: no address, no freight.
    const some = (await api<{ items: { id: number; categoryId: number; cover: string }[] }>('/api/products?pageSize=1')).items[0];
    const product = await api<{ id: number; skus: { id: number }[] }>('/admin/products', {
      token: admin, expect: 201,
      body: { categoryId: some.categoryId, title: '农家土鸡蛋 30枚', subtitle: '到店自提', images: [some.cover], onShelf: true, specDimensions: [{ name: '规格', values: ['30枚'] }], skus: [{ specs: { 规格: '30枚' }, price: 3600, originalPrice: 4200, stock: 20 }] },
    });
    const neighbour = await shopper('neighbour');
    const neighbourPhone = await phone(neighbour, here);
    await neighbourPhone.page.goto(`${baseUrl()}/#/packages/community/stores/index`);
    await neighbourPhone.$(`#store-${approved.storeId}`).click();
    await neighbourPhone.byText('#home-store', '庆春路小卖部').waitFor();
    await neighbourPhone.page.goto(`${baseUrl()}/#/packages/order/checkout/index?source=buy_now&lines=${product.skus[0].id}:1`);
    await neighbourPhone.$('#checkout-mode-pickup').click();
    await neighbourPhone.byText('#checkout-store', '庆春路小卖部').waitFor();
    await neighbourPhone.byText('#checkout-store', '到店后凭取货码自提').waitFor();
    await screenshot(neighbourPhone.page, 'community-23-checkout-pickup');
    await neighbourPhone.$('#checkout-submit').click();
    await neighbourPhone.$('#cashier-pay').waitFor({ timeout: 30_000 });
    await neighbourPhone.$('#cashier-pay').click();
    await neighbourPhone.$('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20_000 });
    const orderId = Number(new URL(neighbourPhone.page.url().replace('#/', '')).searchParams.get('id'));
    expect(await api(`/api/orders/${orderId}`, { token: neighbour.token, expect: 200 })).toMatchObject({ fulfilment: 'pickup', freight: 0, total: 3600, address: null });

    // The leader's 销售战报: counts and the image to send into the group chat.
    await applicantPhone.page.goto(`${baseUrl()}/#/packages/leader/report/index`);
    await applicantPhone.byText('#report-orders', '1').waitFor();
    await applicantPhone.$('#report-share').click();
    await applicantPhone.$('#report-image').waitFor();
    await screenshot(applicantPhone.page, 'community-24-report');
    for (const s of sessions) expect(s.errors).toEqual([]);
  });
  it('opens a group for 到店自提 at the chosen store, and buys on 社区团购 with a coupon from the picker', async () => {
    const admin = (await api<{ token: string }>('/admin/auth/login', { body: { username: 'admin', password: 'linli-admin-2026' }, expect: 200 })).token;
    const shop = await api<{ id: number }>('/admin/community/stores', {
      token: admin, expect: 201, body: { name: '古墩路便利店', address: '杭州市西湖区古墩路66号', district: '西湖区', latitude: 30.29, longitude: 120.1, hours: '07:30-22:00', phone: '0571-88881234' },
    });
    const some = (await api<{ items: { categoryId: number; cover: string }[] }>('/api/products?pageSize=1')).items[0];
    const product = await api<{ id: number; skus: { id: number }[] }>('/admin/products', {
      token: admin, expect: 201,
      body: { categoryId: some.categoryId, title: '拼团 高山土豆 5斤', subtitle: '到店自提', images: [some.cover], onShelf: true, specDimensions: [{ name: '规格', values: ['5斤'] }], skus: [{ specs: { 规格: '5斤' }, price: 3000, originalPrice: 3600, stock: 50 }] },
    });
    const now = Date.now();
    const groupCampaign = await api<{ id: number }>('/admin/group-buy/campaigns', {
      token: admin, expect: 201,
      body: { productId: product.id, title: '土豆拼团', groupSize: 2, timeLimitSeconds: 3600, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86400_000).toISOString(), stock: 20, perUserLimit: 3, skus: [{ skuId: product.skus[0].id, groupPrice: 2000 }] },
    });
    const buyer = await shopper('group-pickup');
    const buyerPhone = await phone(buyer);
    await buyerPhone.page.goto(`${baseUrl()}/#/packages/community/stores/index`);
    await buyerPhone.$(`#store-${shop.id}`).click();
    await buyerPhone.byText('#home-store', '古墩路便利店').waitFor();

    await buyerPhone.page.goto(`${baseUrl()}/#/packages/order/checkout/index?mode=group&campaignId=${groupCampaign.id}&skuId=${product.skus[0].id}&quantity=1`);
    await buyerPhone.$('#checkout-group').waitFor();
    await buyerPhone.$('#checkout-mode-pickup').click();
    await buyerPhone.byText('#checkout-store', '古墩路便利店').waitFor();
    await buyerPhone.byText('#checkout-store', '成团后备货到店').waitFor();
    await buyerPhone.byText('#checkout-group', '成团后到店自提').waitFor();
    expect(await buyerPhone.$('.amount-freight').textContent()).toBe('免运费');
    await screenshot(buyerPhone.page, 'community-30-group-checkout-pickup');
    await buyerPhone.$('#checkout-submit').click();
    await buyerPhone.$('#cashier-pay').waitFor({ timeout: 30_000 });
    await buyerPhone.$('#cashier-pay').click();
    await buyerPhone.$('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20_000 });
    const groupOrderId = Number(new URL(buyerPhone.page.url().replace('#/', '')).searchParams.get('id'));
    expect(await api(`/api/orders/${groupOrderId}`, { token: buyer.token, expect: 200 })).toMatchObject({ kind: 'group', status: 'grouping', fulfilment: 'pickup', freight: 0, total: 2000, address: null });

    // 社区团购 with coupons allowed: 立即抢购 opens the confirm sheet with the best coupon; the picker changes it.
    const template = await api<{ id: number }>('/admin/coupons/templates', {
      // Granted, scoped to this product and out of the claim centre: the other specs share this server's coupons and 券 tags.
      token: admin, expect: 201, body: { title: '社区满20减3', type: 'threshold_off', amount: 300, threshold: 2000, scope: 'products', scopeIds: [product.id], validity: 'relative', validDays: 7, total: 100, perUserLimit: 1, inCentre: false },
    });
    await api(`/admin/coupons/templates/${template.id}/grant`, { token: admin, body: { userIds: [buyer.user.id] }, expect: 200 });
    await api('/admin/community/campaigns', {
      token: admin, expect: 201,
      body: { title: '周末鲜蔬团', startsAt: new Date(now - 60_000).toISOString(), cutoffAt: new Date(now + 3_600_000).toISOString(), pickupDate: chinaDate(new Date(Date.now() + 2 * 86_400_000)), storeIds: [shop.id], couponsAllowed: true, items: [{ skuId: product.skus[0].id, price: 2500, stock: 10, perUserLimit: 2 }] },
    });
    await buyerPhone.page.goto(`${baseUrl()}/#/packages/community/campaign/index`);
    await buyerPhone.$(`#campaign-buy-${product.skus[0].id}`).click();
    await buyerPhone.$('#campaign-confirm').waitFor();
    await buyerPhone.byText('#checkout-coupon-value', '-¥3.00').waitFor();
    expect(await buyerPhone.$('.campaign-confirm-total').textContent()).toContain('22.00');
    await screenshot(buyerPhone.page, 'community-31-campaign-confirm-coupon');
    await buyerPhone.$('#checkout-coupon').click();
    await buyerPhone.$('#pick-coupon-none').waitFor();
    await screenshot(buyerPhone.page, 'community-32-campaign-coupon-picker');
    await buyerPhone.$('#pick-coupon-none').click();
    await buyerPhone.byText('#checkout-coupon-value', '1张可用').waitFor();
    expect(await buyerPhone.$('.campaign-confirm-total').textContent()).toContain('25.00');
    await buyerPhone.$('#checkout-coupon').click();
    await buyerPhone.$('.coupon-picker .coupon-ticket').first().click();
    await buyerPhone.byText('#checkout-coupon-value', '-¥3.00').waitFor();
    await buyerPhone.$('#campaign-confirm-submit').click();
    await buyerPhone.$('#cashier-pay').waitFor({ timeout: 30_000 });
    await buyerPhone.$('#cashier-pay').click();
    await buyerPhone.$('#pay-result-status').filter({ hasText: '支付成功' }).waitFor({ timeout: 20_000 });
    const communityOrderId = Number(new URL(buyerPhone.page.url().replace('#/', '')).searchParams.get('id'));
    expect(await api(`/api/orders/${communityOrderId}`, { token: buyer.token, expect: 200 })).toMatchObject({ kind: 'community', fulfilment: 'pickup', subtotal: 2500, discount: 300, total: 2200 });
    for (const s of sessions) expect(s.errors).toEqual([]);
  });
  it('A shares a campaign from 社区团购; B, in a fresh browser with no store chosen, lands on that campaign at its store', async () => {
    const admin = (await api<{ token: string }>('/admin/auth/login', { body: { username: 'admin', password: 'linli-admin-2026' }, expect: 200 })).token;
    const store = await api<{ id: number; name: string }>('/admin/community/stores', {
      token: admin, expect: 201,
      body: { name: '古荡分享店', address: '杭州市西湖区古墩路8号', district: '西湖区', latitude: 30.29, longitude: 120.11, hours: '08:00-20:00', phone: '0571-88881111' },
    });
    // Sold at two stores; A views the second, and the link must open there (not at the campaign's first store).
    const first = await api<{ id: number }>('/admin/community/stores', {
      token: admin, expect: 201,
      body: { name: '古荡东店', address: '杭州市西湖区古墩路2号', district: '西湖区', latitude: 30.29, longitude: 120.12, hours: '08:00-20:00', phone: '0571-88881112' },
    });
    const some = (await api<{ items: { categoryId: number; cover: string }[] }>('/api/products?pageSize=1')).items[0];
    const product = (title: string) => api<{ id: number; skus: { id: number }[] }>('/admin/products', {
      token: admin, expect: 201,
      body: { categoryId: some.categoryId, title, subtitle: '次日自提', images: [some.cover], onShelf: true, specDimensions: [{ name: '规格', values: ['1份'] }], skus: [{ specs: { 规格: '1份' }, price: 1990, originalPrice: 2590, stock: 50 }] },
    });
    const campaign = async (title: string) => {
      const p = await product(`${title} 单品`);
      return api<{ id: number }>('/admin/community/campaigns', {
        token: admin, expect: 201,
        body: { title, startsAt: new Date(Date.now() - 60_000).toISOString(), cutoffAt: new Date(Date.now() + 3_600_000).toISOString(), pickupDate: chinaDate(new Date(Date.now() + 2 * 86_400_000)), storeIds: [first.id, store.id], items: [{ skuId: p.skus[0].id, price: 1290, stock: 30, perUserLimit: 3 }] },
      });
    };
    await campaign('古荡早市蔬菜团');
    const shared = await campaign('古荡周末水果团');
    // A: a shopper whose pickup store is 古荡分享店.
    const a = await phone(await shopper('share-a'));
    await a.page.evaluate((s) => localStorage.setItem('linli.pickupStore', JSON.stringify({ data: s })), await api(`/api/community/stores/${store.id}`, { expect: 200 }));
    await a.page.goto(`${baseUrl()}/#/packages/community/campaign/index`);
    await a.byText('#campaign-store', '古荡分享店').waitFor();
    await a.$(`#campaign-share-${shared.id}`).click();
    await a.$('#share-link').filter({ hasText: 's=' }).waitFor();
    const link = ((await a.$('#share-link').textContent()) ?? '').trim();
    expect(link).toMatch(new RegExp(`#/packages/community/campaign/index\\?id=${shared.id}&s=[0-9a-z]+\\.[0-9A-Za-z]{10}$`));
    await screenshot(a.page, 'community-share-01-sheet');
    // The poster is drawn on the server for this campaign.
    await a.$('#share-make-poster').click();
    await a.page.waitForFunction(() => {
      const img = document.querySelector('#share-poster img, img#share-poster') as HTMLImageElement | null;
      return Boolean(img && img.complete && img.naturalWidth === 750);
    });
    await screenshot(a.page, 'community-share-02-poster');

    // B: a fresh browser, not logged in, no pickup store: the link opens that campaign first, at its store.
    const b = await PhoneSession.open();
    sessions.push(b);
    await b.page.goto(link);
    await b.byText('#campaign-store', '古荡分享店').waitFor();
    await b.$('#campaign-shared').waitFor();
    expect((await b.$('.campaign__title').first().textContent())?.trim()).toBe('古荡周末水果团');
    expect(await b.$('.campaign__title').allTextContents()).toContain('古荡早市蔬菜团');
    // The shared store is now B's pickup store, as a shared store link does.
    expect(await b.page.evaluate(() => JSON.parse(localStorage.getItem('linli.pickupStore') ?? '{}').data?.id)).toBe(store.id);
    await screenshot(b.page, 'community-share-03-landed');
  });
});
