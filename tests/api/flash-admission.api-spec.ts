import { request as httpRequest } from 'node:http';
import { FlashPurchaseRoute } from '../../server/src/modules/flash-sale/flash-purchase.route';
import { loadConfig } from '../../server/src/config/app-config';
import { startTestApp, TestApp } from '../factories/test-app';

/** The rush path's admission limit: past FLASH_MAX_IN_FLIGHT purchases in progress, an instance sheds with 503 + Retry-After. */
describe('flash purchase admission', () => {
  let t: TestApp;
  let route: FlashPurchaseRoute;
  beforeAll(async () => {
    t = await startTestApp({ FLASH_MAX_IN_FLIGHT: '1' });
    route = t.app.get(FlashPurchaseRoute);
  });
  afterAll(() => t.close());

  const body = JSON.stringify({ itemId: 999999, quantity: 1, addressId: 1 });

  it('sheds a purchase while the bound is taken, then admits again once it frees', async () => {
    // The first purchase holds the only slot: its body is still arriving.
    const url = new URL('/api/flash-sale/purchases', t.url);
    let firstStatus = 0;
    const first = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const firstDone = new Promise<void>((resolve, reject) => {
      first.on('response', (res) => { firstStatus = res.statusCode ?? 0; res.resume(); res.on('end', resolve); });
      first.on('error', reject);
    });
    first.write(body.slice(0, 5));
    first.flushHeaders();
    while (route.inFlight < 1) await new Promise((r) => setImmediate(r));

    const shed = await t.http().post('/api/flash-sale/purchases').send(JSON.parse(body)).expect(503);
    expect(shed.body.code).toBe('SERVICE_BUSY');
    expect(shed.headers['retry-after']).toBe('1');

    first.end(body.slice(5));
    await firstDone;
    expect(firstStatus).toBe(404);
    expect(route.inFlight).toBe(0);
    await t.http().post('/api/flash-sale/purchases').send(JSON.parse(body)).expect(404);
  });
});

/** FLASH_PORT: the rush gets its own listener on the same instance, so its connection burst queues apart. */
describe('flash port', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ FLASH_PORT: '0' });
  });

  it('serves the same app on a second port, purchases included, and closes it with the app', async () => {
    expect(t.flashUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.flashUrl).not.toBe(t.url);
    const health = await fetch(`${t.flashUrl}/api/health`);
    expect(health.status).toBe(200);
    // The purchase lane answers there exactly as on the main port.
    const purchase = (base: string) => fetch(`${base}/api/flash-sale/purchases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ itemId: 999999, quantity: 1, addressId: 1 }) })
      .then(async (r) => ({ status: r.status, code: ((await r.json()) as { code: string }).code }));
    const onFlashPort = await purchase(t.flashUrl!);
    expect(onFlashPort).toEqual({ status: 404, code: 'FLASH_ITEM_NOT_FOUND' });
    expect(await purchase(t.url)).toEqual(onFlashPort);

    const flashUrl = t.flashUrl!;
    await t.close();
    await expect(fetch(`${flashUrl}/api/health`)).rejects.toThrow();
  });

  it('refuses a FLASH_PORT that is not a port', () => {
    expect(() => loadConfig({ FLASH_PORT: 'rush' })).toThrow(/FLASH_PORT/);
    expect(() => loadConfig({ FLASH_PORT: '70000' })).toThrow(/FLASH_PORT/);
  });
});
