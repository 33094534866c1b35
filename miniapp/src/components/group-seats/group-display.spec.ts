import { groupHeadline, groupShareTitle, peopleNeeded, productGroupShareTitle, seatSlots, seatsBeingPaid } from './group-display'
import { group, member } from '../../__fixtures__/group-buy'

describe('group display', () => {
  it('counts who is still needed from paid members, and seats held by someone paying', () => {
    expect(peopleNeeded(group({ size: 3, members: [member({ isLeader: true })], seatsLeft: 1 }))).toBe(2)
    expect(seatsBeingPaid(group({ size: 3, members: [member({ isLeader: true })], seatsLeft: 1 }))).toBe(1)
    expect(peopleNeeded(group({ size: 2, members: [member({ isLeader: true }), member()], seatsLeft: 0 }))).toBe(0)
  })

  describe('seat slots', () => {
    it('puts the leader first, then a dashed seat for each person needed', () => {
      const slots = seatSlots(group({ size: 3, members: [member({ nickname: '阿杰' }), member({ nickname: '老王', isLeader: true })] }))
      expect(slots.map((s) => (s.kind === 'member' ? s.member.nickname : s.kind))).toEqual(['老王', '阿杰', 'empty'])
      expect(slots[2]).toEqual({ kind: 'empty', muted: false })
    })

    it('greys the empty seats of a failed group and shows none for a virtual success', () => {
      expect(seatSlots(group({ status: 'failed', size: 2, members: [] }))).toEqual([
        { kind: 'empty', muted: true },
        { kind: 'empty', muted: true },
      ])
      expect(seatSlots(group({ status: 'succeeded', virtual: true, size: 3, members: [member({ isLeader: true })] })).map((s) => s.kind)).toEqual(['member'])
    })

    it('folds seats beyond the row into +N', () => {
      const slots = seatSlots(group({ size: 20, members: [member({ isLeader: true })], seatsLeft: 19 }), 6)
      expect(slots).toHaveLength(6)
      expect(slots[5]).toEqual({ kind: 'more', count: 15 })
    })
  })

  it('heads each state with its label and note', () => {
    expect(groupHeadline(group({ size: 3 }))).toMatchObject({ title: '拼团中', note: '还差2人成团', need: 2, tone: 'active' })
    expect(groupHeadline(group({ seatsLeft: 0 })).note).toBe('还差1人成团，有好友正在支付')
    expect(groupHeadline(group({ status: 'succeeded', virtual: true }))).toMatchObject({ title: '拼团成功', virtual: true, tone: 'success' })
    expect(groupHeadline(group({ status: 'failed', members: [] }))).toMatchObject({ title: '拼团失败', note: '未成团，款项已原路退回', tone: 'fail' })
  })

  it('titles the share card with who is still needed and the price', () => {
    expect(groupShareTitle(group())).toBe('【还差1人】我在拼 烟台红富士苹果，¥23.90一起拼')
    expect(groupShareTitle(group({ size: 5, unitPrice: 1890 }))).toBe('【还差4人】我在拼 烟台红富士苹果，¥18.90一起拼')
    expect(groupShareTitle(group({ status: 'succeeded', members: [member({ isLeader: true }), member()] }))).toBe('2人团 烟台红富士苹果，拼团价¥23.90')
    expect(productGroupShareTitle('烟台红富士苹果', 2, 2390)).toBe('2人团 ¥23.90 烟台红富士苹果，一起拼更便宜')
  })
})
