import { SHARE_CODE_MAX_LENGTH, SHARE_CODE_PATTERN, chinaDate } from '@linli/shared';
import type { AppConfig } from '../../config/app-config';
import type { RateLimiter } from '../../common/rate-limit';
import type { TransactionRunner } from '../../database/transaction-runner';
import { SharesService } from './shares.service';

const service = (secret: string) => new SharesService({} as TransactionRunner, { jwt: { secret } } as AppConfig, {} as RateLimiter);

describe('share codes', () => {
  const shares = service('unit-secret-0123456789');

  it('encodes an id into a short code that fits a scene and decodes it back', () => {
    for (const id of [1, 35, 36, 123456, 2_147_483_647]) {
      const code = shares.encode(id);
      expect(code.length).toBeLessThanOrEqual(SHARE_CODE_MAX_LENGTH);
      expect(code).toMatch(SHARE_CODE_PATTERN);
      expect(shares.decode(code)).toBe(id);
    }
  });

  it('refuses forged, altered, malformed and other-key codes', () => {
    const code = shares.encode(42);
    const [id, mac] = code.split('.');
    expect(shares.decode(`${(43).toString(36)}.${mac}`)).toBeNull();
    expect(shares.decode(`${id}.${mac.slice(0, -1)}${mac.endsWith('a') ? 'b' : 'a'}`)).toBeNull();
    expect(shares.decode(`${id}.${mac}x`)).toBeNull();
    expect(shares.decode('')).toBeNull();
    expect(shares.decode('0.AAAAAAAAAA')).toBeNull();
    expect(shares.decode(`${(2_147_483_648).toString(36)}.${mac}`)).toBeNull();
    expect(service('another-secret-0123456789').decode(code)).toBeNull();
  });

  it('builds the path each target opens with only the code beside the id', () => {
    expect(shares.pathOf('product', 7, 'abc.0123456789')).toBe('/packages/shop/product/index?id=7&s=abc.0123456789');
    expect(shares.pathOf('group', 3, 'abc.0123456789')).toBe('/packages/group/detail/index?id=3&s=abc.0123456789');
  });

  it('counts days in China time', () => {
    expect(chinaDate(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(chinaDate(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });
});
