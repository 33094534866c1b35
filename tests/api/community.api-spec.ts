import type { OrderView } from '@linli/shared';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { User } from '../../server/src/modules/auth/entities/user.entity';
import { Order } from '../../server/src/modules/orders/entities/order.entity';
import { startServer } from '../../server/src/app.factory';
import { secondsLeftInWindow } from '../../server/src/common/rate-limit';
import { Shopper, startTestApp, TestApp } from '../factories/test-app';

/** Community store + group: stores, leaders and staff, pickup codes and verification (核销). */
describe('community', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let alice: Shopper;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.loginAdmin();
    alice = await t.loginShopper();
  });
  afterAll(() => t.close());

  const repo = <T extends object>(entity: new () => T) => t.app.get(TransactionRunner).dataSource.getRepository(entity);
  let storeSeq = 0;
  const storeBody = (over: Record<string, unknown> = {}) => ({
    name: `测试店${++storeSeq}`, address: '杭州市西湖区文三路100号', district: '西湖区', latitude: 30.28, longitude: 120.14, hours: '08:00-21:00', phone: '0571-88888888', ...over,
  });

  /** A store with a leader (a fresh shopper named `nickname`). */
  async function storeWithLeader(nickname = '王团长', over: Record<string, unknown> = {}) {
    const store = (await t.http().post('/admin/community/stores').set(admin).send(storeBody(over)).expect(201)).body as { id: number };
    const leader = await t.loginShopper();
    await repo(User).update({ id: leader.userId }, { nickname });
    await t.http().put(`/admin/community/stores/${store.id}/leader`).set(admin).send({ userId: leader.userId }).expect(200);
    return { storeId: store.id, leader };
  }

  async function addStaff(leader: Shopper, nickname = '小李'): Promise<Shopper> {
    const staff = await t.loginShopper();
    await repo(User).update({ id: staff.userId }, { nickname });
    const { code } = (await t.http().post('/api/community/leader/staff/invites').set(leader.auth).expect(201)).body as { code: string };
    await t.http().post('/api/community/staff/join').set(staff.auth).send({ code }).expect(200);
    return staff;
  }

  async function pay(s: Shopper, o: { id: number; orderNo: string }): Promise<void> {
    await t.http().post(`/api/orders/${o.id}/pay`).set(s.auth).expect(200);
    await t.http().post('/sim/wechatpay/dev/pay').send({ outTradeNo: o.orderNo }).expect(200);
  }

  /** A paid pickup order of `shopper` at `storeId`, made ready by the operator; returns it and its code. */
  async function readyOrder(shopper: Shopper, storeId: number, ready = true) {
    const p = await t.factory.product({ skus: [{ price: 1990, stock: 50 }] });
    const o = (await t.http().post('/api/orders').set(shopper.auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 2 }], source: 'buy_now', fulfilment: 'pickup', pickupStoreId: storeId }).expect(201)).body as OrderView;
    await pay(shopper, o);
    if (ready) await t.http().post(`/admin/orders/${o.id}/ready-for-pickup`).set(admin).expect(200);
    const card = (await t.http().get(`/api/community/orders/${o.id}/pickup`).set(shopper.auth).expect(200)).body as { code: string };
    return { order: o, code: card.code };
  }

  /** Rate limits count per one-minute window: start a counting test early in a window so it stays in one. */
  async function freshWindow(needSeconds = 20): Promise<void> {
    if (secondsLeftInWindow() < needSeconds) await new Promise((r) => setTimeout(r, secondsLeftInWindow() * 1000 + 50));
  }

  const verify = (s: Shopper, code: string) => t.http().post('/api/community/leader/verify').set(s.auth).send({ code });

  describe('stores', () => {
    it('lists open and paused stores nearest first with a location, by district without, never closed ones', async () => {
      const near = (await t.http().post('/admin/community/stores').set(admin).send(storeBody({ district: '上城区', latitude: 30.2550, longitude: 120.1650 })).expect(201)).body;
      const far = (await t.http().post('/admin/community/stores').set(admin).send(storeBody({ district: '滨江区', latitude: 30.2100, longitude: 120.2100 })).expect(201)).body;
      const closed = (await t.http().post('/admin/community/stores').set(admin).send(storeBody()).expect(201)).body;
      await t.http().patch(`/admin/community/stores/${closed.id}`).set(admin).send({ state: 'closed' }).expect(200);
      await t.http().patch(`/admin/community/stores/${far.id}`).set(admin).send({ state: 'paused' }).expect(200);

      const byDistance = (await t.http().get('/api/community/stores').query({ latitude: 30.2431, longitude: 120.15 }).expect(200)).body as { id: number; distance: number; state: string }[];
      const ids = byDistance.map((s) => s.id);
      expect(ids).not.toContain(closed.id);
      expect(ids.indexOf(near.id)).toBeLessThan(ids.indexOf(far.id));
      expect(byDistance.every((s, i) => i === 0 || s.distance >= byDistance[i - 1].distance)).toBe(true);
      expect(byDistance.find((s) => s.id === far.id)!.state).toBe('paused');
      const byDistrict = (await t.http().get('/api/community/stores').expect(200)).body as { distance: null }[];
      expect(byDistrict.every((s) => s.distance === null)).toBe(true);
      await t.http().get(`/api/community/stores/${closed.id}`).expect(404);

      // A paused store takes no new pickup orders.
      const p = await t.factory.product({ skus: [{ price: 500, stock: 5 }] });
      await t.http().post('/api/orders').set(alice.auth).send({ lines: [{ skuId: p.skus[0].id, quantity: 1 }], source: 'buy_now', fulfilment: 'pickup', pickupStoreId: far.id }).expect(404);
    });

    it('refuses bad input with 400 and changes nothing; shoppers cannot reach the admin routes', async () => {
      const before = (await t.http().get('/admin/community/stores').set(admin).expect(200)).body.length;
      for (const bad of [{ latitude: 91 }, { longitude: 'east' }, { name: '' }, { phone: 'call me' }, { photo: 'http://x' }, { hours: 5 }]) {
        const res = await t.http().post('/admin/community/stores').set(admin).send(storeBody(bad)).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      await t.http().get('/api/community/stores').query({ latitude: 'x' }).expect(400);
      await t.http().patch('/admin/community/stores/1').set(admin).send({ state: 'gone' }).expect(400);
      await t.http().put('/admin/community/stores/1/leader').set(admin).send({ userId: 'me' }).expect(400);
      expect((await t.http().get('/admin/community/stores').set(admin).expect(200)).body.length).toBe(before);
      await t.http().post('/admin/community/stores').set(alice.auth).send(storeBody()).expect(401);
      await t.http().get('/admin/community/stores').expect(401);
    });

    it('lets a person lead one store only and not be staff elsewhere', async () => {
      const a = await storeWithLeader();
      const other = (await t.http().post('/admin/community/stores').set(admin).send(storeBody()).expect(201)).body;
      expect((await t.http().put(`/admin/community/stores/${other.id}/leader`).set(admin).send({ userId: a.leader.userId }).expect(409)).body.code).toBe('STORE_LEADER_TAKEN');
      const staff = await addStaff(a.leader);
      expect((await t.http().put(`/admin/community/stores/${other.id}/leader`).set(admin).send({ userId: staff.userId }).expect(409)).body.code).toBe('STORE_LEADER_TAKEN');
      await t.http().put(`/admin/community/stores/${other.id}/leader`).set(admin).send({ userId: 99999999 }).expect(400);
    });
  });

  describe('staff', () => {
    it('joins by a one-time invite, appears masked in the leader\'s list, and is removed by the leader only', async () => {
      const { storeId, leader } = await storeWithLeader();
      const invite = (await t.http().post('/api/community/leader/staff/invites').set(leader.auth).expect(201)).body as { code: string };
      expect(invite.code).toMatch(/^[A-Z2-9]{8}$/);
      const first = await t.loginShopper();
      await repo(User).update({ id: first.userId }, { nickname: '李小明' });
      const second = await t.loginShopper();
      // Two claim the same code at once: one joins.
      const claims = await Promise.all([first, second].map((s) => t.http().post('/api/community/staff/join').set(s.auth).send({ code: invite.code.toLowerCase() })));
      expect(claims.map((r) => r.status).sort()).toEqual([200, 404]);
      const joined = claims[0].status === 200 ? first : second;
      expect((await t.http().get('/api/community/leader/me').set(joined.auth).expect(200)).body).toMatchObject({ role: 'staff', store: { id: storeId } });

      const list = (await t.http().get('/api/community/leader/staff').set(leader.auth).expect(200)).body as { userId: number; name: string }[];
      expect(list.map((s) => s.userId)).toEqual([joined.userId]);
      expect(list[0].name).not.toContain('小明');

      // Staff cannot invite, list or remove; another leader cannot remove this store's staff.
      await t.http().post('/api/community/leader/staff/invites').set(joined.auth).expect(403);
      await t.http().get('/api/community/leader/staff').set(joined.auth).expect(403);
      const other = await storeWithLeader();
      await t.http().delete(`/api/community/leader/staff/${joined.userId}`).set(other.leader.auth).expect(404);
      await t.http().delete(`/api/community/leader/staff/${joined.userId}`).set(leader.auth).expect(204);
      expect((await t.http().get('/api/community/leader/me').set(joined.auth).expect(200)).body).toEqual({ role: null, store: null });
      await t.http().post('/api/community/leader/verify').set(joined.auth).send({ code: '1234567812345678' }).expect(403);
    });

    it('refuses a leader joining as staff, and malformed codes with 400', async () => {
      const a = await storeWithLeader();
      const b = await storeWithLeader();
      const { code } = (await t.http().post('/api/community/leader/staff/invites').set(a.leader.auth).expect(201)).body;
      expect((await t.http().post('/api/community/staff/join').set(b.leader.auth).send({ code }).expect(409)).body.code).toBe('STAFF_ALREADY_AT_STORE');
      await t.http().post('/api/community/staff/join').set(alice.auth).send({ code: 'short' }).expect(400);
      await t.http().post('/api/community/staff/join').set(alice.auth).send({ code: 12345678 }).expect(400);
      expect((await t.http().post('/api/community/staff/join').set(alice.auth).send({ code: 'ZZZZZZZZ' }).expect(404)).body.code).toBe('STAFF_INVITE_INVALID');
    });
  });

  describe('pickup codes and verification', () => {
    it('gives a paid pickup order a 16-digit code only its owner reads; no list carries it', async () => {
      const { storeId, leader } = await storeWithLeader();
      const { order, code } = await readyOrder(alice, storeId);
      expect(code).toMatch(/^\d{16}$/);
      const bob = await t.loginShopper();
      await t.http().get(`/api/community/orders/${order.id}/pickup`).set(bob.auth).expect(404);
      await t.http().get(`/api/community/orders/${order.id}/pickup`).set(leader.auth).expect(404);
      const surfaces = [
        (await t.http().get(`/api/orders/${order.id}`).set(alice.auth).expect(200)).body,
        (await t.http().get('/api/orders').set(alice.auth).expect(200)).body,
        (await t.http().get('/admin/orders').set(admin).expect(200)).body,
        (await t.http().get(`/admin/orders/${order.id}`).set(admin).expect(200)).body,
        (await t.http().get('/api/community/leader/orders/waiting').set(leader.auth).expect(200)).body,
      ];
      for (const body of surfaces) expect(JSON.stringify(body)).not.toContain(code);
      const waiting = surfaces[4] as { orderId: number; quantity: number }[];
      expect(waiting).toEqual([expect.objectContaining({ orderId: order.id, quantity: 2, overdue: false })]);
    });

    it('refuses another store\'s leader and staff exactly like an unknown code, and changes nothing', async () => {
      const mine = await storeWithLeader();
      const theirs = await storeWithLeader('赵团长');
      const theirStaff = await addStaff(theirs.leader);
      const { order, code } = await readyOrder(alice, mine.storeId);
      const unknown = await verify(theirs.leader, '0000000000000000');
      expect(unknown.status).toBe(404);
      for (const s of [theirs.leader, theirStaff]) {
        const res = await verify(s, code);
        expect(res.status).toBe(unknown.status);
        expect({ code: res.body.code, message: res.body.message }).toEqual({ code: unknown.body.code, message: unknown.body.message });
      }
      // A shopper who is nobody's leader or staff is refused before any lookup.
      expect((await verify(alice, code).expect(403)).body.code).toBe('NOT_STORE_VERIFIER');
      expect((await repo(Order).findOneByOrFail({ id: order.id })).status).toBe('ready_for_pickup');
      const waiting = await repo(Order).countBy({ userId: alice.userId, status: 'ready_for_pickup' as Order['status'] });
      expect((await t.http().get('/api/orders/counts').set(alice.auth).expect(200)).body).toMatchObject({ ready_for_pickup: waiting });
      expect(waiting).toBeGreaterThanOrEqual(1);
    });

    it('two verifiers at once: one succeeds and completes the order, the other is told when and by whom', async () => {
      const { storeId, leader } = await storeWithLeader('王团长');
      const staff = await addStaff(leader, '小李');
      const { order, code } = await readyOrder(alice, storeId);
      const results = await Promise.all([verify(leader, code.replace(/(\d{4})/g, '$1 ').trim()), verify(staff, code)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const won = results.find((r) => r.status === 200)!;
      const lost = results.find((r) => r.status === 409)!;
      expect(won.body).toMatchObject({ orderId: order.id, buyer: expect.stringContaining('*'), lines: [expect.objectContaining({ quantity: 2 })] });
      const winnerName = won === results[0] ? '团长 王团长' : '店员 小李';
      expect(lost.body.code).toBe('PICKUP_ALREADY_DONE');
      expect(lost.body.message).toContain(winnerName);
      expect(lost.body.message).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

      const after = (await t.http().get(`/api/orders/${order.id}`).set(alice.auth).expect(200)).body as OrderView;
      expect(after.status).toBe('completed');
      expect(after.completedAt).not.toBeNull();
      // Every later try says the same.
      expect((await verify(leader, code).expect(409)).body.message).toContain(winnerName);
      const card = (await t.http().get(`/api/community/orders/${order.id}/pickup`).set(alice.auth).expect(200)).body;
      expect(card).toMatchObject({ status: 'completed', pickedUpAt: expect.any(String) });
      expect((await t.http().get(`/admin/community/stores/${storeId}/pickup-report`).set(admin).expect(200)).body).toMatchObject({ pickedUp: 1, waiting: 0, overdue: 0 });
    });

    it('refuses an order not yet at the store, and a refunded one', async () => {
      const { storeId, leader } = await storeWithLeader();
      const notYet = await readyOrder(alice, storeId, false);
      expect((await verify(leader, notYet.code).expect(409)).body).toMatchObject({ code: 'PICKUP_NOT_READY', message: '商品还未到店，暂不能提货' });

      const refunded = await readyOrder(alice, storeId);
      await t.http().post(`/api/orders/${refunded.order.id}/refunds`).set(alice.auth).send({ type: 'refund_only', reason: '不想要了' }).expect(201);
      expect((await verify(leader, refunded.code).expect(409)).body.code).toBe('PICKUP_NOT_READY');
      expect((await repo(Order).findOneByOrFail({ id: refunded.order.id })).status).not.toBe('completed');
    });

    it('rate-limits 1,000 guessed codes from one verifier and accepts none', async () => {
      const { storeId, leader } = await storeWithLeader();
      const { order } = await readyOrder(alice, storeId);
      await freshWindow();
      const statuses: number[] = [];
      for (let i = 0; i < 1000; i += 50) {
        const batch = await Promise.all(Array.from({ length: 50 }, (_, j) => verify(leader, String(1e15 + (i + j) * 7919).padStart(16, '0'))));
        statuses.push(...batch.map((r) => r.status));
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(0);
      expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(t.config.rateLimits.pickupVerifier);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1000 - t.config.rateLimits.pickupVerifier);
      expect((await repo(Order).findOneByOrFail({ id: order.id })).status).toBe('ready_for_pickup');
    });

    it('limits the whole store too, across its verifiers and across two API instances', async () => {
      const strict = await startServer({ ...t.config, rateLimits: { ...t.config.rateLimits, pickupVerifier: 1000, pickupStore: 10 } }, { logStream: { write: () => undefined } });
      try {
        const { leader } = await storeWithLeader();
        const staff = await addStaff(leader);
        const again = await startServer({ ...t.config, rateLimits: { ...t.config.rateLimits, pickupVerifier: 1000, pickupStore: 10 } }, { logStream: { write: () => undefined } });
        try {
          await freshWindow(10);
          const statuses: number[] = [];
          for (let i = 0; i < 30; i++) {
            const [who, url] = i % 2 ? [leader, strict.url] : [staff, again.url];
            const res = await fetch(`${url}/api/community/leader/verify`, { method: 'POST', headers: { ...who.auth, 'content-type': 'application/json' }, body: JSON.stringify({ code: String(2e15 + i).padStart(16, '0') }) });
            statuses.push(res.status);
          }
          expect(statuses.filter((s) => s === 404)).toHaveLength(10);
          expect(statuses.filter((s) => s === 429)).toHaveLength(20);
        } finally {
          await again.app.close();
        }
      } finally {
        await strict.app.close();
      }
    });

    it('refuses bad verify input with 400 and unauthenticated callers with 401', async () => {
      const { leader } = await storeWithLeader();
      await t.http().post('/api/community/leader/verify').set(leader.auth).send({ code: 1234 }).expect(400);
      await t.http().post('/api/community/leader/verify').set(leader.auth).send({}).expect(400);
      await t.http().post('/api/community/leader/verify').set(leader.auth).send({ code: 'x'.repeat(41) }).expect(400);
      await t.http().post('/api/community/leader/verify').send({ code: '1234567812345678' }).expect(401);
      await t.http().get('/api/community/orders/abc/pickup').set(alice.auth).expect(400);
    });
  });
});
