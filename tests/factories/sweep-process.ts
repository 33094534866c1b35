import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const SWEEP_CLI = join(__dirname, '../../server/dist/server/src/cli/sweep.js');

/** Runs `cli/sweep` once as a separate OS process against the test database, as a second instance would. */
export function sweepInProcess<T = Record<string, unknown>>(env: Record<string, string>): Promise<T> {
  if (!existsSync(SWEEP_CLI)) throw new Error(`build the server first (npm run build -w server): ${SWEEP_CLI} is missing`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SWEEP_CLI], { env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as T) : reject(new Error(`sweep exited ${code}: ${err}`))));
  });
}
