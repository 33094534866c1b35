import { formatClock, formatCountdown } from './format'

describe('formatCountdown', () => {
  it('shows minutes and seconds', () => {
    expect(formatCountdown(125_000)).toBe('02:05')
    expect(formatCountdown(29 * 60_000 + 59_000)).toBe('29:59')
  })

  it('rounds partial seconds up so 00:00 only shows at the end', () => {
    expect(formatCountdown(400)).toBe('00:01')
  })

  it('adds hours when needed and never goes negative', () => {
    expect(formatCountdown(3_725_000)).toBe('1:02:05')
    expect(formatCountdown(-5_000)).toBe('00:00')
  })
})

describe('formatClock', () => {
  it('always shows hours, minutes and seconds, padded', () => {
    expect(formatClock(125_000)).toBe('00:02:05')
    expect(formatClock(3_725_000)).toBe('01:02:05')
    expect(formatClock(23 * 3600_000 + 59 * 60_000 + 59_000)).toBe('23:59:59')
  })

  it('puts whole days in front and never goes negative', () => {
    expect(formatClock(24 * 3600_000)).toBe('1天 00:00:00')
    expect(formatClock(2 * 86400_000 + 3_725_000)).toBe('2天 01:02:05')
    expect(formatClock(-1)).toBe('00:00:00')
    expect(formatClock(400)).toBe('00:00:01')
  })
})
