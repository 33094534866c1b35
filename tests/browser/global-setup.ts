import { startServerProcess } from './server-process';

export default async function globalSetup(): Promise<void> {
  // A short payment deadline and a fast sweep, so the timeout flow is visible within a test.
  const server = await startServerProcess({ ORDER_PAY_TIMEOUT_SECONDS: '40', SWEEP_INTERVAL_SECONDS: '1', COMMISSION_SETTLE_WINDOW_SECONDS: '3' });
  process.env.LINLI_BROWSER_URL = server.url;
  (globalThis as { __LINLI_SERVER__?: unknown }).__LINLI_SERVER__ = server;
}
