import fc from 'fast-check';
import {
  CommissionFigures, DEFAULT_REFERRAL_SETTINGS, applyLineRefund, bindingActive, bindingRefusal, cumulativeReversal, levelRates, lineCommission,
  nextCommissionState, referralSettingsProblems, withdrawalProblem,
} from './referrals';

const day = 86_400_000;

describe('commission ledger machine', () => {
  it('pending settles or is reversed; settled and reversed are final', () => {
    expect(nextCommissionState('pending', 'settle')).toBe('settled');
    expect(nextCommissionState('pending', 'reverse_all')).toBe('reversed');
    expect(nextCommissionState('settled', 'reverse_all')).toBeNull();
    expect(nextCommissionState('settled', 'settle')).toBeNull();
    expect(nextCommissionState('reversed', 'settle')).toBeNull();
  });

  it('commission is the line net × rate, rounded down; freight is never in a line', () => {
    expect(lineCommission(1990, 500)).toBe(99);
    expect(lineCommission(0, 500)).toBe(0);
    expect(() => lineCommission(10.5, 500)).toThrow();
    expect(() => lineCommission(100, 5001)).toThrow();
  });

  it('depth 1 pays one level, depth 2 two; a product rate replaces the default at level 1', () => {
    expect(levelRates({ ...DEFAULT_REFERRAL_SETTINGS, depth: 1 }, null)).toEqual([500]);
    expect(levelRates({ ...DEFAULT_REFERRAL_SETTINGS, depth: 2 }, 800)).toEqual([800, 200]);
  });

  it('a partial refund before settling reverses proportionally and keeps the entry pending', () => {
    const e: CommissionFigures = { state: 'pending', amount: 100, lineNet: 2000, refundedOfLine: 0, taken: 0 };
    const r = applyLineRefund(e, 500);
    expect(r).toMatchObject({ delta: 25, kind: 'reversal', next: { state: 'pending', taken: 25 } });
    const r2 = applyLineRefund(r.next, 1500);
    expect(r2).toMatchObject({ delta: 75, kind: 'reversal', next: { state: 'reversed', taken: 100 } });
  });

  it('a refund after settling is a clawback; the entry stays settled', () => {
    const r = applyLineRefund({ state: 'settled', amount: 99, lineNet: 1990, refundedOfLine: 0, taken: 0 }, 1990);
    expect(r).toMatchObject({ delta: 99, kind: 'clawback', next: { state: 'settled', taken: 99 } });
    expect(applyLineRefund(r.next, 10).delta).toBe(0);
  });

  it('reversals over any sequence of partial refunds add up to exactly the commission, never more', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 5000 }), fc.array(fc.integer({ min: 0, max: 400_000 }), { maxLength: 12 }),
      fc.array(fc.constantFrom('settle', 'none'), { maxLength: 12 }),
      (lineNet, rate, refunds, settles) => {
        const amount = lineCommission(lineNet, rate);
        let e: CommissionFigures = { state: 'pending', amount, lineNet, refundedOfLine: 0, taken: 0 };
        let reversed = 0;
        let clawed = 0;
        refunds.forEach((refund, i) => {
          if (settles[i] === 'settle' && e.state === 'pending') e = { ...e, state: 'settled' };
          const r = applyLineRefund(e, refund);
          if (r.kind === 'reversal') reversed += r.delta;
          if (r.kind === 'clawback') clawed += r.delta;
          e = r.next;
        });
        expect(reversed + clawed).toBe(e.taken);
        expect(e.taken).toBeLessThanOrEqual(amount);
        if (e.refundedOfLine >= lineNet) expect(e.taken).toBe(amount);
        expect(e.taken).toBe(cumulativeReversal(amount, lineNet, e.refundedOfLine));
        if (e.state === 'reversed') expect(clawed).toBe(0);
      },
    ));
  });
});

describe('withdrawal rules', () => {
  const s = { withdrawMin: 100, withdrawDailyLimit: 1000 };
  it('refuses a negative balance first, then the minimum, the balance and the daily limit', () => {
    expect(withdrawalProblem({ balance: -1 }, 100, s, 0)).toBe('negative_balance');
    expect(withdrawalProblem({ balance: 500 }, 99, s, 0)).toBe('below_minimum');
    expect(withdrawalProblem({ balance: 500 }, 501, s, 0)).toBe('insufficient_balance');
    expect(withdrawalProblem({ balance: 5000 }, 600, s, 500)).toBe('daily_limit');
    expect(withdrawalProblem({ balance: 500 }, 500, s, 0)).toBeNull();
    expect(withdrawalProblem({ balance: 500 }, 1.5, s, 0)).toBe('amount');
  });
});

describe('settings limits', () => {
  it('refuses depth above 2 and rates beyond 50%', () => {
    expect(referralSettingsProblems(DEFAULT_REFERRAL_SETTINGS)).toEqual([]);
    expect(referralSettingsProblems({ ...DEFAULT_REFERRAL_SETTINGS, depth: 3 as 2 })).toContain('depth must be 1 or 2');
    expect(referralSettingsProblems({ ...DEFAULT_REFERRAL_SETTINGS, depth: 2, defaultRateBps: 4000, level2RateBps: 2000 }).length).toBe(1);
  });
});

describe('binding rules', () => {
  const s = { protectionDays: 30, lapseDays: 90 };
  const boundAt = new Date('2026-01-01T00:00:00Z');
  it('holds through protection, then until the lapse period passes without a purchase through the referrer', () => {
    const b = { boundAt, lastActivityAt: boundAt };
    expect(bindingActive(b, s, new Date(boundAt.getTime() + 29 * day))).toBe(true);
    expect(bindingActive(b, s, new Date(boundAt.getTime() + 119 * day))).toBe(true);
    expect(bindingActive(b, s, new Date(boundAt.getTime() + 121 * day))).toBe(false);
    const bought = { boundAt, lastActivityAt: new Date(boundAt.getTime() + 100 * day) };
    expect(bindingActive(bought, s, new Date(boundAt.getTime() + 180 * day))).toBe(true);
    expect(bindingActive(bought, s, new Date(boundAt.getTime() + 191 * day))).toBe(false);
    expect(bindingActive(b, { protectionDays: 30, lapseDays: 0 }, new Date(boundAt.getTime() + 5000 * day))).toBe(true);
  });

  it('refuses self-referral and a cycle anywhere up the chain', () => {
    expect(bindingRefusal(1, 1, [])).toBe('self');
    expect(bindingRefusal(1, 2, [3, 4, 1])).toBe('cycle');
    expect(bindingRefusal(1, 2, [3, 4])).toBeNull();
  });
});
