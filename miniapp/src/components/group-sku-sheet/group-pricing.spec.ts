import { baseGroupPrice, groupDimensions, groupSkus, hasPriceRange, sizeOptions, tierDiscountOf } from './group-pricing'
import { campaign } from '../../__fixtures__/group-buy'

describe('group pricing', () => {
  it('offers the base size and each tier, cheaper as the group grows, 团长优惠 for the leader only', () => {
    expect(sizeOptions(campaign(), 2390, true)).toEqual([
      { size: 2, discount: 0, label: '2人团', unitPrice: 2290 },
      { size: 3, discount: 200, label: '3人团', unitPrice: 2090 },
      { size: 5, discount: 500, label: '5人团', unitPrice: 1790 },
    ])
    expect(sizeOptions(campaign(), 2390, false).map((o) => o.unitPrice)).toEqual([2390, 2190, 1890])
    expect(sizeOptions(campaign({ tiers: [] }), 2390, false)).toHaveLength(1)
  })

  it('never prices a unit below 1 fen', () => {
    expect(sizeOptions(campaign({ leaderDiscount: 5000 }), 2390, true)[0].unitPrice).toBe(1)
  })

  it('knows each size’s discount, and the cheapest base group price', () => {
    expect(tierDiscountOf(campaign(), 5)).toBe(500)
    expect(tierDiscountOf(campaign(), 2)).toBe(0)
    expect(tierDiscountOf(campaign(), 4)).toBe(0)
    expect(baseGroupPrice(campaign())).toBe(2390)
    expect(hasPriceRange(campaign())).toBe(true)
    expect(hasPriceRange(campaign({ skus: campaign().skus.slice(0, 1) }))).toBe(false)
  })

  it('turns the campaign’s SKUs into picker SKUs at this buyer’s price, single price as the original', () => {
    expect(groupSkus(campaign(), 200, false)).toEqual([
      { id: 1, specs: { 规格: '2.5kg装', 果径: '75mm' }, price: 2190, originalPrice: 2990, stock: 118, sales: 0 },
      { id: 2, specs: { 规格: '2.5kg装', 果径: '85mm' }, price: 2670, originalPrice: 3590, stock: 80, sales: 0 },
    ])
    expect(groupSkus(campaign(), 0, true).map((s) => s.price)).toEqual([2290, 2770])
  })

  it('offers only spec values some campaign SKU has, in the product’s order', () => {
    const productDims = [
      { name: '规格', values: ['2.5kg装', '5kg装'] },
      { name: '果径', values: ['75mm', '85mm'] },
    ]
    expect(groupDimensions(campaign().skus, productDims)).toEqual([
      { name: '规格', values: ['2.5kg装'] },
      { name: '果径', values: ['75mm', '85mm'] },
    ])
    // Without the product: by SKU id.
    expect(groupDimensions(campaign().skus)).toEqual([
      { name: '规格', values: ['2.5kg装'] },
      { name: '果径', values: ['75mm', '85mm'] },
    ])
  })
})
