#!/usr/bin/env node
// `npm run bench:storefront`: the storefront under load at two data sizes (issue 17). It starts the production
// build on MariaDB + Redis against a generated store and measures, with wrk, in the same run as a bare node:http
// hello: browsing, a logged-in shopper, operators, and browsing at a fixed rate during a flash-sale rush. It prints
// req/s, p50, p99, their ratios to hello, the server's RSS, and which goals are met. Not a test: never fails on speed.
//
// Sizes: S = the demo store (+ one bench shopper with 500 orders, 200 refunds); M = S + 10,000 products,
// 100,000 shoppers, 1,000,000 orders and 20,000 refunds, written with INSERT … SELECT from MariaDB's sequence
// engine. Each size lives in its own database (linli_store_s, linli_store_m) and is reused when its marker says it
// is complete, so re-runs skip the generation.
//
// Env: BENCH_SIZES=S,M (L = 10 × M: ~10 GB)  BENCH_SECONDS=5  BENCH_MYSQL=mysql://root@127.0.0.1:3306  BENCH_REDIS=redis://127.0.0.1:6379/11
//      BENCH_REGENERATE=1 (drop and regenerate)  BENCH_RUSH_RATE=200 (browsing req/s during the rush)
//      BENCH_RUSH_NICE=0 (niceness of the rush's wrk)  BENCH_PARTS=tables,rush,nginx (the default: all; `rush,nginx` skips the per-endpoint tables)
//      BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (flags for the server processes)
// The rush goes to the instance's FLASH_PORT (as deployed), without shedding (FLASH_SHED_LAG_MS=0,
// FLASH_MAX_IN_FLIGHT=256) and with the defaults, then for comparison to the port browsing uses. `nginx` runs the
// browsing mix and the rush again on two instances behind nginx (needs nginx-light), purchases routed to FLASH_PORT.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'server/package.json'));
const mysql = require('mysql2/promise');
const Redis = require('ioredis');
const jwt = require('jsonwebtoken');
const { textGrams } = require(join(root, 'server/dist/server/src/modules/catalog/catalog.rules.js'));

const MYSQL = process.env.BENCH_MYSQL ?? 'mysql://root@127.0.0.1:3306';
const REDIS = process.env.BENCH_REDIS ?? 'redis://127.0.0.1:6379/11';
const SECRET = 'bench-secret-0123456789abcdef';
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? 'S,M').split(',');
const RUSH_RATE = Number(process.env.BENCH_RUSH_RATE ?? 200);
/** BENCH_RUSH_NICE=19 runs the rush's wrk at that niceness: the load tool yields the cores, as if it ran elsewhere. */
const RUSH_NICE = Number(process.env.BENCH_RUSH_NICE ?? 0);
const PARTS = (process.env.BENCH_PARTS ?? 'tables,rush,nginx').split(',');
const want = (part) => PARTS.includes(part);
const SERVER_MAIN = join(root, 'server/dist/server/src/main.js');
const work = mkdtempSync(join(tmpdir(), 'linli-storefront-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = [];
const SPEC = {
  S: { products: 0, users: 0, orders: 0, refunds: 0 },
  M: { products: 10_000, users: 100_000, orders: 1_000_000, refunds: 20_000 },
  L: { products: 100_000, users: 1_000_000, orders: 10_000_000, refunds: 200_000 },
};
const SHOPPER_ORDERS = 500;
const CROWD = 5000;
const APP_PORT = 4203;
const HELLO_PORT = 4201;
const PAIR_PORTS = [4204, 4205];
const LB_PORT = 4206;
/** Each instance's FLASH_PORT: the rush's own listener, so its connection burst does not queue browsing's new connections. */
const rushPort = (port) => port + 100;

for (const tool of want('nginx') ? ['wrk', 'nginx'] : ['wrk']) {
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
  for (let i = 0; i < 600; i++) {
    if ((await fetch(url + path).catch(() => null))?.ok) return;
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

function startNode(args, env = {}) {
  // BENCH_NODE_ARGS: flags for the server processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (written when a server stops).
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  // Flash purchases shed (for lag, for the in-flight bound), from the server's once-a-second warning (pino JSON).
  child.shed = 0;
  child.shedInFlight = 0;
  let partial = '';
  child.stdout.on('data', (d) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      if (!line.includes('"flash purchases shed"')) continue;
      child.shed += Number(/"shed":(\d+)/.exec(line)?.[1] ?? 0);
      child.shedInFlight += Number(/"shedInFlight":(\d+)/.exec(line)?.[1] ?? 0);
    }
  });
  children.push(child);
  return child;
}

async function startServer(db, env = {}, port = APP_PORT) {
  const child = startNode([SERVER_MAIN], {
    // The compiled server (as the flash bench runs it); development only so the WeChat simulators stand in for WeChat.
    NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: work, DATABASE_URL: `${MYSQL}/${db}`, DATABASE_POOL_SIZE: '16',
    SEED_DEMO: 'false', LOG_LEVEL: 'warn', JWT_SECRET: SECRET, SWEEP_INTERVAL_SECONDS: '0', REDIS_URL: REDIS, ADMIN_PASSWORD: 'linli-admin-2026',
    RATE_LIMIT_FLASH_PER_MINUTE: '1000', RATE_LIMIT_FLASH_IP_PER_MINUTE: '100000000', RATE_LIMIT_CHECKOUT_PER_MINUTE: '100000000', ...env,
  });
  await waitHealthy(`http://127.0.0.1:${port}`);
  return child;
}

/**
 * The flash bench's balancer: one nginx worker, keep-alive to the upstreams, with idle pools as large as the rush's
 * connections (a smaller pool makes nginx open and close upstream connections all through the rush). The purchase
 * route goes to each instance's FLASH_PORT, everything else to its main port.
 */
function nginxBalancer(port, upstreams) {
  const conf = join(work, 'nginx.conf');
  writeFileSync(conf, `
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log warn;
events { worker_connections 4096; multi_accept on; }
http {
  access_log off;
  upstream linli { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(' ')} keepalive 512; keepalive_requests 1000000; keepalive_timeout 300s; }
  upstream linli_rush { ${upstreams.map((p) => `server 127.0.0.1:${rushPort(p)};`).join(' ')} keepalive 512; keepalive_requests 1000000; keepalive_timeout 300s; }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header X-Forwarded-For $remote_addr;
  server {
    listen 127.0.0.1:${port} backlog=4096;
    location = /api/flash-sale/purchases { proxy_pass http://linli_rush; }
    location / { proxy_pass http://linli; }
  }
}`);
  const child = spawn('nginx', ['-c', conf, '-g', 'daemon off;'], { stdio: 'inherit' });
  children.push(child);
  return child;
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function helloNodeHttp() {
  const code = `require('node:http').createServer((q, s) => { const b = JSON.stringify({ hello: 'world' }); s.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) }); s.end(b); }).listen(${HELLO_PORT}, '127.0.0.1');`;
  return startNode(['-e', code]);
}

/** The server's resident memory, sampled every 500 ms while `watch` runs. */
function rssSampler(pid) {
  const samples = [];
  const timer = setInterval(() => {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) samples.push(Number(kb) / 1024);
  }, 500);
  return { stop: () => clearInterval(timer), max: () => Math.round(Math.max(0, ...samples)), last: () => Math.round(samples.at(-1) ?? 0) };
}

// ---- load ----

async function wrk(url, { connections = 64, seconds = DURATION, script, headers = {}, nice = 0 } = {}) {
  const args = [...(nice ? ['-n', String(nice), 'wrk'] : []), '-t', '2', '-c', String(connections), '-d', `${seconds}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), ...(script ? ['-s', script] : []), url];
  const child = spawn(nice ? 'nice' : 'wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await new Promise((resolve) => child.on('close', resolve));
  const ms = (label) => {
    const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : null;
  };
  return {
    rps: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)), p50: ms('50'), p99: ms('99'),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0), errors: /Socket errors:.*/.exec(out)?.[0] ?? '',
  };
}

function postScript(name, path, body, headers) {
  const file = join(work, `${name}.lua`);
  const h = Object.entries({ 'Content-Type': 'application/json', ...headers }).map(([k, v]) => `["${k}"] = "${v}"`).join(', ');
  writeFileSync(file, `wrk.method = "POST"\nwrk.path = "${path}"\nwrk.headers = { ${h} }\nwrk.body = '${JSON.stringify(body)}'\n`);
  return file;
}

/** The flash bench's purchase script: random buyers of a 1,000-unit item (so some retry), bodies formatted once. */
function purchaseScript(tokens, itemId, addressIds) {
  const list = join(work, 'rush.buyers');
  writeFileSync(list, tokens.map((t, i) => `${t} ${addressIds[i]}`).join('\n') + '\n');
  const file = join(work, 'rush.lua');
  writeFileSync(file, `
local requests = {}
function init(args)
  for line in io.lines("${list}") do
    local token, address = line:match("^(%S+) (%d+)$")
    requests[#requests + 1] = wrk.format("POST", "/api/flash-sale/purchases", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, '{"itemId":${itemId},"quantity":1,"addressId":' .. address .. '}')
  end
  math.randomseed(os.time())
end
request = function() return requests[math.random(#requests)] end
`);
  return file;
}

/** Browsing at a fixed rate (open model: a late answer does not slow the next request), round-robin over paths. */
async function fixedRate(base, paths, rate, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies = [];
  const byPath = paths.map(() => []);
  let failed = 0;
  const pending = [];
  const started = performance.now();
  for (let i = 0; performance.now() - started < seconds * 1000; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const t0 = performance.now();
    pending.push(new Promise((resolve) => {
      const req = httpRequest(base + paths[i % paths.length], { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) failed++;
          latencies.push(performance.now() - t0);
          byPath[i % paths.length].push([performance.now() - t0, t0 - started]);
          resolve();
        });
      });
      req.on('error', () => { failed++; resolve(); });
      req.end();
    }));
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const worst = byPath.map((l) => l.reduce((w, x) => (x[0] > w[0] ? x : w), [0, 0]).map(Math.round).join(' ms at +'));
  return { sent: latencies.length + failed, failed, worst, p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

// ---- data ----

const TITLE_PARTS = {
  origin: ['烟台', '赣南', '新疆', '海南', '云南', '东北', '山东', '四川', '福建', '广西', '宁夏', '陕西'],
  what: ['苹果', '脐橙', '香梨', '芒果', '蓝莓', '大米', '土鸡蛋', '猕猴桃', '草莓', '葡萄', '西红柿', '玉米', '牛奶', '核桃', '红枣', '蜂蜜', '小米', '黄瓜', '土豆', '柚子'],
  style: ['精选', '特级', '家庭装', '礼盒', '新鲜', '现摘', '有机', '农家', '当季', '整箱'],
};

async function dbExists(admin, name) {
  const [rows] = await admin.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
  return rows.length > 0;
}

/** Builds (or reuses) the store of one size; returns the ids the scenarios need. */
async function prepareStore(size) {
  const name = `linli_store_${size.toLowerCase()}`;
  const spec = SPEC[size];
  const admin = await mysql.createConnection(MYSQL);
  let ready = false;
  if (!process.env.BENCH_REGENERATE && (await dbExists(admin, name))) {
    const [rows] = await admin.query(`SELECT value FROM ${name}.bench_meta WHERE name = 'spec'`).catch(() => [[]]);
    ready = rows[0]?.value === JSON.stringify(spec);
  }
  if (!ready) {
    log(`${size}: generating ${name} …`);
    const startedAt = Date.now();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    // The demo store, written by the server itself (migrations + seed).
    const seeding = await startServer(name, { SEED_DEMO: 'true', REDIS_URL: '' });
    await stop(seeding);
    const db = await mysql.createConnection({ uri: `${MYSQL}/${name}`, multipleStatements: true });
    await generate(db, spec);
    await db.query('CREATE TABLE bench_meta (name VARCHAR(16) PRIMARY KEY, value TEXT)');
    await db.query("INSERT INTO bench_meta VALUES ('spec', ?)", [JSON.stringify(spec)]);
    await db.end();
    log(`${size}: generated in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  } else {
    log(`${size}: reusing ${name}`);
  }
  await admin.end();
  const db = await mysql.createConnection(`${MYSQL}/${name}`);
  const one = async (sql, params = []) => (await db.query(sql, params))[0][0];
  const counts = await one('SELECT (SELECT COUNT(*) FROM products) AS products, (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM refunds) AS refunds');
  const shopper = await one("SELECT id FROM users WHERE openid = 'bench-shopper'");
  const address = await one('SELECT id FROM addresses WHERE user_id = ?', [shopper.id]);
  const category = await one('SELECT category_id AS id FROM products WHERE on_shelf = 1 GROUP BY category_id ORDER BY COUNT(*) DESC LIMIT 1');
  const product = await one("SELECT id FROM products WHERE on_shelf = 1 AND title LIKE '%苹果%' ORDER BY id LIMIT 1");
  const sku = await one('SELECT id FROM skus WHERE product_id = ? AND stock > 0 LIMIT 1', [product.id]);
  const grouped = await one('SELECT product_id AS id FROM group_buy_campaigns ORDER BY id LIMIT 1');
  const myOrders = (await db.query("SELECT id FROM orders WHERE user_id = ? AND kind <> 'packet' ORDER BY id DESC", [shopper.id]))[0].map((r) => r.id);
  // The cursor of the operator's 21st page of paid orders (or the middle one in a small store).
  const [[{ n: paidCount }]] = await db.query("SELECT COUNT(*) AS n FROM orders WHERE status = 'paid'");
  const paid = (await db.query(`SELECT id FROM orders WHERE status = 'paid' ORDER BY id DESC LIMIT 1 OFFSET ${Math.min(400, Math.floor(paidCount / 2))}`))[0][0];
  const refundCursor = (await db.query('SELECT id FROM refunds ORDER BY id DESC LIMIT 1 OFFSET 100'))[0][0];
  const crowd = (await db.query("SELECT u.id, a.id AS address FROM users u JOIN addresses a ON a.user_id = u.id WHERE u.openid LIKE 'bench-crowd-%' ORDER BY u.id"))[0];
  await db.end();
  return { name, counts, shopper: shopper.id, address: address.id, category: category.id, product: product.id, sku: sku.id, grouped: grouped?.id ?? product.id, myOrders, paidCursor: paid?.id, refundCursor: refundCursor?.id, crowd };
}

async function generate(db, spec) {
  const [[template]] = await db.query('SELECT * FROM products WHERE on_shelf = 1 ORDER BY id LIMIT 1');
  const [[skuTemplate]] = await db.query('SELECT * FROM skus WHERE product_id = ? ORDER BY id LIMIT 1', [template.id]);
  const [categories] = await db.query('SELECT id FROM categories ORDER BY id');
  // Products (and their search grams and one SKU each), 1,000 per statement.
  const productCols = Object.keys(template).filter((c) => c !== 'id');
  const skuCols = Object.keys(skuTemplate).filter((c) => c !== 'id');
  const pick = (list, i) => list[i % list.length];
  for (let start = 0; start < spec.products; start += 1000) {
    const rows = [];
    for (let i = start; i < Math.min(spec.products, start + 1000); i++) {
      const title = `${pick(TITLE_PARTS.origin, i)}${pick(TITLE_PARTS.what, Math.floor(i / 12))}${pick(TITLE_PARTS.style, Math.floor(i / 240))} ${i}号`;
      rows.push(productCols.map((c) => ({ title, subtitle: `产地直发 ${pick(TITLE_PARTS.style, i)}`, category_id: pick(categories, i).id, min_price: 500 + (i % 100) * 10, min_original_price: 2000, sales: i % 500, on_shelf: 1 })[c] ?? template[c]));
    }
    const [res] = await db.query(`INSERT INTO products (${productCols.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [rows]);
    const firstId = res.insertId;
    const grams = [];
    const skus = [];
    rows.forEach((row, k) => {
      const id = firstId + k;
      for (const g of textGrams(row[productCols.indexOf('title')], row[productCols.indexOf('subtitle')])) grams.push([g, id]);
      skus.push(skuCols.map((c) => ({ product_id: id, price: row[productCols.indexOf('min_price')], stock: 100000 })[c] ?? skuTemplate[c]));
    });
    for (let g = 0; g < grams.length; g += 5000) await db.query('INSERT INTO product_search_grams (gram, product_id) VALUES ?', [grams.slice(g, g + 5000)]);
    await db.query(`INSERT INTO skus (${skuCols.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [skus]);
  }
  log(`  products: ${spec.products}`);
  if (spec.users) await db.query(`INSERT INTO users (openid, nickname) SELECT CONCAT('bench-user-', seq), CONCAT('买家', seq) FROM seq_1_to_${spec.users}`);
  log(`  users: ${spec.users}`);
  // The bench shopper (with an address and a cart) and the flash crowd (with addresses).
  await db.query("INSERT INTO users (openid, nickname) VALUES ('bench-shopper', '压测买家')");
  await db.query(`INSERT INTO users (openid, nickname) SELECT CONCAT('bench-crowd-', seq), '抢购买家' FROM seq_1_to_${CROWD}`);
  await db.query("INSERT INTO addresses (user_id, name, phone, province, city, district, detail, is_default) SELECT id, '买家', '13900000000', '浙江省', '杭州市', '西湖区', '文三路1号', 1 FROM users WHERE openid = 'bench-shopper' OR openid LIKE 'bench-crowd-%'");
  const [[shopper]] = await db.query("SELECT id FROM users WHERE openid = 'bench-shopper'");
  const [[address]] = await db.query('SELECT * FROM addresses WHERE user_id = ?', [shopper.id]);
  // A real order by the bench shopper, through the server, is the template every generated order copies.
  const server = await startServer(db.config.database, { REDIS_URL: '' });
  const base = `http://127.0.0.1:${APP_PORT}`;
  const auth = `Bearer ${jwt.sign({ sub: shopper.id, kind: 'shopper' }, SECRET, { expiresIn: 3600 })}`;
  const post = async (path, body) => {
    const r = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', Authorization: auth }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const order = await post('/api/orders', { lines: [{ skuId: skuTemplate.id, quantity: 1 }], addressId: address.id, source: 'buy_now' });
  await post('/api/cart/items', { skuId: skuTemplate.id, quantity: 2 });
  await stop(server);
  const [[orderRow]] = await db.query('SELECT * FROM orders WHERE id = ?', [order.id]);
  const [[lineRow]] = await db.query('SELECT * FROM order_lines WHERE order_id = ? LIMIT 1', [order.id]);
  const orderCols = Object.keys(orderRow).filter((c) => c !== 'id');
  const lineCols = Object.keys(lineRow).filter((c) => c !== 'id');
  const statuses = "ELT(1 + s.seq % 5, 'pending_payment', 'paid', 'shipped', 'completed', 'cancelled')";
  const [[firstUser]] = await db.query("SELECT COALESCE(MIN(id), 0) AS id FROM users WHERE openid LIKE 'bench-user-%'");
  /** Copies of the template order: `userExpr` picks the owner; orders are spread over the last 90 days. */
  const copyOrders = async (count, userExpr, tag) => {
    for (let from = 1; from <= count; from += 100_000) {
      const to = Math.min(count, from + 99_999);
      const expr = {
        order_no: `CONCAT('${tag}', LPAD(s.seq, 14, '0'))`, user_id: userExpr, status: statuses, request_key: 'NULL', pickup_code: 'NULL',
        created_at: `t.created_at - INTERVAL (${count} - s.seq) * 7 SECOND`, updated_at: 't.updated_at',
      };
      const [before] = await db.query('SELECT COALESCE(MAX(id), 0) AS id FROM orders');
      await db.query(`INSERT INTO orders (${orderCols.map((c) => `\`${c}\``).join(', ')}) SELECT ${orderCols.map((c) => expr[c] ?? `t.\`${c}\``).join(', ')} FROM seq_1_to_${count} s JOIN orders t ON t.id = ${orderRow.id} WHERE s.seq BETWEEN ${from} AND ${to}`);
      const lineExpr = { order_id: 'o.id' };
      await db.query(`INSERT INTO order_lines (${lineCols.map((c) => `\`${c}\``).join(', ')}) SELECT ${lineCols.map((c) => lineExpr[c] ?? `t.\`${c}\``).join(', ')} FROM orders o JOIN order_lines t ON t.id = ${lineRow.id} WHERE o.id > ${before[0].id}`);
      if (count > 100_000) log(`  orders: ${to}`);
    }
  };
  await copyOrders(SHOPPER_ORDERS, String(shopper.id), '7');
  if (spec.orders) await copyOrders(spec.orders - SHOPPER_ORDERS, `${firstUser.id} + s.seq % ${spec.users}`, '8');
  const refunds = Math.max(200, spec.refunds);
  await db.query(`INSERT INTO refunds (order_id, user_id, out_refund_no, type, source, status, amount, reason, \`lines\`, restock)
    SELECT o.id, o.user_id, CONCAT('BR', o.id), 'refund_only', IF(o.id % 2, 'after_sale', 'cancel'), ELT(1 + o.id % 3, 'pending_review', 'approved', 'succeeded'), 100, '压测', '[]', 0
    FROM orders o WHERE o.status IN ('paid', 'shipped', 'completed') ORDER BY o.id LIMIT ${refunds}`);
  await db.query('ANALYZE TABLE orders, order_lines, refunds, products, skus, users, product_search_grams');
}

// ---- run ----

async function flashItem(base, adminAuth, skuId) {
  const post = async (path, body) => {
    const r = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', Authorization: adminAuth }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const slot = await post('/admin/flash-sale/slots', { title: '压测场', startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 6 * 3600_000) });
  const withItem = await post(`/admin/flash-sale/slots/${slot.id}/items`, { skuId, flashPrice: 990, stock: 1000, perUserLimit: 1 });
  return withItem.items.at(-1).id;
}

async function measureSize(size, hello) {
  const store = await prepareStore(size);
  log(`${size}: ${JSON.stringify(store.counts)}`);
  // What the run adds (the rush's orders) is removed afterwards, so every run measures the same store.
  const db = await mysql.createConnection(`${MYSQL}/${store.name}`);
  const [[{ id: lastOrder }]] = await db.query('SELECT COALESCE(MAX(id), 0) AS id FROM orders');
  const redis = new Redis(REDIS);
  await redis.flushdb();
  redis.disconnect();
  const server = await startServer(store.name);
  const rss = rssSampler(server.pid);
  const base = `http://127.0.0.1:${APP_PORT}`;
  const adminAuth = `Bearer ${(await (await fetch(`${base}/admin/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'linli-admin-2026' }) })).json()).token}`;
  const shopperAuth = `Bearer ${jwt.sign({ sub: store.shopper, kind: 'shopper' }, SECRET, { expiresIn: 3600 })}`;
  const deepCursor = store.myOrders[Math.min(store.myOrders.length - 1, 399)];
  const browsing = [
    ['home feed', '/api/products?page=1&pageSize=10&sort=newest'],
    ['category page', `/api/products?categoryId=${store.category}&page=1&pageSize=20&sort=sales`],
    ['product detail', `/api/products/${store.product}`],
    ['search 苹果', `/api/products?keyword=${encodeURIComponent('苹果')}&page=1&pageSize=20`],
    ['open groups of a product', `/api/group-buy/products/${store.grouped}`],
    ['flash page', '/api/flash-sale/slots'],
  ];
  const shopper = [
    ['cart', '/api/cart'],
    ['checkout preview', '/api/orders/preview', postScript('preview', '/api/orders/preview', { lines: [{ skuId: store.sku, quantity: 1 }], addressId: store.address }, { Authorization: shopperAuth })],
    ['my orders, first page', '/api/orders?pageSize=20'],
    ['my orders, deep page (page=20)', '/api/orders?pageSize=20&page=20'],
    ['my orders, deep page (cursor)', `/api/orders?pageSize=20&before=${deepCursor}`],
    ['one order', `/api/orders/${store.myOrders[0]}`],
  ];
  const operators = [
    ['admin orders, status=paid', '/admin/orders?status=paid&pageSize=20'],
    ['admin orders, deep page (page=200)', '/admin/orders?status=paid&pageSize=20&page=200'],
    ['admin orders, deep page (cursor)', `/admin/orders?status=paid&pageSize=20&before=${store.paidCursor}`],
    ['admin refunds', '/admin/refunds?pageSize=20'],
    ['admin refunds, deep page (cursor)', `/admin/refunds?pageSize=20&before=${store.refundCursor}`],
  ];
  const rows = [];
  const run = async (group, [label, path, script], headers = {}, target = base) => {
    await wrk(target + path, { seconds: 1, script, headers, connections: 16 }); // warm-up
    const r = await wrk(target + path, { script, headers, connections: 64 });
    rows.push({ size, group, label, ...r, rpsRatio: r.rps / hello.rps, p99Ratio: r.p99 / hello.p99 });
    log(`${size} ${group} ${label}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx ? `, non-2xx ${r.non2xx}` : ''}`);
  };
  let rssAfterFirst = null;
  let rssAfterSecond = null;
  if (want('tables')) {
    for (const e of browsing) await run('browsing', e);
    for (const e of shopper) await run('shopper', e, { Authorization: shopperAuth });
    for (const e of operators) await run('operators', e, { Authorization: adminAuth });
    rssAfterFirst = rss.last();
    // The same browsing pass again: resident memory must not grow between identical runs.
    for (const e of browsing) await wrk(base + e[1], { seconds: DURATION });
    rssAfterSecond = rss.last();
  }

  // Browsing at a fixed rate, alone and during the realistic flash sale (1,000 units, 5,000 buyers, 256 conns).
  const paths = browsing.map((b) => b[1]);
  const tokens = store.crowd.map((c) => jwt.sign({ sub: c.id, kind: 'shopper' }, SECRET, { expiresIn: 3600 }));
  const itemIds = [];
  const rushes = [];
  /** One rush on a fresh 1,000-unit item through `target`, with browsing at the fixed rate beside it. */
  const rush = async (setup, target, servers, calm, browseBase = target) => {
    const itemId = await flashItem(target, adminAuth, store.sku);
    itemIds.push(itemId);
    const script = purchaseScript(tokens, itemId, store.crowd.map((c) => c.address));
    const count = () => servers.reduce((n, c) => [n[0] + c.shed, n[1] + c.shedInFlight], [0, 0]);
    const before = count();
    const [flash, browse] = await Promise.all([wrk(`${target}/api/flash-sale/purchases`, { connections: 256, script, nice: RUSH_NICE }), fixedRate(browseBase, paths, RUSH_RATE, DURATION)]);
    await sleep(1500); // the lag sampler reports its shed count once a second
    const after = count();
    const shed = after[0] - before[0];
    const shedInFlight = after[1] - before[1];
    rushes.push({ setup, calm, rush: browse, flash, shed, shedInFlight });
    log(`${size} ${setup}: browsing at ${RUSH_RATE}/s p99 calm ${calm.p99?.toFixed(1)} ms → rush ${browse.p99?.toFixed(1)} ms, failed ${browse.failed} (slowest per path ${browse.worst.join(' / ')} ms); flash ${flash.rps} req/s (${flash.non2xx} non-2xx), shed for lag ${shed}, for in-flight ${shedInFlight}`);
  };
  rss.stop();
  await stop(server);
  // Each on a fresh server after its own calm measurement: the rush on the instance's FLASH_PORT as deployed, without
  // shedding (lag bound off, in-flight bound 256) and with the defaults; then, for comparison only, the rush on the
  // port browsing uses (its 256-connection burst queues every new browsing connection behind it).
  // BENCH_RUSH_ORDER=shedding-first swaps the first two (order effects).
  const setups = [
    ['1 instance, rush on FLASH_PORT, no shedding (lag bound off, in-flight 256)', { FLASH_SHED_LAG_MS: '0', FLASH_MAX_IN_FLIGHT: '256' }, true],
    ['1 instance, rush on FLASH_PORT, lag shedding (defaults)', {}, true],
  ];
  if (process.env.BENCH_RUSH_ORDER === 'shedding-first') setups.reverse();
  setups.push(['comparison: 1 instance, rush on the browsing port (defaults)', {}, false]);
  for (const [setup, env, ownPort] of want('rush') ? setups : []) {
    const one = await startServer(store.name, { FLASH_PORT: String(rushPort(APP_PORT)), ...env });
    await wrk(base + paths[0], { seconds: 1, connections: 16 }); // warm-up
    const calm = await fixedRate(base, paths, RUSH_RATE, DURATION);
    await rush(setup, ownPort ? `http://127.0.0.1:${rushPort(APP_PORT)}` : base, [one], calm, base);
    await stop(one);
  }
  if (want('rush')) {
    // Control: the same fixed-rate client browsing a bare node:http hello process while the rush hits the server.
    // What this p99 gains during the rush is the machine's (CPU shared by wrk, MariaDB, the client), not the server's.
    const one = await startServer(store.name);
    const helloProc = helloNodeHttp();
    const helloBase = `http://127.0.0.1:${HELLO_PORT}`;
    await waitHealthy(helloBase, '/');
    const calm = await fixedRate(helloBase, paths, RUSH_RATE, DURATION);
    await rush('control: the client browses a node:http hello during the rush', base, [one], calm, helloBase);
    await stop(helloProc);
    await stop(one);
  }

  if (want('nginx')) {
    // Two instances behind nginx (one worker), same database and Redis: the browsing mix, then the rush.
    const pair = [];
    for (const port of PAIR_PORTS) pair.push(await startServer(store.name, { FLASH_PORT: String(rushPort(port)) }, port));
    const lb = nginxBalancer(LB_PORT, PAIR_PORTS);
    const lbBase = `http://127.0.0.1:${LB_PORT}`;
    await waitHealthy(lbBase);
    for (const e of browsing) await run('2 instances + nginx', e, {}, lbBase);
    const calm = await fixedRate(lbBase, paths, RUSH_RATE, DURATION);
    await rush('2 instances + nginx (purchases to FLASH_PORT), lag shedding', lbBase, pair, calm);
    await stop(lb);
    for (const c of pair) await stop(c);
  }

  if (want('tables')) {
    // The same reads without the public cache: what the database work itself costs at this size.
    const uncachedServer = await startServer(store.name, { PUBLIC_CACHE_TTL_MS: '0' });
    for (const [label, path] of [...browsing.filter((b) => b[0] !== 'flash page'), ['search 礼盒', `/api/products?keyword=${encodeURIComponent('礼盒')}&page=1&pageSize=20`]]) {
      await run('uncached', [`${label} (uncached)`, path]);
    }
    await stop(uncachedServer);
  }
  for (const table of ['order_lines', 'order_events']) await db.query(`DELETE FROM ${table} WHERE order_id > ?`, [lastOrder]);
  if (itemIds.length) await db.query('DELETE FROM flash_reservations WHERE item_id IN (?)', [itemIds]);
  await db.query('DELETE FROM orders WHERE id > ?', [lastOrder]);
  await db.end();
  return { rows, rushes, rss: { max: rss.max(), afterFirst: rssAfterFirst, afterSecond: rssAfterSecond }, counts: store.counts };
}

async function main() {
  log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${DURATION}s per run, 64 connections`);
  const helloProc = helloNodeHttp();
  await waitHealthy(`http://127.0.0.1:${HELLO_PORT}`, '/');
  const hello = await wrk(`http://127.0.0.1:${HELLO_PORT}/`);
  log(`baseline node:http hello: ${hello.rps} req/s, p50 ${hello.p50} ms, p99 ${hello.p99} ms`);
  const helloScriptDir = purchaseScript(['x'], 1, [1]);
  const helloRush = await wrk(`http://127.0.0.1:${HELLO_PORT}/api/flash-sale/purchases`, { connections: 256, script: helloScriptDir });
  log(`baseline node:http hello, purchase script, 256 conns: ${helloRush.rps} req/s`);
  await stop(helloProc);

  const bySize = {};
  for (const size of SIZES) bySize[size] = await measureSize(size, hello);

  console.log(`\nbaseline node:http hello (64 conns): ${hello.rps} req/s, p50 ${hello.p50} ms, p99 ${hello.p99} ms; load at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log('| size | group | endpoint | req/s | p50 ms | p99 ms | × hello req/s | × hello p99 |\n|---|---|---|---|---|---|---|---|');
  for (const size of SIZES) {
    for (const r of bySize[size].rows) console.log(`| ${size} | ${r.group} | ${r.label} | ${r.rps} | ${r.p50?.toFixed(2)} | ${r.p99?.toFixed(2)} | ${r.rpsRatio.toFixed(2)} | ${r.p99Ratio.toFixed(1)} |`);
  }
  if (want('tables')) console.log('\n| size | rows (products/users/orders/refunds) | RSS max MB | RSS after pass 1 → 2 MB |\n|---|---|---|---|');
  for (const size of want('tables') ? SIZES : []) {
    const s = bySize[size];
    console.log(`| ${size} | ${Object.values(s.counts).join(' / ')} | ${s.rss.max} | ${s.rss.afterFirst ?? '–'} → ${s.rss.afterSecond ?? '–'} |`);
  }
  console.log(`\n| size | setup | browsing p99 calm → rush (ms) | × calm | failed | flash req/s during rush (× hello w/ script) | shed: lag / in-flight |\n|---|---|---|---|---|---|---|`);
  for (const size of SIZES) {
    for (const r of bySize[size].rushes) {
      console.log(`| ${size} | ${r.setup} | ${r.calm.p99?.toFixed(1)} → ${r.rush.p99?.toFixed(1)} | ${(r.rush.p99 / r.calm.p99).toFixed(1)} | ${r.rush.failed}/${r.rush.sent} | ${r.flash.rps} (${(r.flash.rps / helloRush.rps).toFixed(2)}) | ${r.shed} / ${r.shedInFlight} |`);
    }
  }

  // Goals (issue 17).
  const goals = [];
  const goal = (name, ok, detail) => goals.push({ name, ok, detail });
  const find = (size, label) => bySize[size]?.rows.find((r) => r.label === label);
  const publicLabels = ['home feed', 'category page', 'product detail', 'open groups of a product', 'flash page'];
  for (const size of SIZES) {
    for (const l of want('tables') ? publicLabels : []) {
      const r = find(size, l);
      goal(`${size} ${l}: ≥ 0.5 × hello req/s, p99 ≤ 5 × hello p99`, r.rpsRatio >= 0.5 && r.p99Ratio <= 5, `${r.rpsRatio.toFixed(2)} ×, p99 ${r.p99Ratio.toFixed(1)} ×`);
    }
    const s = bySize[size];
    for (const r of s.rushes.filter((x) => !x.setup.startsWith('control') && !x.setup.startsWith('comparison'))) {
      goal(`${size} browsing during the rush, ${r.setup}: p99 ≤ 3 × calm, no failures`, r.rush.p99 <= 3 * r.calm.p99 && r.rush.failed === 0, `${(r.rush.p99 / r.calm.p99).toFixed(1)} ×, ${r.rush.failed} failed`);
      goal(`${size} sold-out answers, ${r.setup}: realistic sale ≥ 0.6 × hello with the same script`, r.flash.rps >= 0.6 * helloRush.rps, `${(r.flash.rps / helloRush.rps).toFixed(2)} ×`);
    }
    if (s.rss.afterFirst !== null) goal(`${size} memory: RSS < 512 MB, no growth between identical passes (±10%)`, s.rss.max < 512 && s.rss.afterSecond <= s.rss.afterFirst * 1.1, `max ${s.rss.max} MB, ${s.rss.afterFirst} → ${s.rss.afterSecond} MB`);
    for (const r of s.rows.filter((x) => x.group === '2 instances + nginx')) {
      const one = s.rows.find((x) => x.group === 'browsing' && x.label === r.label);
      goal(`${size} ${r.label}, 2 instances + nginx: ≥ 0.5 × hello req/s`, r.rpsRatio >= 0.5, `${r.rpsRatio.toFixed(2)} × hello${one ? `, ${(r.rps / one.rps).toFixed(2)} × one instance direct, p99 ${(r.p99 / one.p99).toFixed(1)} × one instance's` : ''}`);
    }
  }
  // Flat in data size: each larger size against S (M is the issue's goal; L, where run, is the same check at 10 × M).
  for (const big of want('tables') && bySize.S ? SIZES.filter((x) => x !== 'S' && bySize[x]) : []) {
    for (const l of publicLabels) {
      const [s, m] = [find('S', l), find(big, l)];
      goal(`${l}: flat S → ${big} (p99 ${big} ≤ 2 × S)`, m.p99 <= 2 * s.p99, `${(m.p99 / s.p99).toFixed(2)} ×`);
    }
    for (const l of ['search 苹果', 'search 苹果 (uncached)', 'search 礼盒 (uncached)']) {
      const [ss, sm] = [find('S', l), find(big, l)];
      goal(`${l}: p99 ${big} ≤ 3 × S`, sm.p99 <= 3 * ss.p99, `${(sm.p99 / ss.p99).toFixed(2)} ×`);
    }
    for (const l of ['my orders, first page', 'my orders, deep page (cursor)', 'admin orders, status=paid', 'admin orders, deep page (cursor)', 'admin refunds', 'admin refunds, deep page (cursor)', 'my orders, deep page (page=20)', 'admin orders, deep page (page=200)']) {
      const [s, m] = [find('S', l), find(big, l)];
      goal(`${l}: p99 ${big} ≤ 2 × S`, m.p99 <= 2 * s.p99, `${(m.p99 / s.p99).toFixed(2)} ×`);
    }
  }
  console.log('\n| goal | met | figure |\n|---|---|---|');
  for (const g of goals) console.log(`| ${g.name} | ${g.ok ? 'met' : 'MISSED'} | ${g.detail} |`);
  writeFileSync(join(work, 'results.json'), JSON.stringify({ hello, helloRush, bySize, goals }, null, 2));
  log(`raw results: ${join(work, 'results.json')}`);
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
