import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __LINLI_SERVER__?: { child: ChildProcess; dataDir: string } }).__LINLI_SERVER__;
  if (!server) return;
  server.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(server.dataDir, { recursive: true, force: true });
}
