import type { FlashRemindersView } from '@linli/shared';
import { FlashReminderSweeper } from '../../server/src/modules/reminders/flash-reminder.sweeper';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

interface SimMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
}

describe('flash reminders (提醒我 → subscription message at the slot start)', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let alice: Shopper;
  let bob: Shopper;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.loginAdmin();
    [alice, bob] = await Promise.all([t.loginShopper('openid_alice_reminder'), t.loginShopper('openid_bob_reminder')]);
  });
  afterAll(() => t.close());

  async function item(startsInMs: number) {
    const product = await t.factory.product({ title: '手撕牛肉干', skus: [{ price: 5000, stock: 100 }] });
    const startsAt = new Date(Date.now() + startsInMs);
    const slot = (await t.http().post('/admin/flash-sale/slots').set(admin).send({ title: '场次', startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) }).expect(201)).body;
    const withItem = (await t.http().post(`/admin/flash-sale/slots/${slot.id}/items`).set(admin).send({ skuId: product.skus[0].id, flashPrice: 990, stock: 10, perUserLimit: 1 }).expect(201)).body;
    return { itemId: withItem.items[0].id as number, slotId: slot.id as number, startsAt };
  }
  const messages = async () => (await t.http().get('/sim/wechat/dev/subscribe-messages').expect(200)).body as SimMessage[];
  const sweep = (at: Date) => t.app.get(FlashReminderSweeper).sweepOnce(at);

  it('sends one message to each shopper who asked, when the slot starts, and never twice', async () => {
    const upcoming = await item(3600_000);
    const mine = (await t.http().post('/api/flash-sale/reminders').set(alice.auth).send({ itemId: upcoming.itemId }).expect(201)).body as FlashRemindersView;
    expect(mine).toEqual({ templateId: 'dev-flash-start', itemIds: [upcoming.itemId] });
    // Asking twice is one reminder.
    await t.http().post('/api/flash-sale/reminders').set(alice.auth).send({ itemId: upcoming.itemId }).expect(201);
    await t.http().post('/api/flash-sale/reminders').set(bob.auth).send({ itemId: upcoming.itemId }).expect(201);

    const before = (await messages()).length;
    expect(await sweep(new Date(upcoming.startsAt.getTime() - 1000))).toMatchObject({ sent: 0 });
    expect(await sweep(new Date(upcoming.startsAt.getTime() + 1000))).toMatchObject({ sent: 2 });
    expect(await sweep(new Date(upcoming.startsAt.getTime() + 2000))).toMatchObject({ sent: 0 });
    const sent = (await messages()).slice(before);
    expect(sent.map((m) => m.touser).sort()).toEqual(['openid_alice_reminder', 'openid_bob_reminder']);
    expect(sent[0]).toMatchObject({ template_id: 'dev-flash-start', page: `packages/flash/index/index?slot=${upcoming.slotId}` });
    expect(sent[0].data.thing1.value).toBe('手撕牛肉干');
    expect(sent[0].data.thing3.value).toBe('秒杀价¥9.90，已开抢');
    expect(sent[0].data.time2.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect((await t.http().get('/api/flash-sale/reminders').set(alice.auth).expect(200)).body.itemIds).toEqual([]);
  });

  it('does not retry a shopper who withdrew consent (43101)', async () => {
    const upcoming = await item(3600_000);
    await t.http().post('/sim/wechat/dev/subscribe-refusals').send({ openids: ['openid_bob_reminder'] }).expect(200);
    await t.http().post('/api/flash-sale/reminders').set(bob.auth).send({ itemId: upcoming.itemId }).expect(201);
    expect(await sweep(new Date(upcoming.startsAt.getTime() + 1000))).toMatchObject({ sent: 0, refused: 1 });
    expect(await sweep(new Date(upcoming.startsAt.getTime() + 2000))).toMatchObject({ sent: 0, refused: 0 });
  });

  it('refuses live or unknown items, and another shopper’s reminder is 404', async () => {
    const live = await item(-60_000);
    expect((await t.http().post('/api/flash-sale/reminders').set(alice.auth).send({ itemId: live.itemId }).expect(409)).body.code).toBe('REMINDER_NOT_ALLOWED');
    await t.http().post('/api/flash-sale/reminders').set(alice.auth).send({ itemId: 999999 }).expect(404);
    const upcoming = await item(7200_000);
    await t.http().post('/api/flash-sale/reminders').set(alice.auth).send({ itemId: upcoming.itemId }).expect(201);
    expect((await t.http().delete(`/api/flash-sale/reminders/${upcoming.itemId}`).set(bob.auth).expect(404)).body.code).toBe('REMINDER_NOT_FOUND');
    expect((await t.http().get('/api/flash-sale/reminders').set(alice.auth)).body.itemIds).toContain(upcoming.itemId);
    await t.http().delete(`/api/flash-sale/reminders/${upcoming.itemId}`).set(alice.auth).expect(204);
    expect((await t.http().get('/api/flash-sale/reminders').set(alice.auth)).body.itemIds).not.toContain(upcoming.itemId);
    for (const body of [{}, { itemId: 'x' }, { itemId: 0 }, { itemId: upcoming.itemId, openid: 'x' }]) {
      expect((await t.http().post('/api/flash-sale/reminders').set(alice.auth).send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    await t.http().post('/api/flash-sale/reminders').send({ itemId: upcoming.itemId }).expect(401);
  });

  it('drops reminders for a slot that started long ago instead of sending late', async () => {
    const upcoming = await item(3600_000);
    await t.http().post('/api/flash-sale/reminders').set(alice.auth).send({ itemId: upcoming.itemId }).expect(201);
    expect(await sweep(new Date(upcoming.startsAt.getTime() + 3600_000))).toMatchObject({ sent: 0, expired: 1 });
  });
});
