import Taro from '@tarojs/taro'
import {
  SHARE_CODE_PATTERN,
  type DistributorMeView,
  type LedgerEntryView,
  type Page,
  type ReferralView,
  type ShareChannel,
  type ShareFunnelView,
  type ShareTarget,
  type ShareView,
  type VisitorView,
  type WithdrawalView,
} from '@linli/shared'
import { API_BASE, IS_H5, onLogin, request } from './request'
import { isLoggedIn } from './session'

const DEVICE_KEY = 'linli.device'
const PENDING_SHARE_KEY = 'linli.share'

/** A random id kept on this device: visits are counted once per device, share and day. */
export function deviceId(): string {
  const saved: unknown = Taro.getStorageSync(DEVICE_KEY)
  if (typeof saved === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(saved)) return saved
  const id = `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`
  Taro.setStorageSync(DEVICE_KEY, id)
  return id
}

/**
 * The share code a launch or a page carries: `s` in the query, or the `scene` of a mini program code (URL-encoded).
 * Anything else is no code. The server decides what a code means.
 */
export function shareCodeFrom(query: Record<string, string | undefined> | undefined): string | null {
  if (!query) return null
  const candidates = [query.s, query.scene ? safeDecode(query.scene) : undefined]
  for (const c of candidates) {
    if (c && SHARE_CODE_PATTERN.test(c)) return c
  }
  return null
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

const reported = new Set<string>()

/**
 * The app was opened through a share: report the visit (anonymous before login) and keep the code, so the
 * binding happens when the shopper logs in. Reporting never blocks or fails the page.
 */
export function arriveWithShare(code: string | null): void {
  if (!code || reported.has(code)) return
  reported.add(code)
  Taro.setStorageSync(PENDING_SHARE_KEY, code)
  void request<{ accepted: boolean }>('/api/shares/visits', { method: 'POST', data: { code, deviceId: deviceId() }, toast: false, auth: isLoggedIn() }).catch(() => undefined)
  if (isLoggedIn()) void bindPendingShare()
}

/** After login: ties this device's visits to the shopper and asks the server to bind them to the sharer. */
export async function bindPendingShare(): Promise<void> {
  const code: unknown = Taro.getStorageSync(PENDING_SHARE_KEY)
  if (typeof code !== 'string' || !code) return
  try {
    await request('/api/referrals/bind', { method: 'POST', data: { code, deviceId: deviceId() }, toast: false })
    Taro.removeStorageSync(PENDING_SHARE_KEY)
  } catch {
    // Kept for the next login; a share is only a hint.
  }
}

onLogin(() => void bindPendingShare())

/** `storeId`: a campaign's share carries the pickup store the sharer is viewing (the link opens it there). */
export function createShare(target: ShareTarget, targetId: number, channel: ShareChannel, storeId?: number): Promise<ShareView> {
  return request<ShareView>('/api/shares', { method: 'POST', data: storeId ? { target, targetId, channel, storeId } : { target, targetId, channel } })
}

/** The H5 address of a share path (what a friend opens in a browser). */
export function h5ShareUrl(path: string): string {
  const origin = IS_H5 && typeof window !== 'undefined' ? window.location.origin + window.location.pathname : ''
  return `${origin}#${path}`
}

/** The query part of a share's path (`id=12&s=<code>`), for `onShareTimeline`, which takes a query, not a path. */
export function queryOf(path: string | undefined): string | null {
  if (!path) return null
  const i = path.indexOf('?')
  return i >= 0 ? path.slice(i + 1) : null
}

/** The server-drawn image of a share: the 5:4 chat card, or the poster with its mini program code. */
export function shareImageUrl(code: string, kind: 'card' | 'poster'): string {
  return `${API_BASE}/api/shares/${encodeURIComponent(code)}/${kind}`
}

/** What a code points at (a page opened from a mini program code has only the `scene`). */
export const resolveShare = (code: string) => request<{ target: ShareTarget; targetId: number; storeId: number | null }>(`/api/shares/${encodeURIComponent(code)}`, { auth: false, toast: false })

export const getDistributor = () => request<DistributorMeView>('/api/distributor')
export const applyDistributor = () => request<DistributorMeView>('/api/distributor/apply', { method: 'POST' })
export const getLedger = (page: number, state?: string) => request<Page<LedgerEntryView>>('/api/distributor/ledger', { query: { page, pageSize: 20, state } })
export const getReferrals = (page: number) => request<Page<ReferralView>>('/api/distributor/referrals', { query: { page, pageSize: 20 } })
export const getVisitors = (page: number) => request<Page<VisitorView>>('/api/distributor/visitors', { query: { page, pageSize: 20 } })
export const getMyShares = (page: number) => request<Page<ShareFunnelView>>('/api/distributor/shares', { query: { page, pageSize: 20 } })
export const getWithdrawals = (page: number) => request<Page<WithdrawalView>>('/api/distributor/withdrawals', { query: { page, pageSize: 20 } })
export const requestWithdrawal = (amount: number) => request<WithdrawalView>('/api/distributor/withdrawals', { method: 'POST', data: { amount } })
export const refreshWithdrawal = (id: number) => request<WithdrawalView>(`/api/distributor/withdrawals/${id}/refresh`, { method: 'POST' })

/**
 * The shopper confirms receipt of a transfer: `wx.requestMerchantTransfer` in weapp; in H5 (development) the
 * WeChat Pay stand-in plays that sheet. Then the server asks WeChat where the bill stands.
 */
export async function confirmTransfer(w: WithdrawalView): Promise<WithdrawalView> {
  if (!w.confirm) return w
  if (IS_H5) {
    await request('/sim/wechatpay/dev/transfer-confirm', { method: 'POST', data: { outBillNo: w.confirm.package }, auth: false })
  } else {
    const wxApi = (globalThis as unknown as { wx?: { requestMerchantTransfer?: (o: object) => void } }).wx
    if (!wxApi?.requestMerchantTransfer) throw new Error('请升级微信后再确认收款')
    await new Promise<void>((resolve, reject) => {
      wxApi.requestMerchantTransfer!({ mchId: w.confirm!.mchId, appId: w.confirm!.appId, package: w.confirm!.package, success: () => resolve(), fail: (e: unknown) => reject(e) })
    })
  }
  return refreshWithdrawal(w.id)
}
