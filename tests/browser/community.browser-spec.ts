import { PhoneSession, baseUrl, screenshot } from './browser';

/**
 * Community store + group in phone-sized Chromium on the H5 build against the real server. A shopper buys a community
 * campaign's goods for pickup at 文三路店 and pays (through the API: the store picker and campaign checkout pages are
 * not built yet); after the cut-off the operator batches and ships; the leader confirms arrival in 团长工作台; the
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
  async function phone(login: { token: string; user: unknown }): Promise<PhoneSession> {
    const s = await PhoneSession.open();
    sessions.push(s);
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
    const cutoff = Date.now() + 12_000;
    const campaign = await api<{ id: number }>('/admin/community/campaigns', {
      token: admin, expect: 201,
      body: { title: '明日鲜果团', startsAt: new Date(Date.now() - 60_000).toISOString(), cutoffAt: new Date(cutoff).toISOString(), pickupDate: '2026-12-02', storeIds: [mine.id], items: [{ skuId: product.skus[0].id, price: 1990, stock: 20, perUserLimit: 5 }] },
    });
    const order = await api<{ id: number; orderNo: string; total: number; freight: number }>('/api/community/orders', { token: buyer.token, body: { campaignId: campaign.id, skuId: product.skus[0].id, quantity: 2, storeId: mine.id }, expect: 201 });
    expect(order).toMatchObject({ total: 3980, freight: 0 });
    await api(`/api/orders/${order.id}/pay`, { method: 'POST', token: buyer.token, expect: 200 });
    await api('/sim/wechatpay/dev/pay', { body: { outTradeNo: order.orderNo }, expect: 200 });

    // The shopper sees 待配送 and the digits before arrival.
    const shopperPhone = await phone(buyer);
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
});
