import { KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../../config/app-config';
import { WechatPayVerifier } from './wechat-pay.crypto';

/** Everything needed to talk to WeChat Pay as a merchant, and (development only) to play WeChat Pay in the simulator. */
export interface WechatPayKeys {
  mchid: string;
  appid: string;
  merchantSerial: string;
  merchantPrivateKey: KeyObject;
  apiV3Key: Buffer;
  /** Verifies notifications (and responses) from WeChat Pay. */
  verifier: WechatPayVerifier;
  /** Present only with generated development keys: what the simulator signs with and verifies against. */
  simulator: { privateKey: KeyObject; publicKeyId: string; merchantPublicKey: KeyObject } | null;
}

export const WECHAT_PAY_KEYS = Symbol('WECHAT_PAY_KEYS');

/** PEM text as is; anything else is a path to a PEM file. */
function readPem(value: string): string {
  return value.trimStart().startsWith('-----BEGIN') ? value : readFileSync(value, 'utf8');
}

export function loadWechatPayKeys(config: AppConfig): WechatPayKeys {
  const c = config.wechatPay;
  if (c.privateKey && c.merchantSerial && c.apiV3Key) {
    const verifier = new WechatPayVerifier();
    if (c.publicKeyId && c.publicKey) verifier.addPublicKey(c.publicKeyId, readPem(c.publicKey));
    for (const cert of c.platformCerts) verifier.addPlatformCertificate(readPem(cert));
    return {
      mchid: c.mchid, appid: config.wechat.appid, merchantSerial: c.merchantSerial.toUpperCase(), merchantPrivateKey: createPrivateKey(readPem(c.privateKey)),
      apiV3Key: Buffer.from(c.apiV3Key, 'utf8'), verifier, simulator: null,
    };
  }
  if (!config.wechat.simulator) throw new Error('WeChat Pay merchant keys are not configured (WECHATPAY_PRIVATE_KEY, WECHATPAY_MERCHANT_SERIAL, WECHATPAY_APIV3_KEY)');
  return developmentKeys(config);
}

/**
 * Development keys, generated once per data folder so restarts and several local instances agree.
 * The simulator plays WeChat Pay with them: it knows the merchant public key, and signs with its own key.
 */
function developmentKeys(config: AppConfig): WechatPayKeys {
  const dir = join(config.dataDir, 'dev-keys');
  mkdirSync(dir, { recursive: true });
  const pem = (name: string) => {
    const file = join(dir, name);
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      try {
        writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    return createPrivateKey(readFileSync(file, 'utf8'));
  };
  const apiV3File = join(dir, 'apiv3.key');
  if (!existsSync(apiV3File)) {
    try {
      writeFileSync(apiV3File, randomBytes(16).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const merchantPrivateKey = pem('merchant.pem');
  const wechatpayPrivateKey = pem('wechatpay.pem');
  const merchantPublicKey = createPublicKey(merchantPrivateKey);
  const wechatpayPublicKey = createPublicKey(wechatpayPrivateKey);
  const fingerprint = (k: KeyObject) => createHash('sha1').update(k.export({ type: 'spki', format: 'der' })).digest('hex').toUpperCase();
  const publicKeyId = `PUB_KEY_ID_DEV${fingerprint(wechatpayPublicKey).slice(0, 24)}`;
  return {
    mchid: config.wechatPay.mchid,
    appid: config.wechat.appid,
    merchantSerial: fingerprint(merchantPublicKey),
    merchantPrivateKey,
    apiV3Key: Buffer.from(readFileSync(apiV3File, 'utf8').trim(), 'utf8'),
    verifier: new WechatPayVerifier().addPublicKey(publicKeyId, wechatpayPublicKey),
    simulator: { privateKey: wechatpayPrivateKey, publicKeyId, merchantPublicKey },
  };
}
