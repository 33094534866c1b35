import type { Fen } from './money';
import type { Fulfilment } from './fulfilment';
import type { Adjustment } from './pricing';
import type { OrderStatus } from './order-state';

/**
 * Group-buy (拼团): a group's lifecycle, a member's seat, and the price a member pays.
 * Every allowed transition lives here; the server moves rows only by conditional UPDATEs built from these.
 */

export const GroupStatus = {
  /** The leader's order is placed but not paid: invisible to everyone else. */
  Forming: 'forming',
  /** The leader paid: others can join until the group is full or its time runs out. */
  Open: 'open',
  Succeeded: 'succeeded',
  /** Time ran out short (or an operator failed it): every paid member is refunded. */
  Failed: 'failed',
  /** The leader never paid. */
  Abandoned: 'abandoned',
} as const;
export type GroupStatus = (typeof GroupStatus)[keyof typeof GroupStatus];
export const GROUP_STATUSES: readonly GroupStatus[] = Object.values(GroupStatus);

export type GroupEvent = 'leader_paid' | 'leader_unpaid' | 'fill' | 'virtual_complete' | 'force_success' | 'expire' | 'force_fail';

const GROUP_TRANSITIONS: Record<GroupEvent, { from: readonly GroupStatus[]; to: GroupStatus }> = {
  leader_paid: { from: [GroupStatus.Forming], to: GroupStatus.Open },
  leader_unpaid: { from: [GroupStatus.Forming], to: GroupStatus.Abandoned },
  /** The last seat was paid. */
  fill: { from: [GroupStatus.Open], to: GroupStatus.Succeeded },
  /** At expiry, with at least the campaign's minimum of real members (模拟成团). */
  virtual_complete: { from: [GroupStatus.Open], to: GroupStatus.Succeeded },
  force_success: { from: [GroupStatus.Open], to: GroupStatus.Succeeded },
  expire: { from: [GroupStatus.Open], to: GroupStatus.Failed },
  force_fail: { from: [GroupStatus.Open], to: GroupStatus.Failed },
};

export function nextGroupStatus(from: GroupStatus, event: GroupEvent): GroupStatus | null {
  const t = GROUP_TRANSITIONS[event];
  return t.from.includes(from) ? t.to : null;
}

export function groupSourceStates(event: GroupEvent): readonly GroupStatus[] {
  return GROUP_TRANSITIONS[event].from;
}

/** A member's seat in a group. Only `reserved` and `paid` seats count against the group size. */
export const SeatStatus = {
  /** The order is placed and the seat is held until the order's payment deadline. */
  Reserved: 'reserved',
  Paid: 'paid',
  /** The order was cancelled or expired unpaid: the seat is free again. */
  Released: 'released',
  /** Paid, but the group failed (or closed before this payment counted): a refund is owed. */
  RefundDue: 'refund_due',
  /** The refund has been created; the member no longer counts or shows. */
  Refunded: 'refunded',
} as const;
export type SeatStatus = (typeof SeatStatus)[keyof typeof SeatStatus];

export type SeatEvent = 'pay' | 'release' | 'owe_refund' | 'refund';

const SEAT_TRANSITIONS: Record<SeatEvent, { from: readonly SeatStatus[]; to: SeatStatus }> = {
  pay: { from: [SeatStatus.Reserved], to: SeatStatus.Paid },
  release: { from: [SeatStatus.Reserved], to: SeatStatus.Released },
  owe_refund: { from: [SeatStatus.Paid], to: SeatStatus.RefundDue },
  refund: { from: [SeatStatus.RefundDue], to: SeatStatus.Refunded },
};

export function nextSeatStatus(from: SeatStatus, event: SeatEvent): SeatStatus | null {
  const t = SEAT_TRANSITIONS[event];
  return t.from.includes(from) ? t.to : null;
}

export function seatSourceStates(event: SeatEvent): readonly SeatStatus[] {
  return SEAT_TRANSITIONS[event].from;
}

export const GROUP_STATUS_LABEL: Record<GroupStatus, string> = {
  forming: '待支付',
  open: '拼团中',
  succeeded: '拼团成功',
  failed: '拼团失败',
  abandoned: '未开团',
};

// ---- prices ----

/** A bigger group pays less: for a group of `size`, each unit costs `discount` less than the base group price. */
export interface GroupTier {
  size: number;
  discount: Fen;
}

export const MIN_GROUP_SIZE = 2;
export const MAX_GROUP_SIZE = 50;

/**
 * The sizes a leader can open: the campaign's base size (no extra discount) and its tiers.
 * Returns a problem in Chinese, or null when the tiers are valid: sizes and discounts strictly increase.
 */
export function validateTiers(baseSize: number, tiers: readonly GroupTier[]): string | null {
  let size = baseSize;
  let discount = 0;
  for (const tier of tiers) {
    if (!Number.isInteger(tier.size) || tier.size <= size || tier.size > MAX_GROUP_SIZE) return `阶梯人数必须递增且不超过${MAX_GROUP_SIZE}人`;
    if (!Number.isInteger(tier.discount) || tier.discount <= discount) return '人数越多优惠必须越大';
    size = tier.size;
    discount = tier.discount;
  }
  return null;
}

export function groupSizes(baseSize: number, tiers: readonly GroupTier[]): GroupTier[] {
  return [{ size: baseSize, discount: 0 }, ...tiers];
}

export interface GroupPriceInput {
  /** The SKU's base group price (for the campaign's base size). */
  groupPrice: Fen;
  /** The extra discount of the size the leader chose (0 for the base size). */
  tierDiscount: Fen;
  /** 团长优惠, per unit, for whoever opens the group. */
  leaderDiscount: Fen;
  isLeader: boolean;
}

/** The unit price a member pays. Never below 1 fen: a group-buy is never free. */
export function groupUnitPrice(input: GroupPriceInput): Fen {
  const off = input.tierDiscount + (input.isLeader ? input.leaderDiscount : 0);
  return Math.max(1, input.groupPrice - off);
}

/**
 * A group order's price as pricing-pipeline adjustments: the group price, the tier's discount for a bigger group,
 * 团长优惠 for the leader, and free shipping (拼团包邮). Per unit they come to exactly `groupUnitPrice`.
 */
export function groupPriceAdjustments(skuId: number, input: GroupPriceInput): Adjustment[] {
  const adjustments: Adjustment[] = [
    { kind: 'promotion_price', source: 'group', skuId, unitPrice: input.groupPrice, combinable: true, label: '拼团价' },
    { kind: 'freight_waiver', source: 'group', combinable: true, label: '拼团包邮' },
  ];
  if (input.tierDiscount > 0) adjustments.push({ kind: 'promotion_discount', source: 'group_tier', skuId, perUnit: input.tierDiscount, combinable: true, label: '多人团优惠' });
  if (input.isLeader && input.leaderDiscount > 0) adjustments.push({ kind: 'promotion_discount', source: 'group_leader', skuId, perUnit: input.leaderDiscount, combinable: true, label: '团长优惠' });
  return adjustments;
}

/** The lowest unit price anyone can pay in a campaign: shown as 「拼团价 低至」. */
export function lowestGroupPrice(groupPrices: readonly Fen[], baseSize: number, tiers: readonly GroupTier[]): Fen {
  const deepest = groupSizes(baseSize, tiers).reduce((max, t) => Math.max(max, t.discount), 0);
  return Math.min(...groupPrices.map((p) => groupUnitPrice({ groupPrice: p, tierDiscount: deepest, leaderDiscount: 0, isLeader: false })));
}

// ---- views ----

export type GroupBuyCampaignState = 'upcoming' | 'active' | 'ended' | 'stopped';

export interface GroupBuySkuView {
  skuId: number;
  specs: Record<string, string>;
  /** The normal single-purchase price. */
  price: Fen;
  /** Base group price per unit. */
  groupPrice: Fen;
  stock: number;
}

/** What the product page needs to offer 「发起拼团」. */
export interface GroupBuyCampaignView {
  id: number;
  productId: number;
  title: string;
  state: GroupBuyCampaignState;
  groupSize: number;
  tiers: GroupTier[];
  leaderDiscount: Fen;
  newCustomerOnly: boolean;
  perUserLimit: number;
  timeLimitSeconds: number;
  startsAt: string;
  endsAt: string;
  /** Group-priced units left in the campaign. */
  stockLeft: number;
  lowestPrice: Fen;
  skus: GroupBuySkuView[];
}

export interface GroupMemberView {
  nickname: string;
  avatar: string | null;
  isLeader: boolean;
  joinedAt: string;
}

export interface GroupView {
  id: number;
  campaignId: number;
  productId: number;
  productTitle: string;
  cover: string;
  status: GroupStatus;
  size: number;
  /** Paid members only; a refunded member is not listed. */
  members: GroupMemberView[];
  /** Seats not yet held by a paid or reserved member. */
  seatsLeft: number;
  expiresAt: string | null;
  closedAt: string | null;
  /** Succeeded by the campaign's virtual-completion rule (模拟成团). */
  virtual: boolean;
  /** The base group price of the cheapest SKU at this group's size. */
  unitPrice: Fen;
  /** For the signed-in viewer: their part in this group, if any. */
  mine: { role: 'leader' | 'member'; orderId: number; orderStatus: OrderStatus } | null;
  /** Why the viewer cannot join, or null when 「参与拼团」 is possible. */
  joinBlockedReason: string | null;
}

export interface GroupBuyProductView {
  campaign: GroupBuyCampaignView | null;
  /** Open groups for this campaign, nearest to full first. */
  openGroups: GroupView[];
}

export interface GroupOrderRequest {
  campaignId: number;
  skuId: number;
  quantity: number;
  /** Needed for delivery; a pickup order has none. */
  addressId?: number;
  /** Defaults to delivery. */
  fulfilment?: Fulfilment;
  /** The store to collect a pickup order at. */
  pickupStoreId?: number;
  /** Join this group; omit to open a new one. */
  groupId?: number;
  /** The size to open (a tier); omit for the campaign's base size. Ignored when joining. */
  groupSize?: number;
  remark?: string;
  requestKey?: string;
  /** One of the shopper's coupons, re-checked by the server. */
  couponId?: number;
}

export type GroupOrderPreviewRequest = Omit<GroupOrderRequest, 'remark' | 'requestKey' | 'couponId'> & { couponId?: number | null };
