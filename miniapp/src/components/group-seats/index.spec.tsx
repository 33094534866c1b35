import { render } from '@testing-library/react'
import { GroupSeats } from './index'
import { group, member } from '../../__fixtures__/group-buy'

describe('GroupSeats', () => {
  it('marks the leader 团长 and shows a dashed seat for each person still needed', () => {
    const { container } = render(<GroupSeats group={group({ size: 3, members: [member({ nickname: '老王', isLeader: true })], seatsLeft: 2 })} />)
    const leader = container.querySelector('.group-seat--leader') as HTMLElement
    expect(leader.getAttribute('data-nickname')).toBe('老王')
    expect(leader.textContent).toContain('团长')
    expect(container.querySelectorAll('.group-seat--empty')).toHaveLength(2)
    expect(container.querySelectorAll('.group-seat--muted')).toHaveLength(0)
  })

  it('shows the first letter when a member has no avatar', () => {
    const { container } = render(<GroupSeats group={group({ members: [member({ nickname: '阿杰', avatar: null, isLeader: true }), member({ nickname: '小美', avatar: null })], seatsLeft: 0 })} />)
    expect(Array.from(container.querySelectorAll('.member-avatar--text')).map((n) => n.textContent)).toEqual(['阿', '小'])
    expect(container.querySelectorAll('.group-seat--empty')).toHaveLength(0)
  })
})
