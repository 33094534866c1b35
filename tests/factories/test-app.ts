import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startServer } from '../../server/src/app.factory';
import { AppConfig, loadConfig } from '../../server/src/config/app-config';
import { Factory } from './factory';
import { FreshDatabase, chooseTestDb, freshDatabase } from './test-db';

export interface Shopper {
  userId: number;
  token: string;
  auth: { Authorization: string };
}

export interface TestApp {
  url: string;
  /** The rush's own port (FLASH_PORT), when the test asked for one. */
  flashUrl: string | null;
  app: NestFastifyApplication;
  db: FreshDatabase;
  config: AppConfig;
  /** Every log line the server wrote, for checks that secrets never reach a log. */
  logs: string[];
  factory: Factory;
  http(): ReturnType<typeof request>;
  /** Logs in through the real WeChat code path (the simulator issues the code). */
  loginShopper(openid?: string): Promise<Shopper>;
  loginAdmin(): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

let shopperSeq = 0;

/** Starts the real server on a random port against a fresh database. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await freshDatabase(await chooseTestDb());
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', SWEEP_INTERVAL_SECONDS: '0', LOG_LEVEL: 'info',
    JWT_SECRET: 'test-secret-0123456789abcdef', WECHAT_SECRET: 'test-wechat-secret-xyz', ADMIN_PASSWORD: 'admin-pass-1234',
    DATABASE_POOL_SIZE: '16', PUBLIC_CACHE_TTL_MS: '0', FLASH_MAX_IN_FLIGHT: '100000', FLASH_SHED_LAG_MS: '0', RATE_LIMIT_LOGIN_PER_MINUTE: '100000', RATE_LIMIT_CHECKOUT_PER_MINUTE: '100000', ...db.env, ...env,
  });
  const logs: string[] = [];
  const { app, url, flashUrl } = await startServer(config, { logStream: { write: (line: string) => void logs.push(line) } });
  const http = () => request(url);
  const t: TestApp = {
    url, flashUrl, app, db, config, logs, http,
    factory: new Factory(app),
    async loginShopper(openid = `shopper_${process.pid}_${++shopperSeq}_${Date.now()}`) {
      const { body: codeBody } = await http().post('/sim/wechat/dev/login-code').send({ openid }).expect(200);
      const { body } = await http().post('/api/auth/wechat-login').send({ code: codeBody.code }).expect(200);
      return { userId: body.user.id, token: body.token, auth: { Authorization: `Bearer ${body.token}` } };
    },
    async loginAdmin() {
      const { body } = await http().post('/admin/auth/login').send({ username: 'admin', password: 'admin-pass-1234' }).expect(200);
      return { Authorization: `Bearer ${body.token}` };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
  return t;
}
