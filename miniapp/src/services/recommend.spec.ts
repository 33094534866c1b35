import type { ProductSummaryView } from '@linli/shared'
import { pickRecommendations } from './recommend'

const p = (id: number, onShelf = true): ProductSummaryView => ({ id, categoryId: 1, title: `p${id}`, subtitle: '', cover: '', price: 100, originalPrice: 100, sales: 0, onShelf })

describe('guess you like', () => {
  it('takes the shopper’s categories first, then best sellers, without repeats, exclusions or off-shelf products', () => {
    const mine = [p(3), p(4, false), p(5)]
    const best = [p(5), p(1), p(2), p(6)]
    expect(pickRecommendations([mine, best], 4, [1]).map((x) => x.id)).toEqual([3, 5, 2, 6])
    expect(pickRecommendations([[], best], 2).map((x) => x.id)).toEqual([5, 1])
  })
})
