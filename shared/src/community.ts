/**
 * Community store + group (店+群): pickup stores, their leaders and staff, pickup codes.
 * Pure rules shared by the server and the mini program.
 */

export type StoreState = 'open' | 'paused' | 'closed';
export const STORE_STATES: readonly StoreState[] = ['open', 'paused', 'closed'];
export const STORE_STATE_LABEL: Record<StoreState, string> = { open: '营业中', paused: '暂停营业', closed: '已关闭' };

/** Only an open store takes new pickup orders; a paused one still hands out what already waits there. */
export function storeTakesOrders(state: StoreState): boolean {
  return state === 'open';
}

/** Pickup codes: 16 decimal digits, drawn uniformly on the server from a CSPRNG (log2(10^16) ≈ 53.2 bits). */
export const PICKUP_CODE_DIGITS = 16;
export const PICKUP_CODE_BITS = PICKUP_CODE_DIGITS * Math.log2(10);

/** Accepts what a person types or a scanner reads: digits with optional spaces or dashes. Null when it cannot be a code. */
export function normalizePickupCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${PICKUP_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** Groups of four for reading aloud: `1234 5678 9012 3456`. */
export function formatPickupCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export interface LatLng {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

export interface SortableStore extends LatLng {
  id: number;
  district: string;
  name: string;
}

/**
 * Stores nearest first when the shopper shared a location (ties by id); without one, by district then name,
 * so the list is stable and a shopper finds their district. Distance is null without a location.
 */
export function sortStores<S extends SortableStore>(stores: readonly S[], from?: LatLng | null): (S & { distance: number | null })[] {
  if (from) {
    return stores
      .map((s) => ({ ...s, distance: distanceMetres(from, s) }))
      .sort((a, b) => a.distance - b.distance || a.id - b.id);
  }
  return stores
    .map((s) => ({ ...s, distance: null }))
    .sort((a, b) => a.district.localeCompare(b.district, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
}

/** 1.2km / 350m */
export function formatDistance(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(1)}km` : `${metres}m`;
}

/** Staff invite codes: 8 characters a person can type, without look-alikes (0/O, 1/I/L). */
export const INVITE_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 8;
export const INVITE_TTL_HOURS = 24;

/** The answer a verifier gets when a code is already used: when and by whom. */
export function alreadyPickedUpMessage(at: Date, by: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = new Date(at.getTime() + 8 * 3600_000); // China Standard Time, no DST
  const when = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  return `该订单已于 ${when} 由 ${by} 核销，不能重复提货`;
}

// ───────────────────────────── community campaigns and batches ─────────────────────────────

/** A campaign's phase at `now`: not started, selling until the cut-off, then closed (nothing sold). */
export type CampaignPhase = 'upcoming' | 'selling' | 'closed';

export function campaignPhase(c: { startsAt: Date; cutoffAt: Date }, now: Date): CampaignPhase {
  if (now < c.startsAt) return 'upcoming';
  return now < c.cutoffAt ? 'selling' : 'closed';
}

/** The calendar day (YYYY-MM-DD) an instant falls on in China (UTC+8, no DST). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Why a campaign's pickup date cannot be used, or null: it must be a real calendar day, and goods cannot be picked up
 * before the day orders close (the warehouse batches after the cut-off).
 */
export function pickupDateRefusal(pickupDate: string, cutoffAt: Date): string | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(pickupDate);
  const parsed = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : null;
  if (!parsed || parsed.toISOString().slice(0, 10) !== pickupDate) return '提货日期不是有效的日期';
  if (pickupDate < chinaDate(cutoffAt)) return '提货日期不能早于截单日期';
  return null;
}

/** An order placed now must be paid before the cut-off: it expires at the earlier of its own timeout and the cut-off. */
export function communityPayDeadline(now: Date, payTimeoutMs: number, cutoffAt: Date): Date {
  return new Date(Math.min(now.getTime() + payTimeoutMs, cutoffAt.getTime()));
}

/** A store's share of a campaign after the cut-off: 待配送 → 配送中 → 已到店. */
export type BatchStatus = 'pending' | 'shipping' | 'arrived';
export type BatchEvent = 'ship' | 'arrive';
export const BATCH_STATUSES: readonly BatchStatus[] = ['pending', 'shipping', 'arrived'];
export const BATCH_STATUS_LABEL: Record<BatchStatus, string> = { pending: '待配送', shipping: '配送中', arrived: '已到店' };

const BATCH_MACHINE: Record<BatchEvent, { from: BatchStatus; to: BatchStatus }> = {
  ship: { from: 'pending', to: 'shipping' },
  arrive: { from: 'shipping', to: 'arrived' },
};

export function nextBatchStatus(from: BatchStatus, event: BatchEvent): BatchStatus | null {
  const step = BATCH_MACHINE[event];
  return step.from === from ? step.to : null;
}

export function batchSourceStatus(event: BatchEvent): BatchStatus {
  return BATCH_MACHINE[event].from;
}

/** The state a shopper reads on a pickup order. */
export type PickupPhase = 'grouping' | 'awaiting_delivery' | 'ready' | 'picked_up' | 'closed';
export const PICKUP_PHASE_LABEL: Record<PickupPhase, string> = { grouping: '待成团', awaiting_delivery: '待配送', ready: '待自提', picked_up: '已自提', closed: '已关闭' };

export function pickupPhase(status: string): PickupPhase {
  switch (status) {
    case 'grouping': return 'grouping';
    case 'paid': return 'awaiting_delivery';
    case 'ready_for_pickup': return 'ready';
    case 'completed': return 'picked_up';
    default: return 'closed';
  }
}

export interface ShortageOrderLine {
  orderId: number;
  skuId: number;
  quantity: number;
}

/**
 * Spreads a store's shortage of each SKU over its orders: the latest orders lose units first, so the earliest buyers
 * stay whole (`orders` come in paying order, earliest first). Returns, per order and SKU, how many units are short;
 * never more than an order holds, and never more in total than is short (or than the orders hold).
 */
export function allocateShortage(orders: readonly ShortageOrderLine[], shortage: readonly { skuId: number; quantity: number }[]): ShortageOrderLine[] {
  const out: ShortageOrderLine[] = [];
  for (const s of shortage) {
    let left = s.quantity;
    for (const line of [...orders].reverse()) {
      if (left <= 0) break;
      if (line.skuId !== s.skuId) continue;
      const take = Math.min(left, line.quantity);
      out.push({ orderId: line.orderId, skuId: s.skuId, quantity: take });
      left -= take;
    }
  }
  return out;
}

/** A phone number as others may see it: 138****1234 (first 3 and last 4 of a mainland number). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export type LeaderApplicationStatus = 'pending' | 'approved' | 'rejected';
export const LEADER_APPLICATION_LABEL: Record<LeaderApplicationStatus, string> = { pending: '审核中', approved: '已通过', rejected: '未通过' };
