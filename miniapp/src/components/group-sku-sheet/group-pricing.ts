import {
  groupSizes, groupUnitPrice,
  type Fen, type GroupBuyCampaignView, type GroupBuySkuView, type SkuView, type SpecDimension,
} from '@linli/shared'

/** Group-buy prices and SKUs as the product page and the join sheet show them. The server decides what is charged. */

type CampaignPricing = Pick<GroupBuyCampaignView, 'groupSize' | 'tiers' | 'leaderDiscount'>

export interface SizeOption {
  size: number
  /** Off the base group price per unit for this size. */
  discount: Fen
  label: string
  /** The unit price of `groupPrice` at this size, 团长优惠 included for a leader. */
  unitPrice: Fen
}

/** The sizes a leader can open (the base size and the tiers), each with its unit price. */
export function sizeOptions(campaign: CampaignPricing, groupPrice: Fen, isLeader: boolean): SizeOption[] {
  return groupSizes(campaign.groupSize, campaign.tiers).map((tier) => ({
    size: tier.size,
    discount: tier.discount,
    label: `${tier.size}人团`,
    unitPrice: groupUnitPrice({ groupPrice, tierDiscount: tier.discount, leaderDiscount: campaign.leaderDiscount, isLeader }),
  }))
}

/** The extra discount of a size (0 for the base size or an unknown one). */
export function tierDiscountOf(campaign: CampaignPricing, size: number): Fen {
  return groupSizes(campaign.groupSize, campaign.tiers).find((t) => t.size === size)?.discount ?? 0
}

/** The cheapest base group price: the product page's 「拼团价」. */
export function baseGroupPrice(campaign: Pick<GroupBuyCampaignView, 'skus'>): Fen {
  return campaign.skus.length ? Math.min(...campaign.skus.map((s) => s.groupPrice)) : 0
}

/** True when the campaign's SKUs do not all share one group price (「起」). */
export function hasPriceRange(campaign: Pick<GroupBuyCampaignView, 'skus'>): boolean {
  return new Set(campaign.skus.map((s) => s.groupPrice)).size > 1
}

/** The campaign's SKUs in the picker's shape: `price` is what this buyer pays per unit, `originalPrice` the single-purchase price. */
export function groupSkus(campaign: Pick<GroupBuyCampaignView, 'skus' | 'leaderDiscount'>, tierDiscount: Fen, isLeader: boolean): SkuView[] {
  return [...campaign.skus]
    .sort((a, b) => a.skuId - b.skuId)
    .map((s) => ({
      id: s.skuId,
      specs: s.specs,
      price: groupUnitPrice({ groupPrice: s.groupPrice, tierDiscount, leaderDiscount: campaign.leaderDiscount, isLeader }),
      originalPrice: s.price,
      stock: s.stock,
      sales: 0,
    }))
}

/**
 * The spec dimensions of the campaign's SKUs only, so the sheet never offers a value outside the campaign.
 * Ordered like the product's `dimensions` when given, else by first appearance in SKU id order.
 */
export function groupDimensions(skus: readonly GroupBuySkuView[], dimensions?: readonly SpecDimension[]): SpecDimension[] {
  const sorted = [...skus].sort((a, b) => a.skuId - b.skuId)
  const names = dimensions?.map((d) => d.name) ?? [...new Set(sorted.flatMap((s) => Object.keys(s.specs)))]
  return names
    .map((name) => {
      const present = new Set(sorted.map((s) => s.specs[name]).filter((v): v is string => Boolean(v)))
      const declared = dimensions?.find((d) => d.name === name)?.values ?? [...present]
      return { name, values: declared.filter((v) => present.has(v)) }
    })
    .filter((d) => d.values.length > 0)
}
