import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { isAbsolute, resolve } from 'node:path';
import { isAddressOrRange } from '../common/client-address';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value;

/**
 * Environment variables, validated once at start-up. The property names are the variable names,
 * so a validation message names the variable to fix.
 */
export class EnvVars {
  @IsOptional() @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString()
  HOST = '0.0.0.0';

  /** Folder for the embedded database and generated media. */
  @IsString() @MinLength(1)
  DATA_DIR = 'data';

  /** mysql://user:pass@host:port/db. Without it the embedded SQLite database is used. */
  @IsOptional() @Matches(/^mysql:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/, { message: 'DATABASE_URL must look like mysql://user:pass@host:3306/dbname' })
  DATABASE_URL?: string;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 16;

  /** Seed demo data when the database is empty. Defaults to on for the embedded database only. */
  @IsOptional() @Transform(toBool) @IsBoolean()
  SEED_DEMO?: boolean;

  @IsString() @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET = 'linli-dev-secret-change-me';

  @Transform(toInt) @IsInt() @Min(60)
  JWT_TTL_SECONDS = 7 * 24 * 3600;

  @IsString() @MinLength(1)
  WECHAT_APPID = 'wx0000000000000000';

  @IsString() @MinLength(1)
  WECHAT_SECRET = 'dev-wechat-secret';

  /** Base URL of the WeChat API. Defaults to the built-in simulator outside production. */
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'WECHAT_API_BASE must be an http(s) URL' })
  WECHAT_API_BASE?: string;

  /** Subscription message template for 提醒我 on an upcoming flash item (fields thing1, time2, thing3). */
  @IsOptional() @Matches(/^[\w-]{1,64}$/, { message: 'WECHAT_TEMPLATE_FLASH_START must be a template id' })
  WECHAT_TEMPLATE_FLASH_START?: string;

  /** Subscription message template for 到店提醒 when a pickup order arrives (fields thing1, thing2, thing3, thing4). */
  @IsOptional() @Matches(/^[\w-]{1,64}$/, { message: 'WECHAT_TEMPLATE_PICKUP_READY must be a template id' })
  WECHAT_TEMPLATE_PICKUP_READY?: string;

  /** Subscription message template for a leader's 逾期未取提醒 (fields thing1, thing2, time3, thing4). */
  @IsOptional() @Matches(/^[\w-]{1,64}$/, { message: 'WECHAT_TEMPLATE_PICKUP_OVERDUE must be a template id' })
  WECHAT_TEMPLATE_PICKUP_OVERDUE?: string;

  /** Mounts the local WeChat simulator under /sim/wechat. Refused in production. */
  @IsOptional() @Transform(toBool) @IsBoolean()
  WECHAT_SIMULATOR?: boolean;

  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 60)
  ORDER_PAY_TIMEOUT_MINUTES = 15;

  /** Overrides the minutes above with seconds, for tests and demos of the timeout. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  ORDER_PAY_TIMEOUT_SECONDS?: number;

  @Transform(toInt) @IsInt() @Min(1) @Max(60)
  ORDER_AUTO_COMPLETE_DAYS = 10;

  @Transform(toInt) @IsInt() @Min(0)
  FREIGHT_FLAT_FEN = 800;

  @Transform(toInt) @IsInt() @Min(0)
  FREIGHT_FREE_THRESHOLD_FEN = 9900;

  /** How often the order sweeps run; 0 turns the in-process timer off (a cron can run `cli/sweep`). */
  @Transform(toInt) @IsInt() @Min(0)
  SWEEP_INTERVAL_SECONDS = 15;

  /** Folder of the H5 build to serve at `/`. Empty to serve none. */
  @IsOptional() @IsString()
  H5_DIR?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Operator account created with the demo data. */
  @IsString() @MinLength(3)
  ADMIN_USERNAME = 'admin';

  @IsString() @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD = 'linli-admin-2026';

  /** The address WeChat reaches this server at (https in production); notify URLs are built from it. */
  @IsOptional() @Matches(/^https?:\/\/[^\s?#]+$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL without query' })
  PUBLIC_BASE_URL?: string;

  @IsOptional() @Matches(/^\d{8,12}$/, { message: 'WECHATPAY_MCHID must be 8-12 digits' })
  WECHATPAY_MCHID?: string;

  /** Serial number of the merchant API certificate. */
  @IsOptional() @Matches(/^[0-9A-Fa-f]{8,64}$/, { message: 'WECHATPAY_MERCHANT_SERIAL must be a hex certificate serial' })
  WECHATPAY_MERCHANT_SERIAL?: string;

  /** The merchant private key: PEM text, or a path to a PEM file. */
  @IsOptional() @IsString()
  WECHATPAY_PRIVATE_KEY?: string;

  @IsOptional() @Matches(/^[\x21-\x7e]{32}$/, { message: 'WECHATPAY_APIV3_KEY must be exactly 32 characters' })
  WECHATPAY_APIV3_KEY?: string;

  /** The WeChat Pay public key id (PUB_KEY_ID_…) and key (PEM text or path). */
  @IsOptional() @Matches(/^PUB_KEY_ID_\w+$/, { message: 'WECHATPAY_PUBLIC_KEY_ID must start with PUB_KEY_ID_' })
  WECHATPAY_PUBLIC_KEY_ID?: string;

  @IsOptional() @IsString()
  WECHATPAY_PUBLIC_KEY?: string;

  /** Platform certificates (older merchants): comma-separated PEM file paths. */
  @IsOptional() @IsString()
  WECHATPAY_PLATFORM_CERTS?: string;

  /** Defaults to the built-in simulator outside production (https://api.mch.weixin.qq.com in production). */
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'WECHATPAY_API_BASE must be an http(s) URL' })
  WECHATPAY_API_BASE?: string;

  /** Retry interval for refunds whose API call failed, and age before reconciling a silent prepay. */
  @Transform(toInt) @IsInt() @Min(5)
  PAYMENT_RECONCILE_AFTER_SECONDS = 60;

  /** Logins per minute from one address. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_LOGIN_PER_MINUTE = 60;

  /** Orders placed and payments started per minute by one shopper. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_CHECKOUT_PER_MINUTE = 30;

  /** Redeem-code attempts per minute by one shopper (guessing codes is limited here). */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_REDEEM_PER_MINUTE = 10;

  /** Flash-sale purchase attempts per minute by one shopper, and from one address. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_FLASH_PER_MINUTE = 30;

  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_FLASH_IP_PER_MINUTE = 3000;

  /** Share visits reported per minute from one address (many phones share a carrier's address), and from one device. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_VISIT_IP_PER_MINUTE = 600;

  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_VISIT_DEVICE_PER_MINUTE = 30;

  /** Operator login attempts per minute from one address. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_ADMIN_LOGIN_PER_MINUTE = 10;

  /** Wrong passwords in a row an operator account may have before it is locked. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  ADMIN_LOGIN_FAILURES_BEFORE_LOCK = 5;

  /** The first lock; it doubles with each further wrong password, up to an hour. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  ADMIN_LOGIN_LOCK_SECONDS = 30;

  /** Lifetime of an operator token (shopper tokens use JWT_TTL_SECONDS). */
  @Transform(toInt) @IsInt() @Min(60) @Max(24 * 3600)
  ADMIN_TOKEN_TTL_SECONDS = 3600;

  /**
   * Proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDR ranges (`127.0.0.1,10.0.0.0/8`).
   * Empty: none, and the connecting address is the client, whatever the header says.
   */
  @IsOptional() @IsString()
  TRUST_PROXY = '';

  /** Pickup code tries per verifier (leader or staff) per minute, successful or not. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PICKUP_VERIFIER_PER_MINUTE = 20;

  /** Pickup code tries per store per minute, all its verifiers together. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PICKUP_STORE_PER_MINUTE = 60;

  /** A pickup order waiting at its store longer than this is flagged overdue (never auto-completed). */
  @Transform(toInt) @IsInt() @Min(1) @Max(60)
  PICKUP_OVERDUE_DAYS = 3;

  /** A store leader's commission on the store's pickup orders, basis points of line nets, unless a campaign sets its own. */
  @Transform(toInt) @IsInt() @Min(0) @Max(3000)
  COMMUNITY_LEADER_RATE_BPS = 300;

  /** redis://host:6379/0. With it, the flash sale reserves stock in Redis and writes orders behind a stream. */
  @IsOptional() @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must look like redis://host:6379/0' })
  REDIS_URL?: string;

  /** A flash-sale reservation is released if its order is not paid within this time. */
  @Transform(toInt) @IsInt() @Min(30) @Max(3600)
  FLASH_PAY_TIMEOUT_SECONDS = 300;

  /**
   * Flash purchases one instance works on at once; more are shed with 503 + Retry-After before they cost a body
   * parse or a token check. Below the 256 connections of a rush benchmark (at 256 it never engaged), above the
   * 64-connection success path and the database path's 200-purchase group commit's useful size.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  FLASH_MAX_IN_FLIGHT = 128;

  /**
   * Shed flash purchases (503 + Retry-After, before any work) while this instance's event loop lags more than this
   * many ms on average over the last 100 ms, so browsing keeps being served during a rush. 0 turns it off. Measured
   * on the 2-core bench machine: 0–2 ms idle, 5–40 ms during a 256-connection rush. At 20 ms it turned buyers away
   * in every rush and improved no browsing figure, so the default engages only on a real stall.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(10_000)
  FLASH_SHED_LAG_MS = 100;

  /**
   * A second port on this instance for the rush (the proxy sends `POST /api/flash-sale/purchases` there). Node accepts
   * one new connection per event-loop turn, and a rush opens hundreds at once: on a shared port every new browsing
   * connection waits behind them for seconds. On its own port the rush's connections queue apart. It serves every route.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65_535)
  FLASH_PORT?: number;

  /**
   * On FLASH_PORT, connections read again per event-loop turn after their answer (0: no pacing), so a turn stays
   * short and browsing on the main port is served between. 256 rush connections answered in one turn took ~20 ms.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(100_000)
  FLASH_PORT_PER_TURN = 32;

  /**
   * How long an instance may answer a public read (catalog, product, open groups, flash slots) from memory: the
   * documented bound on how stale stock and prices can be after a purchase or an edit. 0 turns the cache off.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  PUBLIC_CACHE_TTL_MS = 1000;

  /** Overrides the operator's after-sales window (days) before commission settles, in seconds: for tests and demos. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  COMMISSION_SETTLE_WINDOW_SECONDS?: number;

  /** The store's name, as in the mini program's TARO_APP_STORE_NAME (miniapp/config/store.ts): payment descriptions, share images. */
  @IsString() @Length(1, 20)
  STORE_NAME = '邻里优选';

  /** The merchant transfer scene WeChat Pay granted (1005 佣金报酬). */
  @Matches(/^\d{4}$/, { message: 'WECHATPAY_TRANSFER_SCENE_ID must be 4 digits' })
  WECHATPAY_TRANSFER_SCENE_ID = '1005';
}

/** Merchant credentials as given; missing ones mean development keys (see WechatPayKeys). */
export interface WechatPayConfig {
  mchid: string;
  merchantSerial: string | null;
  privateKey: string | null;
  apiV3Key: string | null;
  publicKeyId: string | null;
  publicKey: string | null;
  platformCerts: string[];
  /** null: this server's simulator. */
  apiBase: string | null;
  reconcileAfterSeconds: number;
}

export interface AppConfig {
  env: EnvVars['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  database: { type: 'mysql'; url: string; poolSize: number } | { type: 'sqlite'; file: string };
  seedDemo: boolean;
  jwt: { secret: string; ttlSeconds: number };
  /** apiBase null means this server's own simulator, resolved once the port is known. */
  wechat: { appid: string; secret: string; apiBase: string | null; simulator: boolean; templates: { flashStart: string | null; pickupReady: string | null; pickupOverdue: string | null } };
  orders: { payTimeoutSeconds: number; autoCompleteDays: number; freight: { flatFee: number; freeThreshold: number } };
  sweepIntervalSeconds: number;
  h5Dir: string | null;
  logLevel: string;
  admin: { username: string; password: string };
  /** null: this server's own address once it listens. */
  publicBaseUrl: string | null;
  wechatPay: WechatPayConfig;
  rateLimits: { login: number; checkout: number; redeem: number; flashUser: number; flashIp: number; adminLogin: number; pickupVerifier: number; pickupStore: number; visitIp: number; visitDevice: number };
  adminLogin: { failuresBeforeLock: number; lockSeconds: number; tokenTtlSeconds: number };
  /** Addresses and CIDR ranges of trusted proxies (see ProxyTrust). */
  trustProxy: string[];
  community: { pickupOverdueDays: number; leaderRateBps: number };
  redisUrl: string | null;
  /** port: the rush's own listener (FLASH_PORT), null for none; perTurn: its pacing. */
  flashSale: { payTimeoutSeconds: number; maxInFlight: number; shedLagMs: number; port: number | null; perTurn: number };
  publicCacheTtlMs: number;
  referrals: { settleWindowSeconds: number | null; transferSceneId: string };
  storeName: string;
}

export class ConfigError extends Error {}

/** Validates the environment and returns the typed config, or throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvVars());
  const raw: Record<string, string> = {};
  const optional = ['DATABASE_URL', 'SEED_DEMO', 'WECHAT_API_BASE', 'WECHAT_TEMPLATE_FLASH_START', 'WECHAT_TEMPLATE_PICKUP_READY', 'WECHAT_TEMPLATE_PICKUP_OVERDUE', 'WECHAT_SIMULATOR', 'ORDER_PAY_TIMEOUT_SECONDS', 'H5_DIR', 'PUBLIC_BASE_URL',
    'WECHATPAY_MCHID', 'WECHATPAY_MERCHANT_SERIAL', 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_PUBLIC_KEY_ID', 'WECHATPAY_PUBLIC_KEY', 'WECHATPAY_PLATFORM_CERTS', 'WECHATPAY_API_BASE', 'REDIS_URL', 'COMMISSION_SETTLE_WINDOW_SECONDS', 'FLASH_PORT'];
  for (const key of [...known, ...optional]) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const vars = plainToInstance(EnvVars, raw);
  const errors = validateSync(vars, { whitelist: true });
  const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);

  const production = vars.NODE_ENV === 'production';
  const simulator = vars.WECHAT_SIMULATOR ?? !production;
  if (production && simulator) problems.push('WECHAT_SIMULATOR: the WeChat simulator is for development only and cannot run with NODE_ENV=production');
  if (production && !vars.WECHAT_API_BASE) problems.push('WECHAT_API_BASE: required with NODE_ENV=production (https://api.weixin.qq.com)');
  if (production && vars.WECHAT_API_BASE && /\/sim\/wechat/.test(vars.WECHAT_API_BASE)) {
    problems.push('WECHAT_API_BASE: points at the development simulator, refused with NODE_ENV=production');
  }
  if (production && raw.JWT_SECRET === undefined) problems.push('JWT_SECRET: must be set with NODE_ENV=production');
  if (production) {
    for (const name of ['WECHATPAY_MCHID', 'WECHATPAY_MERCHANT_SERIAL', 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_API_BASE'] as const) {
      if (!vars[name]) problems.push(`${name}: required with NODE_ENV=production`);
    }
    if (!vars.WECHATPAY_PUBLIC_KEY_ID && !vars.WECHATPAY_PLATFORM_CERTS) problems.push('WECHATPAY_PUBLIC_KEY_ID: set it (with WECHATPAY_PUBLIC_KEY) or WECHATPAY_PLATFORM_CERTS with NODE_ENV=production');
    if (!vars.PUBLIC_BASE_URL?.startsWith('https://')) problems.push('PUBLIC_BASE_URL: an https URL is required with NODE_ENV=production (WeChat Pay notifies there)');
  }
  const trustProxy = (vars.TRUST_PROXY ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const badProxies = trustProxy.filter((p) => !isAddressOrRange(p));
  if (badProxies.length) problems.push(`TRUST_PROXY: not an IP address or CIDR range: ${badProxies.join(', ')}`);
  if (vars.WECHATPAY_PUBLIC_KEY_ID && !vars.WECHATPAY_PUBLIC_KEY) problems.push('WECHATPAY_PUBLIC_KEY: required with WECHATPAY_PUBLIC_KEY_ID');
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);

  const dataDir = isAbsolute(vars.DATA_DIR) ? vars.DATA_DIR : resolve(process.cwd(), vars.DATA_DIR);
  const database: AppConfig['database'] = vars.DATABASE_URL
    ? { type: 'mysql', url: vars.DATABASE_URL, poolSize: vars.DATABASE_POOL_SIZE }
    : { type: 'sqlite', file: resolve(dataDir, 'linli.sqlite') };
  return {
    env: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    dataDir,
    database,
    seedDemo: vars.SEED_DEMO ?? database.type === 'sqlite',
    jwt: { secret: vars.JWT_SECRET, ttlSeconds: vars.JWT_TTL_SECONDS },
    wechat: {
      appid: vars.WECHAT_APPID,
      secret: vars.WECHAT_SECRET,
      apiBase: vars.WECHAT_API_BASE ? vars.WECHAT_API_BASE.replace(/\/$/, '') : null,
      simulator,
      // Outside production a development template id lets the simulator take the messages.
      templates: { flashStart: vars.WECHAT_TEMPLATE_FLASH_START ?? (production ? null : 'dev-flash-start'), pickupReady: vars.WECHAT_TEMPLATE_PICKUP_READY ?? (production ? null : 'dev-pickup-ready'),
        pickupOverdue: vars.WECHAT_TEMPLATE_PICKUP_OVERDUE ?? (production ? null : 'dev-pickup-overdue') },
    },
    orders: {
      payTimeoutSeconds: vars.ORDER_PAY_TIMEOUT_SECONDS ?? vars.ORDER_PAY_TIMEOUT_MINUTES * 60,
      autoCompleteDays: vars.ORDER_AUTO_COMPLETE_DAYS,
      freight: { flatFee: vars.FREIGHT_FLAT_FEN, freeThreshold: vars.FREIGHT_FREE_THRESHOLD_FEN },
    },
    sweepIntervalSeconds: vars.SWEEP_INTERVAL_SECONDS,
    h5Dir: vars.H5_DIR ? resolve(vars.H5_DIR) : null,
    logLevel: vars.LOG_LEVEL,
    admin: { username: vars.ADMIN_USERNAME, password: vars.ADMIN_PASSWORD },
    publicBaseUrl: vars.PUBLIC_BASE_URL?.replace(/\/$/, '') ?? null,
    wechatPay: {
      mchid: vars.WECHATPAY_MCHID ?? '1900000109',
      merchantSerial: vars.WECHATPAY_MERCHANT_SERIAL ?? null,
      privateKey: vars.WECHATPAY_PRIVATE_KEY ?? null,
      apiV3Key: vars.WECHATPAY_APIV3_KEY ?? null,
      publicKeyId: vars.WECHATPAY_PUBLIC_KEY_ID ?? null,
      publicKey: vars.WECHATPAY_PUBLIC_KEY ?? null,
      platformCerts: vars.WECHATPAY_PLATFORM_CERTS ? vars.WECHATPAY_PLATFORM_CERTS.split(',').map((p) => p.trim()).filter(Boolean) : [],
      apiBase: vars.WECHATPAY_API_BASE?.replace(/\/$/, '') ?? null,
      reconcileAfterSeconds: vars.PAYMENT_RECONCILE_AFTER_SECONDS,
    },
    rateLimits: {
      login: vars.RATE_LIMIT_LOGIN_PER_MINUTE, checkout: vars.RATE_LIMIT_CHECKOUT_PER_MINUTE, redeem: vars.RATE_LIMIT_REDEEM_PER_MINUTE,
      flashUser: vars.RATE_LIMIT_FLASH_PER_MINUTE, flashIp: vars.RATE_LIMIT_FLASH_IP_PER_MINUTE, adminLogin: vars.RATE_LIMIT_ADMIN_LOGIN_PER_MINUTE,
      pickupVerifier: vars.RATE_LIMIT_PICKUP_VERIFIER_PER_MINUTE, pickupStore: vars.RATE_LIMIT_PICKUP_STORE_PER_MINUTE,
      visitIp: vars.RATE_LIMIT_VISIT_IP_PER_MINUTE, visitDevice: vars.RATE_LIMIT_VISIT_DEVICE_PER_MINUTE,
    },
    adminLogin: { failuresBeforeLock: vars.ADMIN_LOGIN_FAILURES_BEFORE_LOCK, lockSeconds: vars.ADMIN_LOGIN_LOCK_SECONDS, tokenTtlSeconds: vars.ADMIN_TOKEN_TTL_SECONDS },
    trustProxy,
    community: { pickupOverdueDays: vars.PICKUP_OVERDUE_DAYS, leaderRateBps: vars.COMMUNITY_LEADER_RATE_BPS },
    redisUrl: vars.REDIS_URL ?? null,
    flashSale: { payTimeoutSeconds: vars.FLASH_PAY_TIMEOUT_SECONDS, maxInFlight: vars.FLASH_MAX_IN_FLIGHT, shedLagMs: vars.FLASH_SHED_LAG_MS, port: vars.FLASH_PORT ?? null, perTurn: vars.FLASH_PORT_PER_TURN },
    publicCacheTtlMs: vars.PUBLIC_CACHE_TTL_MS,
    referrals: { settleWindowSeconds: vars.COMMISSION_SETTLE_WINDOW_SECONDS ?? null, transferSceneId: vars.WECHATPAY_TRANSFER_SCENE_ID },
    storeName: vars.STORE_NAME,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
