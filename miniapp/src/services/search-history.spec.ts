import { MAX_HISTORY, pushHistory } from './search-history'

describe('search history', () => {
  it('keeps the newest first, once each, at most ten', () => {
    expect(pushHistory(['苹果', '牛奶'], '牛奶')).toEqual(['牛奶', '苹果'])
    expect(pushHistory(['苹果'], '  ')).toEqual(['苹果'])
    const many = Array.from({ length: MAX_HISTORY }, (_, i) => `k${i}`)
    expect(pushHistory(many, '新')).toEqual(['新', ...many.slice(0, MAX_HISTORY - 1)])
  })
})
