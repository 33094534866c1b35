import { formatCountdown } from './format'

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
