import { formatYuan, groupUnitPrice, type Fen, type GroupBuyCampaignView, type GroupView, type ProductDetailView } from '@linli/shared'
import { baseGroupPrice, hasPriceRange, sizeOptions } from './group-pricing'

/**
 * Every group-buy price a page says, derived from one server answer (the campaign, or the group) with the shared
 * price rule, and written with one formatter (`formatYuan`: ¥18.90, never ¥18.9). Specs pin that the labels agree.
 */

type CampaignForLabels = Pick<GroupBuyCampaignView, 'groupSize' | 'tiers' | 'leaderDiscount' | 'skus' | 'newCustomerOnly'>

export const yuan = (fen: Fen): string => `¥${formatYuan(fen)}`

export interface ProductGroupPrices {
  /** 拼团价: the cheapest SKU's group price at the base size, as a member pays it. */
  groupPrice: Fen
  /** 团长价: what the leader pays at the base size (团长优惠 included); equals groupPrice without a leader discount. */
  leaderPrice: Fen
  /** The lowest price at the largest tier for a leader, the same number the sheet's size chip shows. */
  lowestTierPrice: Fen | null
  /** The lowest single-purchase price (单买价). */
  singlePrice: Fen
}

export function productGroupPrices(campaign: CampaignForLabels, product: Pick<ProductDetailView, 'price'>): ProductGroupPrices {
  const groupPrice = baseGroupPrice(campaign)
  const leaderPrice = groupUnitPrice({ groupPrice, tierDiscount: 0, leaderDiscount: campaign.leaderDiscount, isLeader: true })
  const options = sizeOptions(campaign, groupPrice, true)
  const lowestTierPrice = campaign.tiers.length > 0 ? Math.min(...options.map((o) => o.unitPrice)) : null
  return { groupPrice, leaderPrice, lowestTierPrice, singlePrice: product.price }
}

export interface ProductGroupLabels {
  headlineTag: '拼团价'
  /** 「起」 after the headline when SKUs differ in group price. */
  from: boolean
  singlePrice: string
  leaderChip: string | null
  tierChip: string | null
  newCustomerChip: string | null
  startPrice: string
  singleButtonPrice: string
  upcoming: string
}

export function productGroupLabels(campaign: CampaignForLabels, product: Pick<ProductDetailView, 'price'>): ProductGroupLabels {
  const p = productGroupPrices(campaign, product)
  const largest = campaign.tiers.length > 0 ? Math.max(...campaign.tiers.map((t) => t.size)) : null
  return {
    headlineTag: '拼团价',
    from: hasPriceRange(campaign),
    singlePrice: `单买价${yuan(p.singlePrice)}`,
    leaderChip: campaign.leaderDiscount > 0 ? `团长价${yuan(p.leaderPrice)}` : null,
    tierChip: largest !== null && p.lowestTierPrice !== null ? `${largest}人团低至${yuan(p.lowestTierPrice)}` : null,
    // 老带新: the leader can be anyone; those who join must be new to the shop.
    newCustomerChip: campaign.newCustomerOnly ? '仅限新用户参团' : null,
    // 发起拼团 opens a group: the leader's price.
    startPrice: yuan(p.leaderPrice),
    singleButtonPrice: yuan(p.singlePrice),
    upcoming: `${campaign.groupSize}人团 拼团价${yuan(p.groupPrice)}`,
  }
}

export interface GroupPageLabels {
  /** 团长价 / 我的拼团价 for a member (their own tier and role, from their order), else 拼团价. */
  priceTag: string
  price: Fen
  /** 单买价, struck; null when not cheaper. */
  singlePrice: string | null
  joinButton: string
}

/**
 * The group page: a visitor sees the price they would pay to join (`group.unitPrice`, the group's size included);
 * a member sees what their own order charged per unit.
 */
export function groupPageLabels(
  group: Pick<GroupView, 'unitPrice' | 'mine'>,
  campaign: Pick<GroupBuyCampaignView, 'skus'> | null,
  myUnitPrice: Fen | null,
): GroupPageLabels {
  const mine = group.mine && myUnitPrice !== null ? { role: group.mine.role, price: myUnitPrice } : null
  const price = mine ? mine.price : group.unitPrice
  const single = campaign?.skus.length ? Math.min(...campaign.skus.map((s) => s.price)) : null
  return {
    priceTag: mine ? (mine.role === 'leader' ? '团长价' : '我的拼团价') : '拼团价',
    price,
    singlePrice: single !== null && single > price ? `单买价${yuan(single)}` : null,
    joinButton: `参与拼团 ${yuan(group.unitPrice)}`,
  }
}
