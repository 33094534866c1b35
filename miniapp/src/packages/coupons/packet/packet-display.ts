import { RED_PACKET_KIND_LABEL, formatYuan, type RedPacketView } from '@linli/shared'

/** What the envelope shows before it is opened, and whether it can be opened. */
export type EnvelopeState = 'closed' | 'opened' | 'blocked'

export function envelopeState(p: Pick<RedPacketView, 'myShare' | 'claimBlockedReason' | 'status' | 'isSender'>, loggedIn: boolean): EnvelopeState {
  if (p.myShare) return 'opened'
  // Logged out: the envelope can be tapped; logging in comes first, then the server decides.
  if (!loggedIn) return p.status === 'active' ? 'closed' : 'blocked'
  if (p.isSender && !p.claimBlockedReason) return 'closed'
  return p.claimBlockedReason ? 'blocked' : 'closed'
}

/** 已领取3/10个，共¥12.34/¥50.00. */
export function claimSummary(p: Pick<RedPacketView, 'claimedCount' | 'shareCount' | 'claimedAmount' | 'amount' | 'status'>): string {
  const base = `已领取${p.claimedCount}/${p.shareCount}个，共¥${formatYuan(p.claimedAmount)}/¥${formatYuan(p.amount)}`
  if (p.status === 'expired') return `${base}，已过期`
  return p.status === 'finished' ? `${p.shareCount}个红包共¥${formatYuan(p.amount)}，已被领完` : base
}

export function shareTitle(p: Pick<RedPacketView, 'senderName' | 'kind' | 'greeting'>): string {
  return `${p.senderName}发了一个${RED_PACKET_KIND_LABEL[p.kind]}：${p.greeting}`
}

/** What the shop credit can be used for, and until when: said plainly on every packet. */
export function usageNote(p: Pick<RedPacketView, 'threshold' | 'couponValidDays'>): string {
  const condition = p.threshold > 0 ? `满¥${formatYuan(p.threshold)}可用` : '无门槛'
  return `领到的金额以优惠券形式放入「我的优惠券」，全店商品${condition}，领取后${p.couponValidDays}天内有效，不可提现`
}
