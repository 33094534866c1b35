import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
export const SERVER_MAIN = join(ROOT, 'server/dist/server/src/main.js');
export const H5_DIR = join(ROOT, 'miniapp/dist/h5');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the built server as its own process on the embedded database with demo data and the H5 build. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  for (const needed of [SERVER_MAIN, join(H5_DIR, 'index.html')]) {
    if (!existsSync(needed)) throw new Error(`missing ${needed}: build first (npm run build)`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-browser-'));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, H5_DIR, SEED_DEMO: 'true', LOG_LEVEL: 'warn', PUBLIC_CACHE_TTL_MS: '0', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('server did not become healthy in 30 s');
}
