import { startServerProcess } from './server-process';

export default async function globalSetup(): Promise<void> {
  const server = await startServerProcess();
  process.env.LINLI_BROWSER_URL = server.url;
  (globalThis as { __LINLI_SERVER__?: unknown }).__LINLI_SERVER__ = server;
}
