import { groupAction } from './join-state'
import { campaign, group } from '../../../__fixtures__/group-buy'

describe('group page action', () => {
  it('invites for a member of an open group', () => {
    expect(groupAction(group({ mine: { role: 'leader', orderId: 1, orderStatus: 'grouping' } }), campaign())).toEqual({ kind: 'invite' })
  })

  it('lets anyone else join while there is a seat and the campaign runs', () => {
    expect(groupAction(group(), campaign())).toEqual({ kind: 'join' })
  })

  it('shows why a viewer cannot join', () => {
    expect(groupAction(group({ joinBlockedReason: '这个团仅限新用户参加' }), campaign())).toEqual({ kind: 'blocked', reason: '这个团仅限新用户参加' })
    expect(groupAction(group({ seatsLeft: 0 }), campaign()).kind).toBe('blocked')
    expect(groupAction(group(), null)).toEqual({ kind: 'blocked', reason: '拼团活动已结束' })
    expect(groupAction(group({ campaignId: 2 }), campaign()).kind).toBe('blocked')
  })

  it('offers a new group once closed, and payment to a leader who has not paid', () => {
    expect(groupAction(group({ status: 'succeeded' }), campaign())).toEqual({ kind: 'closed' })
    expect(groupAction(group({ status: 'failed', mine: { role: 'member', orderId: 1, orderStatus: 'refunded' } }), campaign())).toEqual({ kind: 'closed' })
    expect(groupAction(group({ status: 'forming', mine: { role: 'leader', orderId: 1, orderStatus: 'pending_payment' } }), campaign())).toEqual({ kind: 'pay' })
  })
})
