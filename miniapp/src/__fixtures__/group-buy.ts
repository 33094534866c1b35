import type { GroupBuyCampaignView, GroupMemberView, GroupView } from '@linli/shared'

/** Group-buy campaigns and groups shaped like the server's, for specs. */

export function member(overrides: Partial<GroupMemberView> = {}): GroupMemberView {
  return { nickname: '老王', avatar: '/media/avatars/laowang.svg', isLeader: false, joinedAt: '2025-11-22T03:00:00.000Z', ...overrides }
}

export function group(overrides: Partial<GroupView> = {}): GroupView {
  return {
    id: 5,
    campaignId: 1,
    productId: 1,
    productTitle: '烟台红富士苹果',
    cover: '/media/products/apple.svg',
    status: 'open',
    size: 2,
    members: [member({ isLeader: true })],
    seatsLeft: 1,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    closedAt: null,
    virtual: false,
    unitPrice: 2390,
    mine: null,
    joinBlockedReason: null,
    ...overrides,
  }
}

/** 2人团 with 3人/5人 tiers and 团长优惠 ¥1; two SKUs (the 85mm one has a dearer group price), one sold out outside the campaign. */
export function campaign(overrides: Partial<GroupBuyCampaignView> = {}): GroupBuyCampaignView {
  return {
    id: 1,
    productId: 1,
    title: '苹果拼团',
    state: 'active',
    groupSize: 2,
    tiers: [
      { size: 3, discount: 200 },
      { size: 5, discount: 500 },
    ],
    leaderDiscount: 100,
    newCustomerOnly: false,
    perUserLimit: 3,
    timeLimitSeconds: 86400,
    startsAt: '2025-11-22T00:00:00.000Z',
    endsAt: '2025-12-22T00:00:00.000Z',
    stockLeft: 100,
    lowestPrice: 1890,
    skus: [
      { skuId: 2, specs: { 规格: '2.5kg装', 果径: '85mm' }, price: 3590, groupPrice: 2870, stock: 80 },
      { skuId: 1, specs: { 规格: '2.5kg装', 果径: '75mm' }, price: 2990, groupPrice: 2390, stock: 118 },
    ],
    ...overrides,
  }
}
