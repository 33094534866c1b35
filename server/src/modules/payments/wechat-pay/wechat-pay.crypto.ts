import { KeyObject, X509Certificate, createCipheriv, createDecipheriv, createPublicKey, createSign, createVerify, randomBytes } from 'node:crypto';

/** WeChat Pay API v3 cryptography with node:crypto only: SHA256withRSA signatures and AEAD_AES_256_GCM resources. */

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
export const PUBLIC_KEY_ID_PREFIX = 'PUB_KEY_ID_';
export const PROBE_SIGNATURE_PREFIX = 'WECHATPAY/SIGNTEST/';
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** Each part on its own line, every line ending in \n (an empty body keeps its empty line). */
export function signMessage(parts: string[]): string {
  return parts.map((p) => `${p}\n`).join('');
}

export function rsaSign(message: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');
}

export function rsaVerify(message: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message).verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

export const nonce = (): string => randomBytes(16).toString('hex');
export const unixSeconds = (date = new Date()): string => String(Math.floor(date.getTime() / 1000));

/** The `Authorization` header of a merchant request to WeChat Pay. */
export function authorizationHeader(input: {
  mchid: string;
  serialNo: string;
  privateKey: KeyObject;
  method: string;
  /** Path and query as WeChat sees them, e.g. `/v3/pay/transactions/jsapi`. */
  pathWithQuery: string;
  body: string;
  timestamp?: string;
  nonceStr?: string;
}): string {
  const timestamp = input.timestamp ?? unixSeconds();
  const nonceStr = input.nonceStr ?? nonce();
  const signature = rsaSign(signMessage([input.method.toUpperCase(), input.pathWithQuery, timestamp, nonceStr, input.body]), input.privateKey);
  return `${AUTH_SCHEMA} mchid="${input.mchid}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${input.serialNo}"`;
}

export interface ParsedAuthorization {
  mchid: string;
  nonceStr: string;
  signature: string;
  timestamp: string;
  serialNo: string;
}

export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return null;
  const fields = Object.fromEntries([...header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields;
  return mchid && nonce_str && signature && timestamp && serial_no ? { mchid, nonceStr: nonce_str, signature, timestamp, serialNo: serial_no } : null;
}

/** What the mini program passes to `wx.requestPayment`; `paySign` covers appId, timeStamp, nonceStr and package. */
export function requestPaymentParams(appid: string, prepayId: string, privateKey: KeyObject, timestamp = unixSeconds(), nonceStr = nonce()) {
  const pkg = `prepay_id=${prepayId}`;
  return { timeStamp: timestamp, nonceStr, package: pkg, signType: 'RSA' as const, paySign: rsaSign(signMessage([appid, timestamp, nonceStr, pkg]), privateKey) };
}

export type VerifyFailure = 'missing_headers' | 'probe' | 'unknown_serial' | 'stale_timestamp' | 'bad_signature';

export class SignatureVerificationError extends Error {
  constructor(readonly reason: VerifyFailure) {
    super(`WeChat Pay signature refused: ${reason}`);
  }
}

/** The keys that may sign WeChat Pay messages: the `PUB_KEY_ID_…` public key and/or platform certificates, by serial. */
export class WechatPayVerifier {
  private readonly keys = new Map<string, KeyObject>();

  addPublicKey(keyId: string, publicKey: KeyObject | string): this {
    if (!keyId.startsWith(PUBLIC_KEY_ID_PREFIX)) throw new Error(`a WeChat Pay public key id starts with ${PUBLIC_KEY_ID_PREFIX}`);
    this.keys.set(keyId, typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey);
    return this;
  }

  /** A platform certificate (PEM); its serial number names it. */
  addPlatformCertificate(pem: string): this {
    const cert = new X509Certificate(pem);
    this.keys.set(cert.serialNumber.toUpperCase(), cert.publicKey);
    return this;
  }

  get serials(): string[] {
    return [...this.keys.keys()];
  }

  /**
   * Checks `Wechatpay-Signature` over `timestamp\nnonce\nbody\n` with the key its serial names.
   * Refuses probes (WECHATPAY/SIGNTEST/), unknown serials and timestamps more than 5 minutes off.
   */
  verify(headers: Record<string, string | string[] | undefined>, body: string, now = new Date()): void {
    const get = (name: string) => {
      const v = headers[name] ?? headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    const serial = get('wechatpay-serial');
    const signature = get('wechatpay-signature');
    const timestamp = get('wechatpay-timestamp');
    const nonceStr = get('wechatpay-nonce');
    if (!serial || !signature || !timestamp || !nonceStr) throw new SignatureVerificationError('missing_headers');
    if (signature.startsWith(PROBE_SIGNATURE_PREFIX)) throw new SignatureVerificationError('probe');
    const key = this.keys.get(serial.startsWith(PUBLIC_KEY_ID_PREFIX) ? serial : serial.toUpperCase());
    if (!key) throw new SignatureVerificationError('unknown_serial');
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
      throw new SignatureVerificationError('stale_timestamp');
    }
    if (!rsaVerify(signMessage([timestamp, nonceStr, body]), signature, key)) throw new SignatureVerificationError('bad_signature');
  }
}

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type: string;
}

export class DecryptionError extends Error {}

/** AES-256-GCM with the APIv3 key; the last 16 bytes of the ciphertext are the tag, and it is checked. */
export function decryptResource(resource: Pick<EncryptedResource, 'ciphertext' | 'associated_data' | 'nonce'>, apiV3Key: Buffer): string {
  if (apiV3Key.length !== 32) throw new DecryptionError('the APIv3 key must be 32 bytes');
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new DecryptionError('ciphertext too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(resource.nonce, 'utf8'));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('AES-GCM authentication failed');
  }
}

/** The simulator's side (and tests'): encrypts a resource the way WeChat Pay does. */
export function encryptResource(plaintext: string, apiV3Key: Buffer, associatedData: string, originalType: string, nonceStr = randomBytes(6).toString('hex')): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', apiV3Key, Buffer.from(nonceStr, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: body.toString('base64'), associated_data: associatedData, nonce: nonceStr, original_type: originalType };
}
