import type { OrderView } from '@linli/shared'
import { request } from './request'

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
  items: { itemId: number; skuId: number; title: string; cover: string; spec: string; price: number; originalPrice: number; left: number; perUserLimit: number }[]
}

export const getStore = (id: number) => request<StoreView>(`/api/community/stores/${id}`, { auth: false, toast: false })
export const listStores = (at?: { latitude: number; longitude: number }) =>
  request<StoreView[]>('/api/community/stores', { auth: false, query: at ? { latitude: at.latitude, longitude: at.longitude } : {} })
export const getPickup = (orderId: number) => request<PickupView>(`/api/community/orders/${orderId}/pickup`)
export const listCampaigns = (storeId?: number) => request<CampaignView[]>('/api/community/campaigns', { auth: false, query: storeId ? { storeId } : {} })
export const buyCampaign = (body: { campaignId: number; skuId: number; quantity: number; storeId: number; requestKey: string }) =>
  request<OrderView>('/api/community/orders', { method: 'POST', data: body })

export const myStoreRole = () => request<MyStoreRole>('/api/community/leader/me')
/** The refusal (another store's code, a used one) comes back as an error the page shows itself, so no toast. */
export const verifyPickup = (code: string) => request<VerifiedPickup>('/api/community/leader/verify', { method: 'POST', data: { code }, toast: false })
export const waitingOrders = () => request<WaitingOrder[]>('/api/community/leader/orders/waiting')
export const leaderBatches = () => request<BatchView[]>('/api/community/leader/batches')
export const confirmArrival = (id: number, shortages: { skuId: number; quantity: number }[]) =>
  request<BatchView>(`/api/community/leader/batches/${id}/arrive`, { method: 'POST', data: { shortages } })
export const createStaffInvite = () => request<{ code: string; expiresAt: string }>('/api/community/leader/staff/invites', { method: 'POST' })
export const joinAsStaff = (code: string) => request<MyStoreRole>('/api/community/staff/join', { method: 'POST', data: { code } })
