import type { GroupBuyCampaignView, GroupView } from '@linli/shared'

/** What the group page offers the person looking at it. Pure, so the rules can be checked on their own. */
export type GroupAction =
  /** A member (or the leader) of an open group: 邀请好友参团. */
  | { kind: 'invite' }
  /** Anyone else, while there is a seat: 参与拼团 ¥x. */
  | { kind: 'join' }
  /** Open, but this viewer cannot join: the reason, shown disabled. */
  | { kind: 'blocked'; reason: string }
  /** The leader has not paid yet (only the leader sees such a group). */
  | { kind: 'pay' }
  /** Closed: 我也开一个团 (and 查看我的订单 for a member). */
  | { kind: 'closed' }

export function groupAction(
  group: Pick<GroupView, 'status' | 'mine' | 'joinBlockedReason' | 'seatsLeft' | 'campaignId'>,
  campaign: Pick<GroupBuyCampaignView, 'id' | 'skus'> | null,
): GroupAction {
  if (group.status === 'forming') return group.mine ? { kind: 'pay' } : { kind: 'closed' }
  if (group.status !== 'open') return { kind: 'closed' }
  if (group.mine) return { kind: 'invite' }
  if (group.joinBlockedReason) return { kind: 'blocked', reason: group.joinBlockedReason }
  if (group.seatsLeft <= 0) return { kind: 'blocked', reason: '名额已被锁定，稍后再来看看' }
  if (!campaign || campaign.id !== group.campaignId || campaign.skus.length === 0) return { kind: 'blocked', reason: '拼团活动已结束' }
  return { kind: 'join' }
}
