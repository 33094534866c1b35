import { couponTag, promotionTag } from './promotions'

describe('card promotion tag', () => {
  it('prefers a live flash sale over a group-buy, and names the price', () => {
    const groupBuy = { campaignId: 1, groupSize: 3, groupPrice: 1890 }
    const flash = { slotId: 2, flashPrice: 990, endsAt: '2026-12-01T00:00:00Z' }
    expect(promotionTag({ productId: 1, groupBuy, flash, coupon: null })).toEqual({ kind: 'flash', label: '秒杀', price: 990 })
    expect(promotionTag({ productId: 1, groupBuy, flash: null, coupon: null })).toEqual({ kind: 'group', label: '3人拼团', price: 1890 })
    expect(promotionTag({ productId: 1, groupBuy: null, flash: null, coupon: null })).toBeNull()
    expect(promotionTag(undefined)).toBeNull()
  })
})

describe('card coupon tag', () => {
  it('shows the server\'s label beside any promotion tag, and nothing without a coupon', () => {
    const flash = { slotId: 2, flashPrice: 990, endsAt: '2026-12-01T00:00:00Z' }
    expect(couponTag({ productId: 1, groupBuy: null, flash, coupon: { label: '满99减10', held: true } })).toBe('满99减10')
    expect(couponTag({ productId: 1, groupBuy: null, flash: null, coupon: null })).toBeNull()
    expect(couponTag(undefined)).toBeNull()
  })
})
