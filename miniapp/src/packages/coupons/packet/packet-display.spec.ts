import { claimSummary, envelopeState, usageNote } from './packet-display'

describe('red packet display', () => {
  const packet = { myShare: null, claimBlockedReason: null, status: 'active' as const, isSender: false }

  it('opens straight onto the amount once claimed, and blocks with the server\'s reason', () => {
    expect(envelopeState({ ...packet, myShare: { amount: 5, couponId: 1 } }, true)).toBe('opened')
    expect(envelopeState(packet, true)).toBe('closed')
    expect(envelopeState(packet, false)).toBe('closed')
    expect(envelopeState({ ...packet, claimBlockedReason: '手慢了，红包派完了', status: 'finished' }, true)).toBe('blocked')
    expect(envelopeState({ ...packet, status: 'expired' }, false)).toBe('blocked')
  })

  it('sums up the claims and says what the credit is for', () => {
    expect(claimSummary({ claimedCount: 3, shareCount: 10, claimedAmount: 1234, amount: 5000, status: 'active' })).toBe('已领取3/10个，共¥12.34/¥50.00')
    expect(claimSummary({ claimedCount: 10, shareCount: 10, claimedAmount: 5000, amount: 5000, status: 'finished' })).toBe('10个红包共¥50.00，已被领完')
    expect(usageNote({ threshold: 0, couponValidDays: 7 })).toContain('无门槛')
    expect(usageNote({ threshold: 2000, couponValidDays: 3 })).toContain('满¥20.00可用')
  })
})
