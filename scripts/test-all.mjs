#!/usr/bin/env node
// The one test command (`npm test`): static checks, builds, then every test tier.
// API specs run on MariaDB (when reachable; required with CI=true) and on SQLite.
// Prints one closing line "Summary: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'tests/.artifacts');
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });

const quick = process.argv.includes('--quick'); // skips lint/typecheck, for local iteration
const results = [];
let passed = 0;
let failed = 0;

function run(name, cmd, args, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

function jest(name, config, env = {}, extra = []) {
  const out = join(artifacts, `${name.replace(/\W+/g, '-')}.json`);
  const ok = run(name, 'npx', ['jest', '-c', config, '--json', `--outputFile=${out}`, ...extra], env);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (!ok && report.numFailedTests === 0) failed += 1; // a suite that failed to load
  } else if (!ok) failed += 1;
  return ok;
}

function mysqlUp() {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 3306 });
    socket.setTimeout(1500);
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const must = (ok) => {
  if (!ok) {
    failed += 1;
    finish();
  }
};

function finish() {
  process.stdout.write('\n=== results\n');
  for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds}s)\n`);
  process.stdout.write(`Summary: ${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
}

if (!quick) {
  must(run('typecheck', 'npm', ['run', '--silent', 'typecheck']));
  must(run('lint', 'npm', ['run', '--silent', 'lint']));
}
must(run('build shared + server', 'npm', ['run', '--silent', 'build', '-w', 'shared', '-w', 'server']));
must(run('build mini program (h5)', 'npm', ['run', '--silent', 'build:h5', '-w', 'miniapp']));
must(run('build mini program (weapp)', 'npm', ['run', '--silent', 'build:weapp', '-w', 'miniapp']));

jest('unit', 'jest.unit.config.js');
jest('miniapp components', 'miniapp/jest.config.js', {}, ['--rootDir', 'miniapp']);
jest('weapp build', 'tests/weapp/jest.config.js');

const hasMysql = process.env.DATABASE_URL ? true : await mysqlUp();
if (hasMysql) jest('api (mariadb)', 'tests/api/jest.config.js', { TEST_DB: 'mysql' });
else if (process.env.CI) must(false);
else process.stdout.write('\n!!! MariaDB is not reachable on 127.0.0.1:3306: API specs run on SQLite only\n');
jest('api (sqlite)', 'tests/api/jest.config.js', { TEST_DB: 'sqlite' });
jest('browser', 'tests/browser/jest.config.js');
finish();
