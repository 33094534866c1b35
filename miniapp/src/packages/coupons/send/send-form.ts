import { parseYuan, type RedPacketKind, type SendRedPacketRequest } from '@linli/shared'

export const MAX_PACKET_YUAN = 2000
export const MAX_SHARES = 100

export interface SendForm {
  kind: RedPacketKind
  /** Yuan as typed: the total (拼手气), or each share (普通, 专属). */
  amountText: string
  sharesText: string
  greeting: string
}

/** The request for a form, or why it cannot be sent. Money becomes integer fen here; the server checks again. */
export function checkSendForm(form: SendForm): { ok: true; request: SendRedPacketRequest } | { ok: false; reason: string } {
  const fen = parseYuan(form.amountText)
  if (fen === null || fen <= 0) return { ok: false, reason: '请输入金额' }
  const shares = form.kind === 'exclusive' ? 1 : Number(form.sharesText)
  if (!Number.isInteger(shares) || shares < 1) return { ok: false, reason: '请输入红包个数' }
  if (shares > MAX_SHARES) return { ok: false, reason: `一次最多发${MAX_SHARES}个红包` }
  const total = form.kind === 'lucky' ? fen : fen * shares
  if (total < shares) return { ok: false, reason: '每个红包至少0.01元' }
  if (total > MAX_PACKET_YUAN * 100) return { ok: false, reason: `单个红包总额不超过${MAX_PACKET_YUAN}元` }
  const request: SendRedPacketRequest = { kind: form.kind, amount: total, shares }
  if (form.greeting.trim()) request.greeting = form.greeting.trim()
  return { ok: true, request }
}
