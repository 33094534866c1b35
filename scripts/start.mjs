#!/usr/bin/env node
// `npm start`: builds everything, then serves the API, the H5 shop and the WeChat simulator on one port,
// on the embedded SQLite database with demo data (set DATABASE_URL for MySQL/MariaDB).
// The weapp build lands in miniapp/dist/weapp for WeChat DevTools. `npm start -- --no-build` skips the builds.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '3000';
const env = { ...process.env, PORT: port, DATA_DIR: process.env.DATA_DIR ?? join(root, 'data'), H5_DIR: process.env.H5_DIR ?? join(root, 'miniapp/dist/h5') };

function step(label, args, extraEnv = {}) {
  process.stdout.write(`\n> ${label}\n`);
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!process.argv.includes('--no-build')) {
  step('building shared + server', ['run', '--silent', 'build', '-w', 'shared', '-w', 'server']);
  step('building the H5 shop', ['run', '--silent', 'build:h5', '-w', 'miniapp']);
  step('building the WeChat mini program', ['run', '--silent', 'build:weapp', '-w', 'miniapp'], { TARO_APP_API_BASE: process.env.TARO_APP_API_BASE ?? `http://127.0.0.1:${port}` });
}

process.stdout.write(`\nLinli is starting on http://127.0.0.1:${port}\n  shop (H5):     http://127.0.0.1:${port}/\n  API docs:      http://127.0.0.1:${port}/api/docs\n  admin login:   POST /admin/auth/login  (admin / ${process.env.ADMIN_PASSWORD ?? 'linli-admin-2026'})\n  weapp build:   miniapp/dist/weapp (open the repo root in WeChat DevTools)\n\n`);
const server = spawn(process.execPath, [join(root, 'server/dist/server/src/main.js')], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
