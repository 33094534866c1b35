import { GROUP_STATUS_LABEL, formatYuan, type Fen, type GroupMemberView, type GroupView } from '@linli/shared'

/** How a group reads to a shopper: its seats, its headline and its share card. Pure, so specs can pin it. */


type GroupLike = Pick<GroupView, 'status' | 'size' | 'members' | 'seatsLeft' | 'virtual'>

/** People still needed: seats not held by a paid member (a seat reserved by someone paying still counts as needed). */
export function peopleNeeded(group: Pick<GroupView, 'size' | 'members'>): number {
  return Math.max(0, group.size - group.members.length)
}

/** Seats reserved by shoppers who are paying right now: nobody else can take them, but they have not joined yet. */
export function seatsBeingPaid(group: Pick<GroupView, 'size' | 'members' | 'seatsLeft'>): number {
  return Math.max(0, peopleNeeded(group) - group.seatsLeft)
}

export type SeatSlot =
  | { kind: 'member'; member: GroupMemberView }
  /** An open seat: dashed; `muted` when the group closed without it being filled. */
  | { kind: 'empty'; muted: boolean }
  /** More seats than fit in a row. */
  | { kind: 'more'; count: number }

/**
 * The avatar row: paid members (leader first), then a dashed seat for everyone still needed. A failed group shows
 * its seats greyed; a group that succeeded with fewer real members (模拟成团) shows no empty seats. At most `max` slots.
 */
export function seatSlots(group: GroupLike, max = 10): SeatSlot[] {
  const members = [...group.members].sort((a, b) => Number(b.isLeader) - Number(a.isLeader))
  const empty = group.status === 'succeeded' ? 0 : Math.max(0, group.size - members.length)
  const muted = group.status !== 'open' && group.status !== 'forming'
  const slots: SeatSlot[] = [...members.map((member) => ({ kind: 'member' as const, member })), ...Array.from({ length: empty }, () => ({ kind: 'empty' as const, muted }))]
  if (slots.length <= max) return slots
  return [...slots.slice(0, max - 1), { kind: 'more', count: slots.length - (max - 1) }]
}

export type GroupTone = 'active' | 'success' | 'fail' | 'muted'

export interface GroupHeadline {
  title: string
  /** The line under the title; `need` is highlighted when the page shows 「还差N人成团」. */
  note: string
  need: number
  tone: GroupTone
  /** 模拟成团 */
  virtual: boolean
}

export function groupHeadline(group: GroupLike): GroupHeadline {
  const need = peopleNeeded(group)
  const base = { title: GROUP_STATUS_LABEL[group.status], need: 0, virtual: false }
  switch (group.status) {
    case 'open':
      return {
        ...base,
        need,
        tone: 'active',
        note: group.seatsLeft === 0 && need > 0 ? `还差${need}人成团，有好友正在支付` : `还差${need}人成团`,
      }
    case 'succeeded':
      return { ...base, tone: 'success', virtual: group.virtual, note: '人已凑齐，商家将尽快发货' }
    case 'failed':
      return { ...base, tone: 'fail', note: '未成团，款项已原路退回' }
    case 'forming':
      return { ...base, tone: 'muted', note: '团长支付后，拼团才会开始' }
    case 'abandoned':
      return { ...base, tone: 'muted', note: '订单未支付，拼团未开启' }
  }
}

/** 「【还差1人】我在拼 烟台红富士苹果，¥23.90一起拼」 while open; a plainer invitation once it closed. */
export function groupShareTitle(group: Pick<GroupView, 'status' | 'size' | 'members' | 'productTitle' | 'unitPrice'>): string {
  const price = `¥${formatYuan(group.unitPrice)}`
  const need = peopleNeeded(group)
  if (group.status === 'open' && need > 0) return `【还差${need}人】我在拼 ${group.productTitle}，${price}一起拼`
  return `${group.size}人团 ${group.productTitle}，拼团价${price}`
}

/** The product page's share card while a campaign runs: 「2人团 ¥23.90 烟台红富士苹果，一起拼更便宜」. */
export function productGroupShareTitle(productTitle: string, groupSize: number, groupPrice: Fen): string {
  return `${groupSize}人团 ¥${formatYuan(groupPrice)} ${productTitle}，一起拼更便宜`
}
