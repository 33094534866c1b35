#!/usr/bin/env node
// `npm run bench:flash-sale`: measures the flash-sale purchase path of the production build on MariaDB + Redis,
// against a bare node:http hello-JSON server and a NestJS (Fastify) hello route under the same load tool (wrk).
// It prints requests/s, p50 and p99 per scenario and checks the books after each. Not a test: it never fails on speed.
//
// Needs: wrk and nginx (apt-get install wrk nginx-light), MariaDB at BENCH_MYSQL (default mysql://root@127.0.0.1:3306),
// Redis at BENCH_REDIS (default redis://127.0.0.1:6379/9), and a built server (npm run build -w shared -w server).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'server/package.json'));
const mysql = require('mysql2/promise');
const Redis = require('ioredis');
const jwt = require('jsonwebtoken');

const MYSQL = process.env.BENCH_MYSQL ?? 'mysql://root@127.0.0.1:3306';
const REDIS = process.env.BENCH_REDIS ?? 'redis://127.0.0.1:6379/9';
const DB = 'linli_bench';
const SECRET = 'bench-secret-0123456789abcdef';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** BENCH_SCENARIOS=baselines,1,2,3,1b (the default is all of them): for profiling one part. */
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'baselines,1,2,3,1b').split(',');
const want = (name) => SCENARIOS.includes(name);
const SERVER_MAIN = join(root, 'server/dist/server/src/main.js');
const work = mkdtempSync(join(tmpdir(), 'linli-bench-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = [];
const results = [];

for (const tool of ['wrk', 'nginx']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(`${tool} is missing: apt-get install wrk nginx-light`);
    process.exit(1);
  }
}

function log(...args) {
  console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
}

// ---- processes ----

async function waitHealthy(url, path = '/api/health') {
  for (let i = 0; i < 300; i++) {
    if ((await fetch(url + path).catch(() => null))?.ok) return;
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

function startNode(args, env = {}) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

async function startServer(port, env = {}) {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = startNode([...nodeArgs, SERVER_MAIN], {
    NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: work, DATABASE_URL: `${MYSQL}/${DB}`, DATABASE_POOL_SIZE: '16',
    SEED_DEMO: 'false', LOG_LEVEL: 'warn', JWT_SECRET: SECRET, SWEEP_INTERVAL_SECONDS: '0', REDIS_URL: REDIS,
    RATE_LIMIT_FLASH_PER_MINUTE: '1000', RATE_LIMIT_FLASH_IP_PER_MINUTE: '100000000', TRUST_PROXY: '127.0.0.1', ...env,
  });
  await waitHealthy(`http://127.0.0.1:${port}`);
  return child;
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

// ---- load ----

/** Runs wrk (without blocking this process, so the sold-out timer keeps sampling) and returns requests/s, p50 and p99 in ms, and non-2xx answers. */
async function wrk(url, { connections, seconds = DURATION, script, threads = 2 }) {
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--latency', ...(script ? ['-s', script] : []), url];
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await new Promise((resolve) => child.on('close', resolve));
  const ms = (label) => {
    const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return null;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  return { rps: Math.round(rps), p50: ms('50'), p99: ms('99'), total, non2xx };
}

/**
 * A wrk script posting purchases with a token per request: in order (every request a new buyer) or at random
 * (so some buyers retry). The buyers are read from a file in each thread (LuaJIT limits constants per function).
 */
function purchaseScript(name, tokens, itemId, addressIds, order) {
  const list = join(work, `${name}.buyers`);
  writeFileSync(list, tokens.map((t, i) => `${t} ${addressIds[i]}`).join('\n') + '\n');
  const file = join(work, `${name}.lua`);
  writeFileSync(file, `
local thread_offset = 0
function setup(thread) thread:set("offset", thread_offset); thread_offset = thread_offset + 1 end
local requests = {}
local i = 0
function init(args)
  -- Every request is formatted once here, so wrk spends its CPU sending, not building strings.
  for line in io.lines("${list}") do
    local token, address = line:match("^(%S+) (%d+)$")
    requests[#requests + 1] = wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, '{"itemId":${itemId},"quantity":1,"addressId":' .. address .. '}')
  end
  i = tonumber(offset or 0)
  math.randomseed(os.time() + i)
end
request = function()
  if "${order}" == "random" then return requests[math.random(#requests)] end
  i = i + 2
  return requests[(i % #requests) + 1]
end
`);
  return file;
}

// ---- data ----

async function freshDatabase() {
  const admin = await mysql.createConnection(MYSQL);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const redis = new Redis(REDIS);
  await redis.flushdb();
  redis.disconnect();
}

/** Buyers written in bulk, with an address each, and their tokens. */
async function makeBuyers(db, count, tag) {
  for (let start = 0; start < count; start += 5000) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) rows.push([`bench-${tag}-${i}`, `买家${i}`]);
    await db.query('INSERT INTO users (openid, nickname) VALUES ?', [rows]);
  }
  const [users] = await db.query('SELECT id FROM users WHERE openid LIKE ? ORDER BY id', [`bench-${tag}-%`]);
  for (let start = 0; start < users.length; start += 5000) {
    const rows = users.slice(start, start + 5000).map((u) => [u.id, '买家', '13900000000', '浙江省', '杭州市', '西湖区', '文三路1号', 1]);
    await db.query('INSERT INTO addresses (user_id, name, phone, province, city, district, detail, is_default) VALUES ?', [rows]);
  }
  const [addresses] = await db.query('SELECT id, user_id FROM addresses WHERE user_id >= ? ORDER BY user_id', [users[0].id]);
  const byUser = new Map(addresses.map((a) => [a.user_id, a.id]));
  return {
    tokens: users.map((u) => jwt.sign({ sub: u.id, kind: 'shopper' }, SECRET, { expiresIn: 3600 })),
    addressIds: users.map((u) => byUser.get(u.id)),
  };
}

async function adminToken(base) {
  const r = await fetch(`${base}/admin/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'linli-admin-2026' }) });
  return `Bearer ${(await r.json()).token}`;
}

async function flashItem(base, auth, stock, perUserLimit = 1) {
  const post = async (path, body) => {
    const send = () => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', Authorization: auth }, body: JSON.stringify(body) });
    // A keep-alive socket left idle while buyers were created may have been closed by the server: retry once.
    const r = await send().catch(send);
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const category = await post('/admin/categories', { name: `秒杀${Date.now()}` });
  const product = await post('/admin/products', {
    categoryId: category.id, title: '压测商品', subtitle: '秒杀', images: ['/media/x.svg'], onShelf: true,
    specDimensions: [{ name: '规格', values: ['标准'] }], skus: [{ specs: { 规格: '标准' }, price: 5000, originalPrice: 5000, stock: 10 }],
  });
  const slot = await post('/admin/flash-sale/slots', { title: '压测场', startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 6 * 3600_000) });
  const withItem = await post(`/admin/flash-sale/slots/${slot.id}/items`, { skuId: product.skus[0].id, flashPrice: 990, stock, perUserLimit });
  return withItem.items.at(-1).id;
}

async function liveView(base, auth, itemId) {
  return (await fetch(`${base}/admin/flash-sale/items/${itemId}/live`, { headers: { Authorization: auth } })).json();
}

/** Waits until the writer's backlog is empty; returns the milliseconds it took. */
async function drain(base, auth, itemId) {
  const started = Date.now();
  for (;;) {
    const l = await liveView(base, auth, itemId);
    if (!l.redis || (l.redis.queued === 0 && l.redis.pending === 0)) return Date.now() - started;
    if (Date.now() - started > 120_000) throw new Error('backlog did not drain');
    await sleep(10);
  }
}

/** The books: orders = units sold, nobody over the limit, Redis = database. */
async function books(db, base, auth, itemId, limit) {
  const l = await liveView(base, auth, itemId);
  const [[orders]] = await db.query("SELECT COUNT(*) AS n FROM flash_reservations r JOIN orders o ON o.id = r.order_id WHERE r.item_id = ? AND r.status IN ('reserved','paid')", [itemId]);
  const [[over]] = await db.query("SELECT COUNT(*) AS n FROM (SELECT user_id FROM flash_reservations WHERE item_id = ? AND status IN ('reserved','paid') GROUP BY user_id HAVING SUM(quantity) > ?) x", [itemId, limit]);
  const redisAgrees = !l.redis || (l.redis.left === l.left && l.redis.held === l.sold);
  return { stock: l.stockTotal, sold: l.sold, left: l.left, ordersPersisted: Number(orders.n), overLimitBuyers: Number(over.n), redisLeft: l.redis?.left ?? null, redisHeld: l.redis?.held ?? null,
    balanced: Number(orders.n) === l.sold && l.sold + l.left === l.stockTotal && Number(over.n) === 0 && redisAgrees };
}

/** Samples Redis until the item is sold out; returns the milliseconds from `since`. */
async function soldOutTimer(itemId, since) {
  const redis = new Redis(REDIS);
  try {
    for (;;) {
      const left = await redis.get(`fs:{${itemId}}:stock`);
      if (left !== null && Number(left) <= 0) return Date.now() - since;
      if (Date.now() - since > (DURATION + 5) * 1000) return null;
      await sleep(5);
    }
  } finally {
    redis.disconnect();
  }
}

// ---- baselines ----

function helloNodeHttp(port) {
  const code = `require('node:http').createServer((q, s) => { const b = JSON.stringify({ hello: 'world' }); s.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) }); s.end(b); }).listen(${port}, '127.0.0.1');`;
  return startNode(['-e', code]);
}

function helloNest(port) {
  const code = `
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');
const { Controller, Get, Module } = require('@nestjs/common');
class Hello { hello() { return { hello: 'world' }; } }
Controller()(Hello);
Get('hello')(Hello.prototype, 'hello', Object.getOwnPropertyDescriptor(Hello.prototype, 'hello'));
class App {}
Module({ controllers: [Hello] })(App);
NestFactory.create(App, new FastifyAdapter(), { logger: false }).then((app) => app.listen(${port}, '127.0.0.1'));`;
  return startNode(['-e', code], { NODE_PATH: join(root, 'node_modules') });
}

async function mysqlRawPurchaseRate(connections, seconds) {
  const pool = mysql.createPool({ uri: `${MYSQL}/${DB}`, connectionLimit: 16 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_sale (id INT PRIMARY KEY, stock INT NOT NULL) ENGINE=InnoDB');
  await pool.query('CREATE TABLE IF NOT EXISTS bench_order (id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL, sale_id INT NOT NULL, UNIQUE KEY uq (user_id, sale_id)) ENGINE=InnoDB');
  await pool.query('REPLACE INTO bench_sale VALUES (1, 100000000)');
  let done = 0;
  let user = 0;
  const deadline = Date.now() + seconds * 1000;
  const latencies = [];
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      const c = await pool.getConnection();
      try {
        await c.beginTransaction();
        const [r] = await c.query('UPDATE bench_sale SET stock = stock - 1 WHERE id = 1 AND stock > 0');
        if (r.affectedRows === 1) await c.query('INSERT INTO bench_order (user_id, sale_id) VALUES (?, 1)', [++user]);
        await c.commit();
        done++;
        latencies.push(performance.now() - started);
      } finally {
        c.release();
      }
    }
  }));
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { rps: Math.round(done / seconds), p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

function nginxBalancer(port, upstreams) {
  const conf = join(work, 'nginx.conf');
  writeFileSync(conf, `
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream linli { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(' ')} keepalive 128; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://linli; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header X-Forwarded-For $remote_addr; }
  }
}`);
  const child = spawn('nginx', ['-c', conf, '-g', 'daemon off;'], { stdio: 'inherit' });
  children.push(child);
  return child;
}

function record(scenario, figures) {
  results.push({ scenario, ...figures });
  log(scenario, JSON.stringify(figures));
}

// ---- run ----

async function main() {
  log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; ${DURATION}s per run`);
  await freshDatabase();

  const helloPort = 4101;
  const nestPort = 4102;
  const appPort = 4103;
  if (want('baselines')) {
    const hello = helloNodeHttp(helloPort);
    await waitHealthy(`http://127.0.0.1:${helloPort}`, '/');
    record('baseline node:http hello, 64 conns', await wrk(`http://127.0.0.1:${helloPort}/`, { connections: 64 }));
    await stop(hello);
    const nest = helloNest(nestPort);
    await waitHealthy(`http://127.0.0.1:${nestPort}`, '/hello');
    record('baseline NestJS+Fastify hello, 64 conns', await wrk(`http://127.0.0.1:${nestPort}/hello`, { connections: 64 }));
    await stop(nest);
    // The realistic sale's baseline at its own connection count.
    const hello256 = helloNodeHttp(helloPort);
    await waitHealthy(`http://127.0.0.1:${helloPort}`, '/');
    record('baseline node:http hello, 256 conns', await wrk(`http://127.0.0.1:${helloPort}/`, { connections: 256 }));
    await stop(hello256);
  }

  let server = await startServer(appPort);
  const base = `http://127.0.0.1:${appPort}`;
  const auth = await adminToken(base);
  const db = await mysql.createConnection(`${MYSQL}/${DB}`);
  log('creating buyers…');
  const crowd = await makeBuyers(db, 20_000, 'crowd');
  const FRESH = Number(process.env.BENCH_FRESH_BUYERS ?? 150_000);
  const fresh = await makeBuyers(db, FRESH, 'fresh');
  const split = Math.floor(FRESH * 0.75);

  // 1. A realistic sale: 1,000 units, 20,000 buyers picked at random (so some retry), 256 connections.
  if (want('1')) {
    const itemId = await flashItem(base, auth, 1000);
    const script = purchaseScript('realistic', crowd.tokens, itemId, crowd.addressIds, 'random');
    if (want('baselines')) {
      // The load tool's own ceiling with this script (a Lua call and a 400-byte POST per request), for reading ratios.
      const hello = helloNodeHttp(helloPort);
      await waitHealthy(`http://127.0.0.1:${helloPort}`, '/');
      record('baseline node:http hello, purchase script, 256 conns', await wrk(`http://127.0.0.1:${helloPort}/api/flash-sale/purchases`, { connections: 256, script }));
      await stop(hello);
    }
    const timer = soldOutTimer(itemId, Date.now());
    const load = await wrk(`${base}/api/flash-sale/purchases`, { connections: 256, script });
    const soldOutMs = await timer;
    const drainMs = await drain(base, auth, itemId);
    record('1. realistic sale (Redis), 256 conns', { ...load, soldOutMs, drainMs, ...(await books(db, base, auth, itemId, 1)) });
  }

  // 2. The success path: unbounded stock, every request a new buyer, 64 connections.
  if (want('2')) {
    const itemId = await flashItem(base, auth, 1_000_000);
    const script = purchaseScript('success', fresh.tokens.slice(0, split), itemId, fresh.addressIds.slice(0, split), 'sequential');
    const load = await wrk(`${base}/api/flash-sale/purchases`, { connections: 64, script });
    const drainMs = await drain(base, auth, itemId);
    const b = await books(db, base, auth, itemId, 1);
    record('2. success path (Redis), 64 conns', { ...load, drainMs, ...b, accepted: b.sold });
  }
  await stop(server);

  // 3. The database path: no Redis, 64 connections, every request a new buyer, against the raw transaction's rate.
  if (want('3')) {
    server = await startServer(appPort, { REDIS_URL: '' });
    const itemId = await flashItem(base, auth, 1_000_000);
    const script = purchaseScript('database', fresh.tokens.slice(split), itemId, fresh.addressIds.slice(split), 'sequential');
    const load = await wrk(`${base}/api/flash-sale/purchases`, { connections: 64, script, seconds: Math.min(DURATION, 10) });
    await sleep(1000);
    record('3. database path (no Redis), 64 conns', { ...load, ...(await books(db, base, auth, itemId, 1)) });
    await stop(server);
    record('3. raw mysql2 purchase transaction, 64 concurrent', await mysqlRawPurchaseRate(64, 5));
  }

  // 1 again with two instances behind nginx, same database and Redis.
  if (want('1b')) {
    const one = await startServer(4104);
    const two = await startServer(4105);
    const lb = nginxBalancer(4106, [4104, 4105]);
    await waitHealthy('http://127.0.0.1:4106');
    const itemId = await flashItem('http://127.0.0.1:4104', auth, 1000);
    const script = purchaseScript('two-instances', crowd.tokens, itemId, crowd.addressIds, 'random');
    const timer = soldOutTimer(itemId, Date.now());
    const load = await wrk('http://127.0.0.1:4106/api/flash-sale/purchases', { connections: 256, script });
    const soldOutMs = await timer;
    const drainMs = await drain('http://127.0.0.1:4104', auth, itemId);
    record('1b. realistic sale, 2 instances behind nginx, 256 conns', { ...load, soldOutMs, drainMs, ...(await books(db, 'http://127.0.0.1:4104', auth, itemId, 1)) });
    lb.kill('SIGTERM');
    await stop(one);
    await stop(two);
  }
  await db.end();

  const nodeHello = results.find((r) => r.scenario.startsWith('baseline node:http hello, 64'));
  const nestHello = results.find((r) => r.scenario.startsWith('baseline NestJS'));
  const node256 = results.find((r) => r.scenario.startsWith('baseline node:http hello, 256'));
  const raw = results.find((r) => r.scenario.startsWith('3. raw'));
  console.log('\n| scenario | req/s | p50 ms | p99 ms | ratio | notes |\n|---|---|---|---|---|---|');
  for (const r of results) {
    let ratio = '';
    if (r.scenario.startsWith('1') && node256) ratio = `${(r.rps / node256.rps).toFixed(2)} × node:http@256`;
    if (r.scenario.startsWith('2.') && nestHello) ratio = `${(r.rps / nestHello.rps).toFixed(2)} × NestJS hello`;
    if (r.scenario.startsWith('3. database') && raw) ratio = `${(r.rps / raw.rps).toFixed(2)} × raw transaction`;
    if (r.scenario.startsWith('baseline node:http hello, 64')) ratio = `${(nestHello.rps / nodeHello.rps).toFixed(2)} NestJS/node`;
    const notes = ['soldOutMs', 'drainMs', 'ordersPersisted', 'sold', 'overLimitBuyers', 'balanced', 'non2xx'].filter((k) => r[k] !== undefined && r[k] !== null).map((k) => `${k}=${r[k]}`).join(' ');
    console.log(`| ${r.scenario} | ${r.rps} | ${r.p50?.toFixed(2) ?? ''} | ${r.p99?.toFixed(2) ?? ''} | ${ratio} | ${notes} |`);
  }
  writeFileSync(join(work, 'results.json'), JSON.stringify(results, null, 2));
  log(`raw results: ${join(work, 'results.json')}`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    // Open database handles must not keep a failed run alive (and loading the machine) in the background.
    process.exit();
  });
