import { LoopLag } from '../../server/src/common/loop-lag';
import { startTestApp, TestApp } from '../factories/test-app';

/**
 * Shedding on event-loop lag: while the measured lag is above FLASH_SHED_LAG_MS, flash purchases get the prebuilt
 * 503 + Retry-After before any work, and browsing is still served. The sampler is stopped and readings are fed in,
 * so nothing depends on how fast this machine is.
 */
describe('flash purchase shedding on event-loop lag', () => {
  let t: TestApp;
  let lag: LoopLag;
  beforeAll(async () => {
    t = await startTestApp({ FLASH_SHED_LAG_MS: '50' });
    lag = t.app.get(LoopLag);
    lag.stop();
  });
  afterAll(() => t.close());

  // An item that does not exist: admitted, the purchase does its work and answers 404.
  const body = { itemId: 999999, quantity: 1, addressId: 1 };

  it('sheds purchases while the loop lags past the bound, keeps browsing, and admits again when it recovers', async () => {
    lag.observe(10);
    await t.http().post('/api/flash-sale/purchases').send(body).expect(404);

    lag.observe(51);
    expect(lag.overloaded).toBe(true);
    const shedBefore = lag.shed;
    const shed = await t.http().post('/api/flash-sale/purchases').send(body).expect(503);
    expect(shed.body).toEqual({ code: 'SERVICE_BUSY', message: expect.any(String) });
    expect(shed.headers['retry-after']).toBe('1');
    expect(lag.shed).toBe(shedBefore + 1);
    // Shed before the token or the body is looked at: a malformed purchase gets the same answer.
    await t.http().post('/api/flash-sale/purchases').send({ itemId: 'x' }).expect(503);
    // Browsing shares the loop and is never shed.
    await t.http().get('/api/products?page=1&pageSize=10').expect(200);
    await t.http().get('/api/flash-sale/slots').expect(200);

    lag.observe(50); // at the bound is not over it
    await t.http().post('/api/flash-sale/purchases').send(body).expect(404);
  });

  it('measures a synchronously blocked loop as lag', async () => {
    const probe = new LoopLag({ flashSale: { shedLagMs: 50 } } as never);
    probe.onModuleInit();
    try {
      // Block the loop well past the bound, then let the sampler's window close; wait on the reading, not a clock.
      for (let i = 0; i < 100 && !probe.overloaded; i++) {
        const until = Date.now() + 300;
        while (Date.now() < until) { /* a synchronous stall, as a CPU-bound rush causes */ }
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(probe.overloaded).toBe(true);
      expect(probe.lastLagMs).toBeGreaterThan(50);
    } finally {
      probe.stop();
    }
  });
});
