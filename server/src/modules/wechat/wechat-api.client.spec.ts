import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../config/app-config';
import { SelfUrl } from '../../common/self-url';
import { WechatApiClient } from './wechat-api.client';
import { WechatError } from './wechat.errors';

describe('WechatApiClient.code2Session', () => {
  let server: Server;
  let answer: (url: URL) => [number, unknown];
  let client: WechatApiClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const [status, body] = answer(new URL(req.url!, 'http://x'));
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const config = loadConfig({ WECHAT_API_BASE: `http://127.0.0.1:${port}`, WECHAT_APPID: 'wxapp', WECHAT_SECRET: 'shh' });
    client = new WechatApiClient(config, new SelfUrl(config));
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('sends the documented query and returns the session', async () => {
    let seen: URL | undefined;
    answer = (url) => ((seen = url), [200, { openid: 'o1', session_key: 'k1', unionid: 'u1' }]);
    await expect(client.code2Session('c0de')).resolves.toEqual({ openid: 'o1', sessionKey: 'k1', unionid: 'u1' });
    expect(seen?.pathname).toBe('/sns/jscode2session');
    expect(Object.fromEntries(seen!.searchParams)).toEqual({ appid: 'wxapp', secret: 'shh', js_code: 'c0de', grant_type: 'authorization_code' });
  });

  it.each([
    [40029, 401, 'WECHAT_CODE_INVALID'],
    [40163, 401, 'WECHAT_CODE_INVALID'],
    [-1, 503, 'WECHAT_BUSY'],
    [45011, 429, 'TOO_MANY_REQUESTS'],
    [40226, 403, 'WECHAT_REJECTED'],
  ])('maps errcode %d to %d %s', async (errcode, status, code) => {
    answer = () => [200, { errcode, errmsg: 'x' }];
    await expect(client.code2Session('c')).rejects.toMatchObject({ status, code });
  });

  it('answers 503 when WeChat cannot be reached or answers garbage, without leaking the URL', async () => {
    answer = () => [500, {}];
    const err = await client.code2Session('c').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatError);
    expect(err).toMatchObject({ status: 503 });
    expect((err as Error).message).not.toContain('shh');
  });
});
