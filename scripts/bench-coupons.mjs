#!/usr/bin/env node
// `npm run bench:coupons`: a coupon rush on MariaDB. 20,000 shoppers claim a coupon of which 1,000 exist, 256 at a
// time: first through the production build's claim route (POST /api/coupons/claims, over 256 keep-alive
// connections, each claimer once), then as
// a raw mysql2 claim transaction run by this script (a conditional decrement plus an insert with a unique key, the
// least a correct claim can do). It prints claims/s, p50 and p99 for both and checks that exactly 1,000 were issued,
// one per shopper at most. Not a test: it never fails on speed, only on wrong books.
//
// Needs: MariaDB at BENCH_MYSQL (default mysql://root@127.0.0.1:3306), a built server (npm run build -w shared -w server).
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'server/package.json'));
const mysql = require('mysql2/promise');
const jwt = require('jsonwebtoken');

const MYSQL = process.env.BENCH_MYSQL ?? 'mysql://root@127.0.0.1:3306';
const DB = 'linli_bench_coupons';
const RAW_DB = 'linli_bench_coupons_raw';
const SECRET = 'bench-secret-0123456789abcdef';
const COUPONS = Number(process.env.BENCH_COUPONS ?? 1000);
const CLAIMERS = Number(process.env.BENCH_CLAIMERS ?? 20000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 256);
const POOL = process.env.BENCH_POOL ?? '32';
/** The raw claimers' pool: MariaDB's default max_connections is 151, so 256 claimers share fewer connections, as the server's do. */
const RAW_POOL = Number(process.env.BENCH_RAW_POOL ?? 64);
const SERVER_MAIN = join(root, 'server/dist/server/src/main.js');
const work = mkdtempSync(join(tmpdir(), 'linli-bench-coupons-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = [];


function log(...args) {
  console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
}

async function freshDatabase(name) {
  const admin = await mysql.createConnection(MYSQL);
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
}

async function startServer(port) {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: work, DATABASE_URL: `${MYSQL}/${DB}`, DATABASE_POOL_SIZE: POOL,
      SEED_DEMO: 'false', LOG_LEVEL: 'warn', JWT_SECRET: SECRET, SWEEP_INTERVAL_SECONDS: '0', REDIS_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok) return child;
    await sleep(100);
  }
  throw new Error('server did not come up');
}

/**
 * The load: CONNECTIONS keep-alive connections, each claimer's request sent exactly once, timed from the first request
 * to the last answer (wrk cannot stop at a request count and still report the elapsed time).
 */
async function httpClaims(base, path, tokens, body) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS });
  const { hostname, port } = new URL(base);
  const post = (token) => new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
  // Open the connections first, as the raw pool is warmed.
  await Promise.all(Array.from({ length: CONNECTIONS }, () => new Promise((resolve) => http.get({ hostname, port, path: '/api/health', agent }, (res) => res.resume().on('end', resolve)))));
  const latencies = [];
  const statuses = new Map();
  let next = 0;
  let lastIssueAt = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    for (;;) {
      const i = next++;
      if (i >= tokens.length) return;
      const t0 = performance.now();
      const status = await post(tokens[i]);
      const t1 = performance.now();
      latencies.push(t1 - t0);
      if (status === 201) lastIssueAt = Math.max(lastIssueAt, t1);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(tokens.length / seconds), p50: percentile(latencies, 50), p99: percentile(latencies, 99), total: latencies.length, statuses: Object.fromEntries(statuses),
    seconds, issueSeconds: (lastIssueAt - started) / 1000,
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/** The raw claim: 256 concurrent claimers on a pool of RAW_POOL connections, each claimer once, one transaction per claim. */
async function rawClaims() {
  await freshDatabase(RAW_DB);
  const pool = mysql.createPool({ uri: `${MYSQL}/${RAW_DB}`, connectionLimit: RAW_POOL });
  await pool.query('CREATE TABLE raw_templates (id INT PRIMARY KEY, total INT NOT NULL, issued INT NOT NULL DEFAULT 0) ENGINE=InnoDB');
  await pool.query('CREATE TABLE raw_coupons (id INT AUTO_INCREMENT PRIMARY KEY, template_id INT NOT NULL, user_id INT NOT NULL, created_at DATETIME(3) NOT NULL, UNIQUE KEY uq (template_id, user_id)) ENGINE=InnoDB');
  await pool.query('INSERT INTO raw_templates (id, total) VALUES (1, ?)', [COUPONS]);
  // Open every connection before the clock starts, as the server's pool is warm too.
  const warm = await Promise.all(Array.from({ length: RAW_POOL }, () => pool.getConnection()));
  for (const c of warm) c.release();
  const latencies = [];
  let next = 0;
  let issued = 0;
  let lastIssueAt = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    for (;;) {
      const userId = ++next;
      if (userId > CLAIMERS) return;
      const t0 = performance.now();
      const conn = await pool.getConnection();
      try {
        await conn.query('BEGIN');
        const [taken] = await conn.query('UPDATE raw_templates SET issued = issued + 1 WHERE id = 1 AND issued < total');
        if (taken.affectedRows === 1) {
          await conn.query('INSERT INTO raw_coupons (template_id, user_id, created_at) VALUES (1, ?, NOW(3))', [userId]);
          await conn.query('COMMIT');
          issued++;
          lastIssueAt = Math.max(lastIssueAt, performance.now());
        } else {
          await conn.query('ROLLBACK');
        }
      } catch (err) {
        await conn.query('ROLLBACK');
        throw err;
      } finally {
        conn.release();
      }
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const [[count]] = await pool.query('SELECT COUNT(*) AS n, (SELECT issued FROM raw_templates WHERE id = 1) AS issued FROM raw_coupons');
  await pool.end();
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(CLAIMERS / seconds), p50: percentile(latencies, 50), p99: percentile(latencies, 99), total: CLAIMERS, issued: Number(count.n), counter: Number(count.issued), claimedOk: issued,
    seconds, issueSeconds: (lastIssueAt - started) / 1000,
  };
}

async function main() {
  log(`coupon rush: ${COUPONS} coupons, ${CLAIMERS} claimers, ${CONNECTIONS} connections, server pool ${POOL}, raw pool ${RAW_POOL}`);
  await freshDatabase(DB);
  const server = await startServer(4201);
  const base = 'http://127.0.0.1:4201';
  const db = await mysql.createConnection(`${MYSQL}/${DB}`);

  for (let start = 0; start < CLAIMERS; start += 5000) {
    const rows = [];
    for (let i = start; i < Math.min(CLAIMERS, start + 5000); i++) rows.push([`bench-claimer-${i}`, `顾客${i}`]);
    await db.query('INSERT INTO users (openid, nickname) VALUES ?', [rows]);
  }
  const [users] = await db.query("SELECT id FROM users WHERE openid LIKE 'bench-claimer-%' ORDER BY id");
  const tokens = users.map((u) => jwt.sign({ sub: u.id, kind: 'shopper' }, SECRET, { expiresIn: 3600 }));

  // A keep-alive socket left idle while the claimers were written may have been closed by the server: retry once.
  const fetch = (url, init) => globalThis.fetch(url, init).catch(() => globalThis.fetch(url, init));
  const login = await fetch(`${base}/admin/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'linli-admin-2026' }) });
  const auth = `Bearer ${(await login.json()).token}`;
  const created = await fetch(`${base}/admin/coupons/templates`, {
    method: 'POST', headers: { 'content-type': 'application/json', Authorization: auth },
    body: JSON.stringify({ title: '压测券', type: 'no_threshold', amount: 500, validity: 'relative', validDays: 7, total: COUPONS, perUserLimit: 1 }),
  });
  if (!created.ok) throw new Error(`template: ${created.status} ${await created.text()}`);
  const template = await created.json();

  log('claim route…');
  const route = await httpClaims(base, '/api/coupons/claims', tokens, JSON.stringify({ templateId: template.id }));
  const [[books]] = await db.query('SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users, (SELECT issued FROM coupon_templates WHERE id = ?) AS issued FROM user_coupons WHERE template_id = ?', [template.id, template.id]);
  const routeResult = { ...route, issued: Number(books.n), distinctShoppers: Number(books.users), counter: Number(books.issued) };
  await db.end();
  server.kill('SIGTERM');
  await sleep(500);

  log('raw mysql2 claim transaction…');
  const raw = await rawClaims();

  const ok = (r) => r.issued === COUPONS && r.counter === COUPONS && (r.distinctShoppers ?? r.issued) === r.issued;
  console.log('\n| scenario | claims/s | p50 ms | p99 ms | ratio | books |\n|---|---|---|---|---|---|');
  console.log(`| claim route (HTTP fast lane + TypeORM), ${CONNECTIONS} conns | ${routeResult.rps} | ${routeResult.p50?.toFixed(2)} | ${routeResult.p99?.toFixed(2)} | ${(routeResult.rps / raw.rps).toFixed(2)} × raw | issued=${routeResult.issued} counter=${routeResult.counter} shoppers=${routeResult.distinctShoppers} answered=${routeResult.total} statuses=${JSON.stringify(routeResult.statuses)} ${ok(routeResult) ? 'OK' : 'WRONG'} |`);
  console.log(`| raw mysql2 transaction, ${CONNECTIONS} claimers on ${RAW_POOL} connections | ${raw.rps} | ${raw.p50.toFixed(2)} | ${raw.p99.toFixed(2)} | 1.00 | issued=${raw.issued} counter=${raw.counter} ${ok(raw) ? 'OK' : 'WRONG'} |`);
  // The rush has two phases: issuing the 1,000 (transactions) and refusing the rest. Both runs report when their last coupon was issued.
  console.log(`\nall 1,000 issued after: claim route ${routeResult.issueSeconds.toFixed(2)} s, raw ${raw.issueSeconds.toFixed(2)} s; whole rush: route ${routeResult.seconds.toFixed(2)} s, raw ${raw.seconds.toFixed(2)} s`);
  console.log(`machine load average at the end: ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  writeFileSync(join(work, 'results.json'), JSON.stringify({ route: routeResult, raw }, null, 2));
  log(`raw results: ${join(work, 'results.json')}`);
  if (!ok(routeResult) || !ok(raw) || routeResult.total < CLAIMERS) process.exitCode = 1;
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    process.exit();
  });
