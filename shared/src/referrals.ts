/**
 * Referrals and commission (分享, 分销): the pure rules both ends agree on. The commission ledger's state machine,
 * commission on a line's net paid amount, proportional reversal for partial refunds, the binding rules in time,
 * and the chain check for cycles. No I/O here: the server applies these inside its transactions.
 */

/** What a share points at. */
export const SHARE_TARGETS = ['product', 'group', 'red_packet', 'store', 'campaign'] as const;
export type ShareTarget = (typeof SHARE_TARGETS)[number];

/** How a share left the app: a chat card, Moments (timeline), or a poster with a mini program code. */
export const SHARE_CHANNELS = ['chat', 'moments', 'poster'] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

/** A share code fits a mini program code's `scene` (≤ 32 visible characters) and the query of a share path. */
export const SHARE_CODE_PATTERN = /^[0-9a-z]{1,10}\.[0-9A-Za-z]{10}$/;
export const SHARE_CODE_MAX_LENGTH = 32;

/** Binding modes: only shoppers who have never paid an order, or anyone who has no referrer. */
export const BIND_MODES = ['new_only', 'anyone_unbound'] as const;
export type BindMode = (typeof BIND_MODES)[number];

/** The deepest commission WeChat's rules and China's anti-pyramid regulation allow us: never more than 2. */
export const MAX_COMMISSION_DEPTH = 2;

/** Rates are basis points of a line's net amount: 1000 = 10%. The settings refuse more than 50%. */
export const MAX_RATE_BPS = 5000;

export interface ReferralSettings {
  /** 1 by default; 2 only when the operator enables it; never more. */
  depth: 1 | 2;
  /** Level-1 rate for products without their own rate. */
  defaultRateBps: number;
  /** Level-2 rate (used only with depth 2). */
  level2RateBps: number;
  bindMode: BindMode;
  /** A binding cannot change within this many days of being made. */
  protectionDays: number;
  /** After protection, a binding lapses when the shopper buys nothing through the referrer for this many days; 0 never. */
  lapseDays: number;
  /** Orders are attributed to the last share visited within this many days. */
  attributionDays: number;
  /** Commission settles this many days after the order completes (the after-sales window). */
  settleWindowDays: number;
  /** Applications approved at once, or left for an operator. */
  autoApprove: boolean;
  /** The smallest withdrawal, in fen. */
  withdrawMin: number;
  /** The most one distributor may withdraw in a (China) day, in fen. */
  withdrawDailyLimit: number;
}

export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = {
  depth: 1, defaultRateBps: 500, level2RateBps: 200, bindMode: 'anyone_unbound', protectionDays: 30, lapseDays: 90, attributionDays: 7,
  settleWindowDays: 7, autoApprove: true, withdrawMin: 100, withdrawDailyLimit: 500_000,
};

/** Settings errors, empty when valid. The server refuses a save with any. */
export function referralSettingsProblems(s: ReferralSettings): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(s.depth) || s.depth < 1 || s.depth > MAX_COMMISSION_DEPTH) problems.push('depth must be 1 or 2');
  for (const [k, v] of [['defaultRateBps', s.defaultRateBps], ['level2RateBps', s.level2RateBps]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > MAX_RATE_BPS) problems.push(`${k} must be 0..${MAX_RATE_BPS}`);
  }
  if (s.defaultRateBps + (s.depth === 2 ? s.level2RateBps : 0) > MAX_RATE_BPS) problems.push('rates together must not exceed 50%');
  if (!Number.isInteger(s.withdrawMin) || s.withdrawMin < 1) problems.push('withdrawMin must be at least 1 fen');
  if (!Number.isInteger(s.withdrawDailyLimit) || s.withdrawDailyLimit < s.withdrawMin) problems.push('withdrawDailyLimit must be at least withdrawMin');
  return problems;
}

// ───────────────────────────── distributors ─────────────────────────────

export const DistributorStatus = { Reviewing: 'reviewing', Approved: 'approved', Rejected: 'rejected', Disabled: 'disabled' } as const;
export type DistributorStatus = (typeof DistributorStatus)[keyof typeof DistributorStatus];
export const DISTRIBUTOR_STATUSES: readonly DistributorStatus[] = Object.values(DistributorStatus);

const DISTRIBUTOR_TRANSITIONS: Record<'approve' | 'reject' | 'disable' | 'reapply', { from: readonly DistributorStatus[]; to: DistributorStatus }> = {
  approve: { from: ['reviewing', 'disabled'], to: 'approved' },
  reject: { from: ['reviewing'], to: 'rejected' },
  disable: { from: ['approved', 'reviewing'], to: 'disabled' },
  reapply: { from: ['rejected'], to: 'reviewing' },
};
export type DistributorEvent = keyof typeof DISTRIBUTOR_TRANSITIONS;
export function distributorTransition(event: DistributorEvent): { from: readonly DistributorStatus[]; to: DistributorStatus } {
  return DISTRIBUTOR_TRANSITIONS[event];
}

// ───────────────────────────── the ledger ─────────────────────────────

/**
 * A commission entry's state. `pending` at payment (visible, not withdrawable); `settled` when the order completed
 * and its after-sales window closed (its remainder moves to the withdrawable balance); `reversed` when refunds
 * before settling took all of it. A partial refund before settling keeps the entry pending with a smaller remainder.
 * A refund after settling leaves the entry settled and writes a `clawback` entry against the balance.
 */
export const CommissionState = { Pending: 'pending', Settled: 'settled', Reversed: 'reversed' } as const;
export type CommissionState = (typeof CommissionState)[keyof typeof CommissionState];

/**
 * The kinds of ledger rows. Commission is positive; reversal and clawback are negative. `packet` (negative) and
 * `packet_return` (positive) are red packets funded from the balance and their unclaimed value coming back; they are
 * listed with the ledger but are not commission.
 */
export const LEDGER_KINDS = ['commission', 'reversal', 'clawback', 'packet', 'packet_return'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export type CommissionEvent = 'settle' | 'reverse_all';
const COMMISSION_TRANSITIONS: Record<CommissionEvent, { from: readonly CommissionState[]; to: CommissionState }> = {
  settle: { from: ['pending'], to: 'settled' },
  reverse_all: { from: ['pending'], to: 'reversed' },
};
export function commissionTransition(event: CommissionEvent): { from: readonly CommissionState[]; to: CommissionState } {
  return COMMISSION_TRANSITIONS[event];
}
export function nextCommissionState(state: CommissionState, event: CommissionEvent): CommissionState | null {
  const t = COMMISSION_TRANSITIONS[event];
  return t.from.includes(state) ? t.to : null;
}

/** Commission on one line: its net paid amount (freight is never in a line) × rate, rounded down to the fen. */
export function lineCommission(netAmount: number, rateBps: number): number {
  if (!Number.isSafeInteger(netAmount) || netAmount < 0) throw new RangeError(`net amount must be non-negative integer fen, got ${netAmount}`);
  if (!Number.isInteger(rateBps) || rateBps < 0 || rateBps > MAX_RATE_BPS) throw new RangeError(`rate out of range: ${rateBps}`);
  return Math.floor((netAmount * rateBps) / 10_000);
}

/** The rate of each level for a product: its own level-1 rate or the default; level 2 only with depth 2. */
export function levelRates(settings: Pick<ReferralSettings, 'depth' | 'defaultRateBps' | 'level2RateBps'>, productRateBps: number | null): number[] {
  const rates = [productRateBps ?? settings.defaultRateBps];
  if (settings.depth === 2) rates.push(settings.level2RateBps);
  return rates.slice(0, MAX_COMMISSION_DEPTH);
}

/**
 * How much of a commission is taken back after refunds of its line, cumulatively: the commission × refunded/net,
 * rounded down, and all of it once the whole line is refunded. Computing the cumulative figure (not each refund's
 * share) keeps the reversals adding up exactly to the commission whatever the number of partial refunds.
 */
export function cumulativeReversal(commission: number, lineNet: number, refundedOfLine: number): number {
  if (lineNet <= 0 || refundedOfLine >= lineNet) return commission;
  if (refundedOfLine <= 0) return 0;
  return Math.floor((commission * refundedOfLine) / lineNet);
}

/** One commission entry's figures. `taken` is what reversals and clawbacks took back in total. */
export interface CommissionFigures {
  state: CommissionState;
  amount: number;
  lineNet: number;
  refundedOfLine: number;
  taken: number;
}

/** What a refund of `refund` fen of the line does to an entry: the amount to take back and where it comes from. */
export function applyLineRefund(e: CommissionFigures, refund: number): { delta: number; kind: 'reversal' | 'clawback' | null; next: CommissionFigures } {
  const refundedOfLine = Math.min(e.lineNet, e.refundedOfLine + Math.max(0, refund));
  const taken = cumulativeReversal(e.amount, e.lineNet, refundedOfLine);
  const delta = Math.max(0, taken - e.taken);
  const state: CommissionState = e.state === 'pending' && taken >= e.amount ? 'reversed' : e.state;
  const kind = delta === 0 ? null : e.state === 'settled' ? 'clawback' : e.state === 'pending' ? 'reversal' : null;
  return { delta: kind ? delta : 0, kind, next: { ...e, refundedOfLine, taken: kind ? taken : e.taken, state } };
}

/** A distributor's money by bucket. `balance` (withdrawable) may go below zero after clawbacks. */
export interface DistributorBalances {
  pending: number;
  balance: number;
  frozen: number;
  withdrawn: number;
}

/** Withdrawing is blocked while the balance is negative, and never allowed beyond it. Buying is never blocked. */
export function withdrawalProblem(b: Pick<DistributorBalances, 'balance'>, amount: number, s: Pick<ReferralSettings, 'withdrawMin' | 'withdrawDailyLimit'>, withdrawnToday: number): string | null {
  if (!Number.isSafeInteger(amount) || amount < 1) return 'amount';
  if (b.balance < 0) return 'negative_balance';
  if (amount < s.withdrawMin) return 'below_minimum';
  if (amount > b.balance) return 'insufficient_balance';
  if (withdrawnToday + amount > s.withdrawDailyLimit) return 'daily_limit';
  return null;
}

// ───────────────────────────── withdrawals ─────────────────────────────

/**
 * reviewing → approved (operator) → transferring (WeChat accepted the bill; the shopper may need to confirm)
 * → paid | failed (money back to the balance); reviewing → rejected (money back). A transfer call that never got an
 * answer leaves the withdrawal `approved`: a retry resends the same out_bill_no, which WeChat pays at most once.
 */
export const WithdrawalStatus = { Reviewing: 'reviewing', Approved: 'approved', Transferring: 'transferring', Paid: 'paid', Failed: 'failed', Rejected: 'rejected' } as const;
export type WithdrawalStatus = (typeof WithdrawalStatus)[keyof typeof WithdrawalStatus];
export const WITHDRAWAL_STATUSES: readonly WithdrawalStatus[] = Object.values(WithdrawalStatus);
const WITHDRAWAL_TRANSITIONS: Record<'approve' | 'reject' | 'accepted' | 'succeed' | 'fail', { from: readonly WithdrawalStatus[]; to: WithdrawalStatus }> = {
  approve: { from: ['reviewing'], to: 'approved' },
  reject: { from: ['reviewing'], to: 'rejected' },
  accepted: { from: ['approved'], to: 'transferring' },
  succeed: { from: ['approved', 'transferring'], to: 'paid' },
  fail: { from: ['approved', 'transferring'], to: 'failed' },
};
export type WithdrawalEvent = keyof typeof WITHDRAWAL_TRANSITIONS;
export function withdrawalTransition(event: WithdrawalEvent): { from: readonly WithdrawalStatus[]; to: WithdrawalStatus } {
  return WITHDRAWAL_TRANSITIONS[event];
}

// ───────────────────────────── binding ─────────────────────────────

export interface BindingTimes {
  boundAt: Date;
  /** The last time the shopper bought through this referrer (bound time when never). */
  lastActivityAt: Date;
}

/** A binding holds while protected, and afterwards until the lapse period passes with no purchase through the referrer. */
export function bindingActive(b: BindingTimes, s: Pick<ReferralSettings, 'protectionDays' | 'lapseDays'>, now: Date): boolean {
  const day = 86_400_000;
  if (now.getTime() < b.boundAt.getTime() + s.protectionDays * day) return true;
  if (s.lapseDays === 0) return true;
  return now.getTime() < Math.max(b.lastActivityAt.getTime(), b.boundAt.getTime() + s.protectionDays * day) + s.lapseDays * day;
}

/**
 * Whether `userId` may be bound under `referrerId`, given the referrer's upward chain (referrer's referrer first).
 * Refuses self-referral and any cycle anywhere in the chain, not only one hop.
 */
export function bindingRefusal(userId: number, referrerId: number, referrerChain: readonly number[]): 'self' | 'cycle' | null {
  if (userId === referrerId) return 'self';
  if (referrerChain.includes(userId)) return 'cycle';
  return null;
}

// ───────────────────────────── API shapes ─────────────────────────────

export interface ShareView {
  code: string;
  target: ShareTarget;
  targetId: number;
  channel: ShareChannel;
  /** The mini program path the share carries: only the code, never the sharer. */
  path: string;
  createdAt: string;
}

export interface DistributorMeView {
  /** null: never applied. */
  status: DistributorStatus | null;
  rejectReason: string | null;
  /** 待结算 pending, 可提现 balance (may be negative after a clawback), 提现中 frozen, 已提现 withdrawn, 已退回 reversed. */
  pending: number;
  balance: number;
  frozen: number;
  withdrawn: number;
  reversed: number;
  /** Red packets funded from the balance, less what came back unclaimed. */
  spent: number;
  today: number;
  month: number;
  rules: { withdrawMin: number; withdrawDailyLimit: number; settleWindowDays: number; depth: 1 | 2 };
}

export interface LedgerEntryView {
  id: number;
  kind: LedgerKind;
  state: CommissionState;
  level: number;
  orderNo: string;
  title: string;
  amount: number;
  /** For a commission: what reversals and clawbacks took back so far. */
  taken: number;
  settleAfter: string | null;
  createdAt: string;
}

export interface ReferralView {
  name: string;
  avatar: string | null;
  joinedAt: string;
  orders: number;
}

export interface VisitorView {
  name: string;
  avatar: string | null;
  visitedAt: string;
  shareCode: string;
  target: ShareTarget;
  targetId: number;
  bought: boolean;
}

export interface ShareFunnelView {
  code: string;
  target: ShareTarget;
  targetId: number;
  channel: ShareChannel;
  createdAt: string;
  visits: number;
  visitors: number;
  orders: number;
  sales: number;
}

export interface WithdrawalView {
  id: number;
  amount: number;
  status: WithdrawalStatus;
  outBillNo: string;
  transferState: string | null;
  /** For `wx.requestMerchantTransfer` while WeChat waits for the shopper to confirm. */
  confirm: { mchId: string; appId: string; package: string } | null;
  reason: string | null;
  createdAt: string;
}
