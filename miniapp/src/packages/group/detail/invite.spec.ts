import type { GroupMemberView } from '@linli/shared'
import { inviteHeadline, shareLink } from './invite'

const member = (nickname: string, isLeader = false): GroupMemberView => ({ nickname, avatar: null, isLeader, joinedAt: '2026-11-30T00:00:00Z' })

describe('share landing', () => {
  it('invites a visitor in the leader’s name', () => {
    expect(inviteHeadline({ status: 'open', mine: null, members: [member('老王'), member('张阿姨', true)] })).toBe('张阿姨邀请你拼团')
  })

  it('keeps the state headline for members and closed groups', () => {
    expect(inviteHeadline({ status: 'open', mine: { role: 'member', orderId: 1, orderStatus: 'grouping' }, members: [member('张阿姨', true)] })).toBeNull()
    expect(inviteHeadline({ status: 'succeeded', mine: null, members: [member('张阿姨', true)] })).toBeNull()
  })

  it('shares the page without a redirect parameter', () => {
    expect(shareLink('http://h/#/packages/group/detail/index?id=3')).toBe('http://h/#/packages/group/detail/index?id=3')
    expect(shareLink('http://h/#/packages/group/detail/index?id=3&redirect=%2Fx')).toBe('http://h/#/packages/group/detail/index?id=3')
  })
})
