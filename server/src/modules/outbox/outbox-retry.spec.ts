import { OUTBOX_RETRY, retryDelayMs } from './outbox-retry';

describe('retryDelayMs', () => {
  it('doubles from the base delay and stops at the cap', () => {
    const policy = { ...OUTBOX_RETRY, baseDelayMs: 1000, maxDelayMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, policy))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('never overflows for a large attempt count', () => {
    expect(retryDelayMs(10_000)).toBe(OUTBOX_RETRY.maxDelayMs);
  });

  it('gives up within a day with the default policy', () => {
    const total = Array.from({ length: OUTBOX_RETRY.maxAttempts - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(3600_000);
    expect(total).toBeLessThan(24 * 3600_000);
  });
});
