import type { OrderPreviewView, OrderView } from '@linli/shared'
import Taro from '@tarojs/taro'
import { ApiError, request } from './request'

/** Types mirror the server's community DTOs (server/src/modules/community/community.dto.ts). */
export interface StoreView {
  id: number
  name: string
  address: string
  district: string
  latitude: number
  longitude: number
  hours: string
  phone: string
  photo: string | null
  state: 'open' | 'paused' | 'closed'
  distance: number | null
}

export interface PickupView {
  orderId: number
  orderNo: string
  status: string
  code: string | null
  store: StoreView
  readyAt: string | null
  pickedUpAt: string | null
}

export interface MyStoreRole {
  role: 'leader' | 'staff' | null
  store: StoreView | null
}

export interface VerifiedPickup {
  orderId: number
  orderNo: string
  buyer: string
  lines: { title: string; spec: string; quantity: number }[]
  pickedUpAt: string
}

export interface WaitingOrder {
  orderId: number
  orderNo: string
  buyer: string
  quantity: number
  readyAt: string | null
  overdue: boolean
  /** The buyer's pickup phone, masked, when they gave one. */
  phone: string | null
}

export interface BatchView {
  id: number
  campaignTitle: string
  pickupDate: string
  storeName: string
  status: 'pending' | 'shipping' | 'arrived'
  orderCount: number
  totals: { skuId: number; title: string; spec: string; quantity: number }[]
  shortages: { skuId: number; quantity: number }[] | null
  arrivedAt: string | null
}

export interface CampaignView {
  id: number
  title: string
  cutoffAt: string
  pickupDate: string
  phase: 'upcoming' | 'selling' | 'closed'
  /** Shoppers may use a coupon on this campaign's orders. */
  couponsAllowed: boolean
  items: { itemId: number; skuId: number; title: string; cover: string; spec: string; price: number; originalPrice: number; left: number; perUserLimit: number }[]
}

export const getStore = (id: number) => request<StoreView>(`/api/community/stores/${id}`, { auth: false, toast: false })
export const listStores = (at?: { latitude: number; longitude: number }) =>
  request<StoreView[]>('/api/community/stores', { auth: false, query: at ? { latitude: at.latitude, longitude: at.longitude } : {} })
export const getPickup = (orderId: number) => request<PickupView>(`/api/community/orders/${orderId}/pickup`)
export const listCampaigns = (storeId?: number) => request<CampaignView[]>('/api/community/campaigns', { auth: false, query: storeId ? { storeId } : {} })
export const buyCampaign = (body: { campaignId: number; skuId: number; quantity: number; storeId: number; requestKey: string; couponId?: number }) =>
  request<OrderView>('/api/community/orders', { method: 'POST', data: body })
/** The price with the shopper's coupons; `couponId` undefined asks for the best one, null for none. */
export const previewCampaignOrder = (body: { campaignId: number; skuId: number; quantity: number; storeId: number; couponId?: number | null }) =>
  request<OrderPreviewView>('/api/community/orders/preview', { method: 'POST', data: body })

export const myStoreRole = () => request<MyStoreRole>('/api/community/leader/me')
/** The refusal (another store's code, a used one) comes back as an error the page shows itself, so no toast. */
export const verifyPickup = (code: string) => request<VerifiedPickup>('/api/community/leader/verify', { method: 'POST', data: { code }, toast: false })
export const waitingOrders = () => request<WaitingOrder[]>('/api/community/leader/orders/waiting')
export const leaderBatches = () => request<BatchView[]>('/api/community/leader/batches')
export const confirmArrival = (id: number, shortages: { skuId: number; quantity: number }[]) =>
  request<BatchView>(`/api/community/leader/batches/${id}/arrive`, { method: 'POST', data: { shortages } })
export const createStaffInvite = () => request<{ code: string; expiresAt: string }>('/api/community/leader/staff/invites', { method: 'POST' })
export const joinAsStaff = (code: string) => request<MyStoreRole>('/api/community/staff/join', { method: 'POST', data: { code } })

export interface LeaderApplication {
  id: number
  status: 'pending' | 'approved' | 'rejected'
  storeName: string
  address: string
  district: string
  latitude: number
  longitude: number
  hours: string
  /** Masked (138****1234). */
  phone: string
  reason: string | null
  storeId: number | null
  createdAt: string
  decidedAt: string | null
}

export interface DailyReport {
  date: string
  storeName: string
  orders: number
  shoppers: number
  units: number
  topProducts: { title: string; quantity: number }[]
  waitingOrders: number
  waitingUnits: number
  recentBuyers: string[]
}

export interface StaffMember {
  userId: number
  /** Masked. */
  name: string
  since: string
}

export const applyForLeader = (body: { storeName: string; address: string; district: string; latitude: number; longitude: number; hours: string; phoneCode: string }) =>
  request<LeaderApplication>('/api/community/leader-applications', { method: 'POST', data: body })
export const myLeaderApplication = () => request<{ application: LeaderApplication | null }>('/api/community/leader-applications/mine')
export const dailyReport = () => request<DailyReport>('/api/community/leader/report')
/** The report image's URL; the page downloads it with the token (it is the leader's own). */
export const dailyReportImagePath = '/api/community/leader/report/image'
export const listStaff = () => request<StaffMember[]>('/api/community/leader/staff')
export const removeStaff = (userId: number) => request<void>(`/api/community/leader/staff/${userId}`, { method: 'DELETE' })
export const searchWaiting = (phoneTail: string) => request<WaitingOrder[]>('/api/community/leader/orders/waiting', { query: phoneTail ? { phoneTail } : {} })
export const myContactPhone = () => request<{ phone: string | null }>('/api/community/contact-phone', { toast: false })
export const setContactPhone = (phoneCode: string) => request<{ phone: string | null }>('/api/community/contact-phone', { method: 'POST', data: { phoneCode } })
export const arrivalNotice = (orderId: number) => request<{ templateId: string | null; subscribed: boolean }>(`/api/community/orders/${orderId}/arrival-notice`, { toast: false })
export const subscribeArrival = (orderId: number) => request<{ templateId: string | null; subscribed: boolean }>(`/api/community/orders/${orderId}/arrival-notice`, { method: 'POST', toast: false })

/** The shopper's chosen store, remembered on this device (a paused or closed one is dropped when the list loads). */
const STORE_KEY = 'linli.pickupStore'

export function rememberedStore(): StoreView | null {
  const saved: unknown = Taro.getStorageSync(STORE_KEY)
  return saved && typeof saved === 'object' && typeof (saved as StoreView).id === 'number' ? (saved as StoreView) : null
}

export function rememberStore(store: StoreView | null): void {
  // The distance was from where the shopper stood then: not kept.
  if (store) Taro.setStorageSync(STORE_KEY, { ...store, distance: null })
  else Taro.removeStorageSync(STORE_KEY)
}

/**
 * Re-reads the remembered store: details change, and a closed one (404) or a paused one is forgotten so checkout
 * does not offer it. A network failure keeps what is stored.
 */
export async function refreshRememberedStore(): Promise<StoreView | null> {
  const saved = rememberedStore()
  if (!saved) return null
  try {
    const fresh = await request<StoreView>(`/api/community/stores/${saved.id}`, { auth: false, toast: false })
    rememberStore(fresh.state === 'open' ? fresh : null)
    return fresh.state === 'open' ? { ...fresh, distance: null } : null
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      rememberStore(null)
      return null
    }
    return saved
  }
}

/** Stores nearest first when the shopper shares their location, else by district (a refusal is fine). */
export async function storesNearMe(): Promise<{ stores: StoreView[]; located: boolean }> {
  let at: { latitude: number; longitude: number } | undefined
  try {
    // Store coordinates are GCJ-02 (Chinese maps); browsers only give WGS-84, a few hundred metres off, fine for sorting.
    const loc = await Taro.getLocation({ type: process.env.TARO_ENV === 'h5' ? 'wgs84' : 'gcj02' })
    at = { latitude: loc.latitude, longitude: loc.longitude }
  } catch {
    at = undefined
  }
  return { stores: await listStores(at), located: !!at }
}

export function openStoreMap(store: StoreView): void {
  void Taro.openLocation({ latitude: store.latitude, longitude: store.longitude, name: store.name, address: store.address, scale: 16 }).catch(() => undefined)
}

export const arrivalTemplate = () => request<{ templateId: string | null }>('/api/community/arrival-notice-template', { auth: false, toast: false })

/**
 * Asks consent for the 到店提醒 message inside the shopper's tap, before the order exists (weapp only: H5 has no
 * subscription messages). A refusal or failure only means no message.
 */
export async function askArrivalConsent(templateId: string | null): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp' || !templateId) return false
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] } as never)) as unknown as Record<string, string>
    return answer[templateId] === 'accept'
  } catch {
    return false
  }
}

export interface OverdueNotice {
  templateId: string | null
  /** Messages consented to and not yet sent (one per overdue order). */
  credits: number
  overdueDays: number
}
export const overdueNotice = () => request<OverdueNotice>('/api/community/leader/overdue-notice', { toast: false })

/** Leader: asks consent for one 逾期未取提醒 inside the tap (weapp only), then records it. */
export async function subscribeOverdueNotice(templateId: string | null): Promise<OverdueNotice | null> {
  if (!(await askArrivalConsent(templateId))) return null
  return request<OverdueNotice>('/api/community/leader/overdue-notice', { method: 'POST' })
}

/** Records the consent for the placed order; failing to record only loses the message. */
export async function recordArrivalConsent(orderId: number, consented: boolean): Promise<void> {
  if (consented) await subscribeArrival(orderId).catch(() => undefined)
}
