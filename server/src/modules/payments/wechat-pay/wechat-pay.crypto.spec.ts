import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DecryptionError, SignatureVerificationError, WechatPayVerifier, authorizationHeader, decryptResource, encryptResource, parseAuthorization,
  requestPaymentParams, rsaSign, rsaVerify, signMessage,
} from './wechat-pay.crypto';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const wechatpay = generateKeyPairSync('rsa', { modulusLength: 2048 });
const apiV3Key = randomBytes(16).toString('hex'); // 32 ASCII characters, as WeChat issues them
const KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000';

/** Signs a notification the way WeChat Pay does. */
function signedHeaders(body: string, opts: { timestamp?: number; serial?: string; key?: typeof wechatpay.privateKey; signature?: string } = {}) {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonceStr = 'n0nce';
  return {
    'wechatpay-serial': opts.serial ?? KEY_ID,
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonceStr,
    'wechatpay-signature': opts.signature ?? rsaSign(signMessage([timestamp, nonceStr, body]), opts.key ?? wechatpay.privateKey),
  };
}

describe('request signing', () => {
  it('builds the documented message and an Authorization header WeChat can verify', () => {
    expect(signMessage(['GET', '/v3/x', '1', 'n', ''])).toBe('GET\n/v3/x\n1\nn\n\n');
    const header = authorizationHeader({ mchid: '1900000109', serialNo: 'ABC123', privateKey: merchant.privateKey, method: 'post', pathWithQuery: '/v3/pay/transactions/jsapi', body: '{"a":1}', timestamp: '1700000000', nonceStr: 'abc' });
    expect(header).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="abc",signature="[^"]+",timestamp="1700000000",serial_no="ABC123"$/);
    const parsed = parseAuthorization(header)!;
    expect(parsed).toMatchObject({ mchid: '1900000109', nonceStr: 'abc', timestamp: '1700000000', serialNo: 'ABC123' });
    expect(rsaVerify(signMessage(['POST', '/v3/pay/transactions/jsapi', '1700000000', 'abc', '{"a":1}']), parsed.signature, merchant.publicKey)).toBe(true);
    expect(rsaVerify(signMessage(['POST', '/v3/pay/transactions/jsapi', '1700000000', 'abc', '{"a":2}']), parsed.signature, merchant.publicKey)).toBe(false);
    expect(parseAuthorization('Bearer x')).toBeNull();
  });

  it('signs requestPayment parameters over appId, timeStamp, nonceStr and package', () => {
    const p = requestPaymentParams('wxapp', 'wx201410272009395522657a690389285100', merchant.privateKey, '1414561699', 'nonce1');
    expect(p).toMatchObject({ timeStamp: '1414561699', nonceStr: 'nonce1', package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA' });
    expect(rsaVerify('wxapp\n1414561699\nnonce1\nprepay_id=wx201410272009395522657a690389285100\n', p.paySign, merchant.publicKey)).toBe(true);
  });
});

describe('notification verification', () => {
  const verifier = new WechatPayVerifier().addPublicKey(KEY_ID, wechatpay.publicKey);
  const body = '{"id":"EV-1","event_type":"TRANSACTION.SUCCESS"}';
  const reason = (fn: () => void) => {
    try {
      fn();
      return 'accepted';
    } catch (err) {
      return (err as SignatureVerificationError).reason;
    }
  };

  it('accepts a fresh, correctly signed notification (public key mode)', () => {
    expect(reason(() => verifier.verify(signedHeaders(body), body))).toBe('accepted');
  });

  it('refuses a tampered body, a wrong key, a wrong serial, a stale or future timestamp, a probe and missing headers', () => {
    expect(reason(() => verifier.verify(signedHeaders(body), body.replace('EV-1', 'EV-2')))).toBe('bad_signature');
    expect(reason(() => verifier.verify(signedHeaders(body, { key: merchant.privateKey }), body))).toBe('bad_signature');
    expect(reason(() => verifier.verify(signedHeaders(body, { serial: 'PUB_KEY_ID_OTHER' }), body))).toBe('unknown_serial');
    expect(reason(() => verifier.verify(signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 301 }), body))).toBe('stale_timestamp');
    expect(reason(() => verifier.verify(signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) + 301 }), body))).toBe('stale_timestamp');
    expect(reason(() => verifier.verify(signedHeaders(body, { signature: 'WECHATPAY/SIGNTEST/abcdef' }), body))).toBe('probe');
    expect(reason(() => verifier.verify({ 'wechatpay-serial': KEY_ID }, body))).toBe('missing_headers');
  });

  it('verifies with a platform certificate named by its serial', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxpay-cert-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=Tenpay.com Root CA', '-set_serial', '0x5157F09EFDC096DE15EBE81A47057A7232F5D6A3'], { stdio: 'ignore' });
    const certVerifier = new WechatPayVerifier().addPlatformCertificate(readFileSync(join(dir, 'cert.pem'), 'utf8'));
    const certKey = createPublicKey(readFileSync(join(dir, 'cert.pem'), 'utf8'));
    expect(certKey.asymmetricKeyType).toBe('rsa');
    const privateKey = readFileSync(join(dir, 'key.pem'), 'utf8');
    const headers = { ...signedHeaders(body, { serial: '5157F09EFDC096DE15EBE81A47057A7232F5D6A3' }) };
    headers['wechatpay-signature'] = rsaSign(signMessage([headers['wechatpay-timestamp'], headers['wechatpay-nonce'], body]), createPrivateKey(privateKey));
    expect(reason(() => certVerifier.verify(headers, body))).toBe('accepted');
    expect(reason(() => certVerifier.verify({ ...headers, 'wechatpay-serial': '5157F09EFDC096DE15EBE81A47057A7232F5D6A4' }, body))).toBe('unknown_serial');
    expect(reason(() => certVerifier.verify(headers, `${body} `))).toBe('bad_signature');
  });
});

describe('resource decryption', () => {
  const key = Buffer.from(apiV3Key, 'utf8');
  const plain = '{"out_trade_no":"2026","trade_state":"SUCCESS","amount":{"total":100}}';

  it('round-trips with the APIv3 key and the associated data', () => {
    const resource = encryptResource(plain, key, 'transaction', 'transaction');
    expect(decryptResource(resource, key)).toBe(plain);
  });

  it('refuses a bad tag, tampered ciphertext, other associated data and a wrong key', () => {
    const resource = encryptResource(plain, key, 'transaction', 'transaction');
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    const badTag = Buffer.from(bytes);
    badTag[badTag.length - 1] ^= 0xff;
    expect(() => decryptResource({ ...resource, ciphertext: badTag.toString('base64') }, key)).toThrow(DecryptionError);
    const tampered = Buffer.from(bytes);
    tampered[0] ^= 0x01;
    expect(() => decryptResource({ ...resource, ciphertext: tampered.toString('base64') }, key)).toThrow(DecryptionError);
    expect(() => decryptResource({ ...resource, associated_data: 'refund' }, key)).toThrow(DecryptionError);
    expect(() => decryptResource(resource, Buffer.from(randomBytes(16).toString('hex')))).toThrow(DecryptionError);
    expect(() => decryptResource(resource, Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
