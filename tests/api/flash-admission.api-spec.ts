import { request as httpRequest } from 'node:http';
import { FlashPurchaseRoute } from '../../server/src/modules/flash-sale/flash-purchase.route';
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
