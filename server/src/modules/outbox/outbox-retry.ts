/** When a failed delivery is tried again, and when it gives up. */
export interface OutboxRetryPolicy {
  /** Delay after the first failure; each later failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many failed attempts a message is dead until an operator retries it. */
  maxAttempts: number;
  /** How long a claim holds a message; longer than any handler takes (WeChat calls time out after 5 s each). */
  leaseMs: number;
}

/** 30 s, 1 min, 2 min … capped at 1 h: 12 attempts span about 5 hours. */
export const OUTBOX_RETRY: OutboxRetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3600_000, maxAttempts: 12, leaseMs: 120_000 };

/** The wait after the `attempt`-th failed attempt (1-based): exponential, capped. */
export function retryDelayMs(attempt: number, policy: OutboxRetryPolicy = OUTBOX_RETRY): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}
