import type { GroupView } from '@linli/shared'

/**
 * The share landing page speaks to the visitor: 「张阿姨邀请你拼团」 while the group is open and the viewer is
 * not in it; members and closed groups keep the state headline (null here).
 */
export function inviteHeadline(group: Pick<GroupView, 'status' | 'mine' | 'members'>): string | null {
  if (group.status !== 'open' || group.mine) return null
  const leader = group.members.find((m) => m.isLeader)
  return leader ? `${leader.nickname}邀请你拼团` : '邀请你一起拼团'
}

/** The link to send in H5: the page's own address without any login redirect noise. */
export function shareLink(href: string): string {
  return href.replace(/([?&])redirect=[^&#]*&?/, '$1').replace(/[?&]$/, '')
}
