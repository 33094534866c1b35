import { DataSource, Logger } from 'typeorm';
import { startTestApp, TestApp } from '../factories/test-app';

/**
 * Every list query (shopper's orders, operator's orders with each filter, refunds, product search) is run through
 * EXPLAIN on a table big enough for the optimizer to care; a full scan of a large table fails the spec.
 * MariaDB: no access of type ALL without a usable index or over many rows. SQLite (EXPLAIN QUERY PLAN): no plain `SCAN t` unless LIMIT bounds it in index order.
 */
const LARGE = ['orders', 'order_lines', 'refunds', 'products', 'users', 'skus', 'payments', 'product_search_grams'];

describe('list query plans', () => {
  let t: TestApp;
  let ds: DataSource;
  let mysql: boolean;
  let admin: { Authorization: string };
  let shopper: { userId: number; auth: { Authorization: string } };
  let recorded: { sql: string; params: unknown[] }[] | null = null;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    mysql = ds.options.type === 'mysql';
    admin = await t.loginAdmin();
    shopper = await t.loginShopper();
    const product = await t.factory.product({ title: '红富士苹果', subtitle: '脆甜多汁', skus: [{ price: 1990, stock: 1000 }] });
    for (let i = 0; i < 3; i++) await t.factory.order(shopper.userId, product.skus[0].id);
    for (let i = 0; i < 40; i++) await t.factory.product({ title: `商品${i}号`, subtitle: '测试' });
    // Grow orders and refunds by copying a real order row: thousands of rows across many users and statuses.
    const [template] = await ds.query('SELECT * FROM orders ORDER BY id LIMIT 1');
    const cols = Object.keys(template).filter((c) => c !== 'id');
    const statuses = ['pending_payment', 'paid', 'shipped', 'completed', 'cancelled'];
    const refundStatuses = ['pending_review', 'approved', 'succeeded'];
    for (let batch = 0; batch < 6; batch++) {
      const rows = Array.from({ length: 500 }, (_, i) => {
        const n = batch * 500 + i;
        const row: Record<string, unknown> = { ...template, order_no: `9${String(n).padStart(15, '0')}`, user_id: 100000 + (n % 300), status: statuses[n % 5], request_key: null, pickup_code: null };
        return cols.map((c) => row[c]);
      });
      await ds.query(`INSERT INTO orders (${cols.map((c) => `\`${c}\``).join(', ')}) VALUES ${rows.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ')}`, rows.flat());
      const refunds = Array.from({ length: 500 }, (_, i) => {
        const n = batch * 500 + i;
        return [1 + n, 100000 + (n % 300), `R${n}`, 'refund_only', n % 2 ? 'after_sale' : 'cancel', refundStatuses[n % 3], 100, '测试', '[]', 0];
      });
      await ds.query(`INSERT INTO refunds (order_id, user_id, out_refund_no, type, source, status, amount, reason, \`lines\`, restock) VALUES ${refunds.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, refunds.flat());
    }
    // MariaDB plans from statistics; SQLite without ANALYZE assumes every table is large, which is what we check.
    if (mysql) await ds.query('ANALYZE TABLE orders, refunds, products, product_search_grams');
    const logger: Logger = {
      logQuery: (sql, params) => { if (recorded && /^\s*SELECT/i.test(sql)) recorded.push({ sql, params: params ?? [] }); },
      logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined,
    };
    Object.defineProperty(ds, 'logger', { value: logger, configurable: true });
  });
  afterAll(() => t.close());

  async function plansOf(calls: () => Promise<unknown>): Promise<void> {
    recorded = [];
    await calls();
    const queries = recorded;
    recorded = null;
    expect(queries.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { sql, params } of queries) {
      if (mysql) {
        const plan: { table: string; type: string; possible_keys: string | null; rows: string | null }[] = await ds.query(`EXPLAIN ${sql}`, params);
        const aliases = aliasesOf(sql);
        for (const row of plan) {
          const table = aliases.get(row.table) ?? row.table;
          // A full scan counts when no index could serve the query, or when the optimizer chose it on a table with many rows
          // (on a near-empty table, like payments here, it rightly ignores the index).
          const full = row.type === 'ALL' && (!row.possible_keys || Number(row.rows) > 200);
          if (full && LARGE.includes(table)) problems.push(`full scan of ${table}: ${sql}\n${JSON.stringify(plan)}`);
        }
      } else {
        const plan: { detail: string }[] = await ds.query(`EXPLAIN QUERY PLAN ${sql}`, params);
        const aliases = aliasesOf(sql);
        const sorted = plan.some((p) => /TEMP B-TREE/.test(p.detail));
        for (const { detail } of plan) {
          const m = /^SCAN (\w+)$/.exec(detail.trim());
          if (!m) continue;
          const table = aliases.get(m[1]) ?? m[1];
          const bounded = /\bLIMIT\b/i.test(sql) && !sorted;
          if (LARGE.includes(table) && !bounded) problems.push(`full scan of ${table}: ${sql}\n${plan.map((p) => p.detail).join(' | ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }

  it("a shopper's orders: first page, status and after-sale filters, keyset pages", async () => {
    await plansOf(async () => {
      const first = await t.http().get('/api/orders?pageSize=2').set(shopper.auth).expect(200);
      expect(first.body.nextCursor).toBe(first.body.items[1].id);
      const next = await t.http().get(`/api/orders?pageSize=2&before=${first.body.nextCursor}`).set(shopper.auth).expect(200);
      expect(next.body.items.map((o: { id: number }) => o.id)).toEqual([first.body.items[1].id - 1].filter((id) => id > 0).slice(0, next.body.items.length));
      expect(next.body.nextCursor).toBeNull();
      await t.http().get('/api/orders?status=pending_payment').set(shopper.auth).expect(200);
      await t.http().get('/api/orders?afterSale=true').set(shopper.auth).expect(200);
      await t.http().get('/api/orders?page=2&pageSize=1').set(shopper.auth).expect(200);
    });
  });

  it("the operator's order list: filters, a deep offset page and keyset pages, with a capped total", async () => {
    await plansOf(async () => {
      const first = await t.http().get('/admin/orders?pageSize=50').set(admin).expect(200);
      expect(first.body).toMatchObject({ total: 3003, totalCapped: false });
      const deep = await t.http().get(`/admin/orders?pageSize=50&before=${first.body.nextCursor}`).set(admin).expect(200);
      expect(deep.body.items[0].id).toBe(first.body.nextCursor - 1);
      await t.http().get('/admin/orders?status=paid&page=20').set(admin).expect(200);
      await t.http().get(`/admin/orders?status=shipped&before=${first.body.nextCursor}`).set(admin).expect(200);
      await t.http().get(`/admin/orders?userId=${shopper.userId}`).set(admin).expect(200);
      await t.http().get('/admin/orders?orderNo=9000000000000007').set(admin).expect(200);
      await t.http().get(`/admin/orders?createdFrom=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`).set(admin).expect(200);
    });
  });

  it('the refunds list: filters and keyset pages', async () => {
    await plansOf(async () => {
      const first = await t.http().get('/admin/refunds?pageSize=30').set(admin).expect(200);
      expect(first.body.items).toHaveLength(30);
      await t.http().get(`/admin/refunds?before=${first.body.nextCursor}`).set(admin).expect(200);
      await t.http().get('/admin/refunds?status=pending_review&page=5').set(admin).expect(200);
      await t.http().get('/admin/refunds?orderId=7').set(admin).expect(200);
    });
  });

  it('product search and category lists', async () => {
    await plansOf(async () => {
      const found = await t.http().get(`/api/products?keyword=${encodeURIComponent('富士苹')}`).expect(200);
      expect(found.body.items.map((p: { title: string }) => p.title)).toEqual(['红富士苹果']);
      await t.http().get(`/api/products?keyword=${encodeURIComponent('果')}`).expect(200);
      const categoryId = found.body.items[0].categoryId;
      await t.http().get('/api/products?page=1&pageSize=10&sort=newest').expect(200);
      for (const sort of ['newest', 'sales', 'price_asc']) await t.http().get(`/api/products?categoryId=${categoryId}&sort=${sort}`).expect(200);
    });
  });
});

/** alias → table, from the FROM/JOIN clauses TypeORM writes (`orders` `o`). */
function aliasesOf(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of sql.matchAll(/(?:FROM|JOIN)\s+[`"]?(\w+)[`"]?\s+(?:AS\s+)?[`"]?(\w+)[`"]?/gi)) map.set(m[2], m[1]);
  return map;
}
