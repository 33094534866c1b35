import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export type TestDbKind = 'mysql' | 'sqlite';

/** MariaDB at 127.0.0.1:3306 (root, no password) unless DATABASE_URL names another server. */
export const MYSQL_SERVER_URL = (process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test').replace(/\/[^/?]*(\?.*)?$/, '');

export async function mysqlReachable(): Promise<boolean> {
  try {
    const conn = await createConnection({ uri: `${MYSQL_SERVER_URL}/`, connectTimeout: 1500 });
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

/** TEST_DB chooses; otherwise MariaDB when reachable, else SQLite. */
export async function chooseTestDb(): Promise<TestDbKind> {
  if (process.env.TEST_DB === 'mysql' || process.env.TEST_DB === 'sqlite') return process.env.TEST_DB;
  return (await mysqlReachable()) ? 'mysql' : 'sqlite';
}

export interface FreshDatabase {
  kind: TestDbKind;
  /** Env for the server: DATABASE_URL for MySQL, DATA_DIR for both. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A brand-new, empty database (MySQL schema or SQLite folder) for one test file. */
export async function freshDatabase(kind: TestDbKind): Promise<FreshDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-test-'));
  if (kind === 'sqlite') {
    return { kind, env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `linli_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const conn = await createConnection({ uri: `${MYSQL_SERVER_URL}/` });
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return {
    kind,
    env: { DATABASE_URL: `${MYSQL_SERVER_URL}/${name}`, DATA_DIR: dataDir },
    drop: async () => {
      const c = await createConnection({ uri: `${MYSQL_SERVER_URL}/` });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
