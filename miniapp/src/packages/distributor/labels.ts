import type { CommissionState, LedgerKind, WithdrawalStatus } from '@linli/shared'

export const LEDGER_LABEL: Record<LedgerKind, string> = { commission: '佣金', reversal: '退款退回', clawback: '售后扣回', packet: '发红包', packet_return: '红包退回' }
export const COMMISSION_STATE_LABEL: Record<CommissionState, string> = { pending: '待结算', settled: '已结算', reversed: '已退回' }
export const WITHDRAWAL_LABEL: Record<WithdrawalStatus, string> = {
  reviewing: '审核中', approved: '打款中', transferring: '待确认收款', paid: '已到账', failed: '打款失败', rejected: '已驳回',
}

/** 2026-11-30T08:05:00Z → 11-30 16:05 (China time). */
export function shortTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString()
  return `${d.slice(5, 10)} ${d.slice(11, 16)}`
}
