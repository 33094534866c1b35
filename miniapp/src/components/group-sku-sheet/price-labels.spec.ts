import { formatYuan, groupUnitPrice, type GroupBuyCampaignView } from '@linli/shared'
import { groupSkus, sizeOptions, tierDiscountOf } from './group-pricing'
import { groupPageLabels, productGroupLabels, productGroupPrices } from './price-labels'

/** The apple from the screenshots: group price ¥23.90, 团长 ¥1 off, a 5-person tier ¥5 off, single ¥25.90–¥29.90. */
const campaign = (overrides: Partial<GroupBuyCampaignView> = {}): GroupBuyCampaignView => ({
  id: 1, productId: 7, title: '苹果拼团', state: 'active', groupSize: 3, tiers: [{ size: 5, discount: 500 }], leaderDiscount: 100,
  newCustomerOnly: false, perUserLimit: 5, timeLimitSeconds: 86400, startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z',
  stockLeft: 100, lowestPrice: 1790,
  skus: [
    { skuId: 11, specs: { 规格: '5斤装' }, price: 2590, groupPrice: 2390, stock: 50 },
    { skuId: 12, specs: { 规格: '10斤装' }, price: 2990, groupPrice: 2790, stock: 50 },
  ],
  ...overrides,
} as GroupBuyCampaignView)

const product = { price: 2590 }
const numbersIn = (text: string) => (text.match(/¥(\d+\.\d\d)/g) ?? []).map((m) => m.slice(1))

describe('group-buy price labels', () => {
  it('says every price with two decimals', () => {
    const labels = productGroupLabels(campaign(), product)
    for (const text of [labels.singlePrice, labels.leaderChip!, labels.tierChip!, labels.startPrice, labels.singleButtonPrice, labels.upcoming]) {
      expect(text).toMatch(/¥\d+\.\d\d(?!\d)/)
    }
    expect(productGroupLabels(campaign({ skus: [{ skuId: 1, specs: {}, price: 2000, groupPrice: 1890, stock: 1 }], tiers: [], leaderDiscount: 0 }), { price: 2000 }).startPrice).toBe('¥18.90')
  })

  it('uses the same numbers on the product page as the sheet that opens a group', () => {
    const c = campaign()
    const prices = productGroupPrices(c, product)
    const labels = productGroupLabels(c, product)
    // The sheet a leader opens: base size, cheapest SKU first.
    const sheetSkus = groupSkus(c, tierDiscountOf(c, c.groupSize), true)
    const sheetLowest = Math.min(...sheetSkus.map((s) => s.price))
    expect(numbersIn(labels.startPrice)).toEqual([formatYuan(sheetLowest)])
    expect(numbersIn(labels.leaderChip!)).toEqual([formatYuan(sheetLowest)])
    expect(labels.leaderChip).toBe('团长价¥22.90')
    // The tier chip says what the sheet's size chip for that size says.
    const fiveChip = sizeOptions(c, prices.groupPrice, true).find((o) => o.size === 5)!
    expect(numbersIn(labels.tierChip!)).toEqual([formatYuan(fiveChip.unitPrice)])
    expect(labels.tierChip).toBe('5人团低至¥17.90')
    // 单买价 on the price block and on 单独购买 are the same number.
    expect(numbersIn(labels.singlePrice)).toEqual(numbersIn(labels.singleButtonPrice))
    expect(labels.upcoming).toBe('3人团 拼团价¥23.90')
    expect(prices.groupPrice).toBe(2390)
  })

  it('words 老带新 for what it is and says 团长价 only with a leader discount', () => {
    expect(productGroupLabels(campaign({ newCustomerOnly: true }), product).newCustomerChip).toBe('仅限新用户参团')
    expect(productGroupLabels(campaign(), product).newCustomerChip).toBeNull()
    const noLeader = productGroupLabels(campaign({ leaderDiscount: 0 }), product)
    expect(noLeader.leaderChip).toBeNull()
    expect(noLeader.startPrice).toBe('¥23.90')
  })

  it("shows a member the price of their own order, and a visitor the price of joining", () => {
    const c = campaign()
    const group = { unitPrice: 1890, mine: null }
    const visitor = groupPageLabels(group, c, null)
    expect(visitor).toMatchObject({ priceTag: '拼团价', price: 1890, joinButton: '参与拼团 ¥18.90', singlePrice: '单买价¥25.90' })
    expect(numbersIn(visitor.joinButton)).toEqual([formatYuan(visitor.price)])

    // A member of a 5-person group paid the tier price, not the base one.
    const memberPaid = groupUnitPrice({ groupPrice: 2390, tierDiscount: 500, leaderDiscount: 100, isLeader: false })
    const member = groupPageLabels({ unitPrice: 1890, mine: { role: 'member', orderId: 3, orderStatus: 'grouping' } }, c, memberPaid)
    expect(member).toMatchObject({ priceTag: '我的拼团价', price: 1890 })
    const leader = groupPageLabels({ unitPrice: 1890, mine: { role: 'leader', orderId: 2, orderStatus: 'grouping' } }, c, 1790)
    expect(leader).toMatchObject({ priceTag: '团长价', price: 1790 })
  })
})
