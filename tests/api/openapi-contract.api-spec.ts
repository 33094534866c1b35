import { createHash } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { ServedRoutes } from '../../server/src/common/served-routes';
import { TransactionRunner } from '../../server/src/database/transaction-runner';
import { startTestApp, TestApp } from '../factories/test-app';

/**
 * Issue 12, the generic spec. Every route the OpenAPI document describes gets malformed path ids, queries and
 * bodies (built from the route's own schema, so a new route is covered without editing this file), with the right
 * token, no token, a forged one and the wrong kind. It asserts: no 5xx, every 4xx is `{code, message}`, and no
 * table changed. It also fails on a route the server answers that the document leaves out.
 */

/** Served but deliberately undocumented: the development simulators, the document itself, and static files. */
const UNDOCUMENTED = [/^\/sim\//, /^\/api\/docs/, /^\/media\//, /^\/\*$/, /^\/$/];

/** Tables that record the attempts themselves (rate-limit counters, refused operator logins); everything else must not change. */
const ATTEMPT_RECORDS = new Set(['rate_limit_buckets', 'admin_login_failures']);

type Schema = {
  $ref?: string; type?: string; format?: string; enum?: unknown[]; items?: Schema; properties?: Record<string, Schema>; required?: string[];
  nullable?: boolean; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; minItems?: number; example?: unknown; allOf?: Schema[];
};
type Operation = {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
};
interface Probe { method: string; path: string; query?: string; body?: unknown; rawBody?: string; auth: Record<string, string>; label: string; tokenOnly?: boolean; contentType?: string; mayAccept?: boolean }

const HUGE_STRING = 'x'.repeat(100_000);
const DEEP = JSON.parse('['.repeat(3000) + ']'.repeat(3000)) as unknown;
const BAD_IDS = ['0x1', '1.0', '+1', '1e0', '%201', '01', '2147483648', '99999999999999999999', '-1', '0', 'abc', '%00', 'null'];
const BAD_QUERY_VALUES = ['abc', '-1', '1e309', '1.5', '0x10', '-000001-01-01T00:00:00Z', 'soon', HUGE_STRING.slice(0, 5000), '%00', '[]'];

describe('every documented route, probed with malformed input', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  const tokens: Record<'admin' | 'operator' | 'shopper' | 'forged' | 'none', Record<string, string>> = { admin: {}, operator: {}, shopper: {}, forged: {}, none: {} };

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_ADMIN_LOGIN_PER_MINUTE: '1000000', RATE_LIMIT_FLASH_PER_MINUTE: '1000000', RATE_LIMIT_FLASH_IP_PER_MINUTE: '1000000', ADMIN_LOGIN_FAILURES_BEFORE_LOCK: '100' });
    tokens.admin = await t.loginAdmin();
    await t.http().post('/admin/users').set(tokens.admin).send({ username: 'probe-op', password: 'operator-pass-1', role: 'operator' }).expect(201);
    tokens.operator = { Authorization: `Bearer ${(await t.http().post('/admin/auth/login').send({ username: 'probe-op', password: 'operator-pass-1' }).expect(200)).body.token}` };
    const shopper = await t.loginShopper();
    tokens.shopper = shopper.auth;
    // Signed with another key, claiming to be the first operator.
    tokens.forged = { Authorization: `Bearer ${sign({ sub: 1, kind: 'admin', role: 'admin', ver: 1 }, 'not-the-server-secret-0123456789')}` };
    // Id 1 of each kind exists, so a probe that slipped past validation would reach real rows.
    const product = await t.factory.product();
    await t.factory.address(shopper.userId);
    await t.http().post('/api/cart/items').set(shopper.auth).send({ skuId: product.skus[0].id, quantity: 1 }).expect(200);
    await t.factory.order(shopper.userId, product.skus[0].id);
    const now = Date.now();
    await t.http().post('/admin/group-buy/campaigns').set(tokens.admin).send({
      productId: product.id, title: '探测', groupSize: 2, timeLimitSeconds: 3600, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86400_000).toISOString(),
      stock: 10, perUserLimit: 1, skus: [{ skuId: product.skus[0].id, groupPrice: 100 }],
    }).expect(201);
    const slot = (await t.http().post('/admin/flash-sale/slots').set(tokens.admin).send({ title: '探测场', startsAt: new Date(now - 60_000), endsAt: new Date(now + 3600_000) }).expect(201)).body;
    await t.http().post(`/admin/flash-sale/slots/${slot.id}/items`).set(tokens.admin).send({ skuId: product.skus[0].id, flashPrice: 90, stock: 5, perUserLimit: 1 }).expect(201);
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('documents every route the server answers, and serves every documented one', () => {
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)));
    const served = t.app.get(ServedRoutes).list().filter((r) => !r.startsWith('HEAD ') && !UNDOCUMENTED.some((re) => re.test(r.split(' ')[1])));
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.includes(r))).toEqual([]);
    expect(served.length).toBeGreaterThan(50);
  });

  it('answers malformed input with a 4xx {code, message} and writes nothing', async () => {
    const before = await snapshot();
    const probes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).flatMap(([method, op]) => probesFor(method.toUpperCase(), path, op)));
    expect(probes.length).toBeGreaterThan(1000);
    const problems: string[] = [];
    const pending = [...probes];
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let probe = pending.shift(); probe; probe = pending.shift()) {
        const problem = await send(probe);
        if (problem) problems.push(problem);
      }
    }));
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  /** One request; a description of what is wrong with its answer, or null. */
  async function send(p: Probe): Promise<string | null> {
    const url = `${t.url}${p.path}${p.query ? `?${p.query}` : ''}`;
    const hasBody = p.body !== undefined || p.rawBody !== undefined;
    const res = await fetch(url, {
      method: p.method,
      headers: { ...p.auth, ...(hasBody ? { 'content-type': p.contentType ?? 'application/json' } : {}) },
      body: hasBody ? (p.rawBody ?? JSON.stringify(p.body)) : undefined,
    });
    const text = await res.text();
    const where = `${p.method} ${p.path} [${p.label}]`;
    if (res.status >= 500) return `${where}: ${res.status} ${text.slice(0, 200)}`;
    // Guards run before validation: a back-office route refuses the wrong token before it reads anything.
    if (p.tokenOnly && p.path.startsWith('/admin') && res.status !== 401 && res.status !== 403) return `${where}: ${res.status} instead of 401/403`;
    // A read may well answer 200 to an odd query; a write must refuse every probe.
    if (res.status < 400) return p.method === 'GET' || p.mayAccept ? null : `${where}: accepted with ${res.status}`;
    try {
      const body = JSON.parse(text) as { code?: unknown; message?: unknown };
      if (typeof body.code !== 'string' || typeof body.message !== 'string') return `${where}: ${res.status} without {code, message}: ${text.slice(0, 200)}`;
    } catch {
      return `${where}: ${res.status} not JSON: ${text.slice(0, 200)}`;
    }
    return null;
  }

  function probesFor(method: string, docPath: string, op: Operation): Probe[] {
    const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
    const bodySchema = op.requestBody?.content['application/json']?.schema;
    const goodPath = docPath.replace(/\{\w+\}/g, '1');
    const rightToken = docPath.startsWith('/admin') ? tokens.admin : tokens.shopper;
    const wrongKind = docPath.startsWith('/admin') ? tokens.shopper : tokens.operator;
    const probes: Probe[] = [];
    const base = bodySchema ? valid(bodySchema) : undefined;

    // Non-canonical and out-of-range path values, one parameter at a time.
    for (const param of pathParams) {
      for (const bad of BAD_IDS) {
        probes.push({ method, path: docPath.replace(/\{(\w+)\}/g, (_m, name: string) => (name === param.name ? bad : '1')), body: base, auth: rightToken, label: `path ${param.name}=${bad}` });
      }
    }
    // Malformed bodies: the whole body, then each field.
    if (bodySchema) {
      for (const [label, body] of [['[]', []], ['null', null], ['string', 'text'], ['deep', DEEP], ['deep inside', { nested: DEEP }]] as const) {
        probes.push({ method, path: goodPath, body, auth: rightToken, label: `body ${label}` });
      }
      probes.push({ method, path: goodPath, rawBody: '{"unterminated": ', auth: rightToken, label: 'body not JSON' });
      probes.push({ method, path: goodPath, rawBody: '', auth: rightToken, label: 'empty JSON body' });
      // Without a body, or with `{}`, a required field is missing (a DTO whose fields are all optional may rightly take either).
      if (resolve(bodySchema).required?.length) {
        probes.push({ method, path: goodPath, auth: rightToken, label: 'no body at all' });
        probes.push({ method, path: goodPath, body: {}, auth: rightToken, label: 'empty object' });
      } else if (method === 'PATCH') {
        // A partial update with nothing in it may be answered 200, but must change nothing.
        probes.push({ method, path: goodPath, body: {}, auth: rightToken, label: 'nothing to change', mayAccept: true });
      }
      probes.push({ method, path: goodPath, rawBody: JSON.stringify(base), contentType: 'text/plain', auth: rightToken, label: 'body as text/plain' });
      probes.push({ method, path: goodPath, rawBody: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded', auth: rightToken, label: 'body as a form' });
      for (const mutated of mutations(bodySchema, base)) probes.push({ method, path: goodPath, body: mutated.body, auth: rightToken, label: mutated.label });
    }
    // Malformed queries, on routes that take one (reads only: the answer just must not be a 5xx or a wrong shape).
    for (const param of queryParams) {
      for (const bad of BAD_QUERY_VALUES) probes.push({ method, path: goodPath, query: `${param.name}=${encodeURIComponent(bad)}`, auth: rightToken, label: `query ${param.name}` });
      probes.push({ method, path: goodPath, query: `${param.name}=1&${param.name}=2`, auth: rightToken, label: `query ${param.name} twice` });
      probes.push({ method, path: goodPath, query: `${param.name}[a]=1`, auth: rightToken, label: `query ${param.name} as object` });
    }
    // The wrong tokens, with a body that is well formed as far as the schema says, and with a malformed one.
    if (op.security?.length) {
      for (const [name, auth] of [['no token', tokens.none], ['forged token', tokens.forged], ['wrong kind of token', wrongKind]] as const) {
        probes.push({ method, path: goodPath, body: base, auth, label: name, tokenOnly: true });
        if (bodySchema) probes.push({ method, path: goodPath, body: { ...(base as object), unknownField: 1 }, auth, label: `${name}, unknown field`, tokenOnly: true });
        for (const bad of BAD_IDS.slice(0, 3)) if (pathParams.length) probes.push({ method, path: docPath.replace(/\{\w+\}/g, bad), body: base, auth, label: `${name}, path ${bad}`, tokenOnly: true });
      }
    }
    // Writes without a body (cancel, ship, stop…) get a good id only without the right token: with it they would really act.
    return probes;
  }

  function resolve(schema: Schema): Schema {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema;
  }

  /** A value the schema accepts, as far as the schema can tell (patterns are not generated). */
  function valid(raw: Schema): unknown {
    const schema = resolve(raw);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum?.length) return schema.enum[0];
    if (schema.type === 'integer' || schema.type === 'number') return Math.max(1, schema.minimum ?? 1);
    if (schema.type === 'boolean') return true;
    if (schema.type === 'string') return schema.format === 'date-time' ? '2031-01-01T00:00:00.000Z' : 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    if (schema.type === 'array') return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => valid(schema.items ?? { type: 'string' }));
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries(schema.properties ?? {})) out[name] = valid(prop);
    return out;
  }

  /** The body with one defect each: a required field missing, an unknown field, and bad values in each field (nested ones too). */
  function mutations(raw: Schema, base: unknown, at = ''): { label: string; body: unknown }[] {
    const schema = resolve(raw);
    const out: { label: string; body: unknown }[] = [];
    if (typeof base !== 'object' || base === null || Array.isArray(base) || !schema.properties) return out;
    const record = base as Record<string, unknown>;
    out.push({ label: `${at}unknown field`, body: { ...record, unknownField: 1 } });
    out.push({ label: `${at}__proto__`, body: JSON.parse(JSON.stringify({ ...record, ['__proto__x']: 1 }).replace('"__proto__x"', '"__proto__"')) as unknown });
    for (const name of schema.required ?? []) {
      const rest = { ...record };
      delete rest[name];
      out.push({ label: `${at}${name} missing`, body: rest });
    }
    for (const [name, propRaw] of Object.entries(schema.properties)) {
      const prop = resolve(propRaw);
      for (const [label, value] of badValues(prop)) out.push({ label: `${at}${name} ${label}`, body: { ...record, [name]: value } });
      const inner = record[name];
      if (prop.type === 'array' && Array.isArray(inner) && inner.length && prop.items) {
        for (const m of mutations(prop.items, inner[0], `${at}${name}[0].`)) out.push({ label: m.label, body: { ...record, [name]: [m.body, ...inner.slice(1)] } });
        for (const [label, value] of badValues(resolve(prop.items))) out.push({ label: `${at}${name}[0] ${label}`, body: { ...record, [name]: [value] } });
      } else if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
        for (const m of mutations(prop, inner, `${at}${name}.`)) out.push({ label: m.label, body: { ...record, [name]: m.body } });
      }
    }
    return out;
  }

  /** Values of the wrong type or out of any sane range for a field. */
  function badValues(prop: Schema): [string, unknown][] {
    const values: [string, unknown][] = [['array for value', [[]]], ['object', { a: 1 }], ['deep', DEEP]];
    if (!prop.nullable) values.push(['null', null]);
    if (prop.type === 'integer' || prop.type === 'number') {
      values.push(['string', '1'], ['huge', 1e308], ['unsafe', 2 ** 53 + 2], ['boolean', true]);
      if (prop.type === 'integer') values.push(['fraction', 1.5]);
      // A negative number may be meant (a stock adjustment); it is wrong only where the document says so.
      if (prop.minimum !== undefined && prop.minimum >= 0) values.push(['negative', -1]);
    } else if (prop.type === 'string') {
      values.push(['number', 12345], ['huge', HUGE_STRING], ['boolean', false]);
      if (prop.format === 'date-time') values.push(['year -1', '-000001-01-01T00:00:00Z'], ['year 9999', '9999-12-31T00:00:00Z'], ['not a date', 'soon'], ['epoch', 0]);
    } else if (prop.type === 'boolean') {
      values.push(['string', 'true'], ['number', 1]);
    } else if (prop.type === 'array') {
      values.push(['object for array', { 0: 1 }], ['string', 'a'], ['huge', Array.from({ length: 10_000 }, () => 1)], ['array of arrays', [[], []]], ['array of nulls', [null]]);
    } else if (prop.type === 'object' || prop.properties) {
      values.push(['array for object', []], ['string', 'a'], ['number', 1]);
    }
    return values;
  }

  /** Row count and a checksum of every table but the attempt records. */
  async function snapshot(): Promise<Record<string, string>> {
    const dataSource = t.app.get(TransactionRunner).dataSource;
    const out: Record<string, string> = {};
    for (const table of dataSource.entityMetadatas.map((m) => m.tableName).filter((n) => !ATTEMPT_RECORDS.has(n)).sort()) {
      const rows = (await dataSource.query(`SELECT * FROM ${table} ORDER BY 1`)) as unknown[];
      out[table] = `${rows.length} ${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
    }
    return out;
  }
});
