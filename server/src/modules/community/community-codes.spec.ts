import { INVITE_CODE_ALPHABET, PICKUP_CODE_BITS, normalizePickupCode } from '@linli/shared';
import { newInviteCode, newPickupCode } from './community-codes';

describe('pickup codes', () => {
  const codes = Array.from({ length: 20_000 }, newPickupCode);

  it('are 16 digits, accepted by the shared parser, and carry at least 48 bits', () => {
    for (const c of codes.slice(0, 500)) {
      expect(c).toMatch(/^\d{16}$/);
      expect(normalizePickupCode(c)).toBe(c);
    }
    expect(PICKUP_CODE_BITS).toBeGreaterThanOrEqual(48);
  });

  it('do not repeat in 20,000 draws', () => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('spread every digit evenly over every position (chi-square per position, 9 degrees of freedom)', () => {
    const expected = codes.length / 10;
    for (let pos = 0; pos < 16; pos++) {
      const counts = new Array<number>(10).fill(0);
      for (const c of codes) counts[Number(c[pos])]++;
      const chi2 = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
      // p < 0.0001 at 9 dof is 33.7: a biased generator (say, modulo bias or a fixed digit) fails this.
      expect(chi2).toBeLessThan(33.7);
    }
  });

  it('keep leading zeros (the digits are not a number)', () => {
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });
});

describe('staff invite codes', () => {
  it('are 8 characters from the unambiguous alphabet and do not repeat', () => {
    const codes = Array.from({ length: 5000 }, newInviteCode);
    for (const c of codes) expect([...c].every((ch) => INVITE_CODE_ALPHABET.includes(ch)) && c.length === 8).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
