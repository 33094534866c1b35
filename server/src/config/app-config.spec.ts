import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite database with demo data and the simulator', () => {
    const c = loadConfig({});
    expect(c.database.type).toBe('sqlite');
    expect(c.seedDemo).toBe(true);
    expect(c.wechat).toMatchObject({ simulator: true, apiBase: null });
    expect(c.orders).toMatchObject({ payTimeoutSeconds: 900, autoCompleteDays: 10, freight: { flatFee: 800, freeThreshold: 9900 } });
  });

  it('uses MySQL when DATABASE_URL is set, without demo data unless asked', () => {
    const c = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/linli', SEED_DEMO: '' });
    expect(c.database).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/linli', poolSize: 16 });
    expect(c.seedDemo).toBe(false);
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x/y', ORDER_PAY_TIMEOUT_MINUTES: '0' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x/y', JWT_SECRET: 'short' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/JWT_SECRET/);
    }
  });

  it('reads TRUST_PROXY as addresses and CIDR ranges, trusting none by default', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    for (const bad of ['true', 'loopback', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });

  it('refuses the WeChat simulator and dev defaults in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/WECHAT_API_BASE[\s\S]*JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', WECHAT_SIMULATOR: 'true' })).toThrow(/WECHAT_SIMULATOR: the WeChat simulator is for development only/);
    expect(() => loadConfig({ NODE_ENV: 'production', WECHAT_API_BASE: 'http://127.0.0.1:3000/sim/wechat', JWT_SECRET: 'a-very-long-production-secret', WECHAT_SIMULATOR: 'false' })).toThrow(/points at the development simulator/);
    expect(() => loadConfig({ NODE_ENV: 'production', WECHAT_API_BASE: 'https://api.weixin.qq.com/', JWT_SECRET: 'a-very-long-production-secret' })).toThrow(/WECHATPAY_MCHID[\s\S]*PUBLIC_BASE_URL/);
    const ok = loadConfig({
      NODE_ENV: 'production', WECHAT_API_BASE: 'https://api.weixin.qq.com/', JWT_SECRET: 'a-very-long-production-secret', PUBLIC_BASE_URL: 'https://shop.example.com',
      WECHATPAY_MCHID: '1900000109', WECHATPAY_MERCHANT_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F5D6A3', WECHATPAY_PRIVATE_KEY: '/etc/linli/apiclient_key.pem',
      WECHATPAY_APIV3_KEY: 'abcdefghijklmnopqrstuvwxyz012345', WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_01142321349124100000', WECHATPAY_PUBLIC_KEY: '/etc/linli/pub_key.pem',
      WECHATPAY_API_BASE: 'https://api.mch.weixin.qq.com',
    });
    expect(ok.wechat).toMatchObject({ simulator: false, apiBase: 'https://api.weixin.qq.com' });
    expect(ok.wechatPay).toMatchObject({ mchid: '1900000109', apiBase: 'https://api.mch.weixin.qq.com', publicKeyId: 'PUB_KEY_ID_01142321349124100000' });
    expect(() => loadConfig({ WECHATPAY_APIV3_KEY: 'short' })).toThrow(/WECHATPAY_APIV3_KEY must be exactly 32 characters/);
  });
});
