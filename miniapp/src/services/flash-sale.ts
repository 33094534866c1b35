import {
  ErrorCode, flashSlotState, type FlashItemView, type FlashPreviewRequest, type FlashPurchaseRequest, type FlashPurchaseView, type FlashRemindersView, type FlashSlotState, type FlashSlotView,
  type OrderPreviewView,
} from '@linli/shared'
import { Routes, paramValue, withQuery } from '../routes'
import { ApiError, request } from './request'

/** Flash sale (秒杀): the slots with their items, buying one (queued behind Redis or confirmed at once), and page helpers. */

/** Public: with a session the server also fills each item's `myCount`. */
export function listFlashSlots(options: { toast?: boolean } = {}): Promise<FlashSlotView[]> {
  return request<FlashSlotView[]>('/api/flash-sale/slots', options)
}

export function createFlashPurchase(input: FlashPurchaseRequest, options: { toast?: boolean } = {}): Promise<FlashPurchaseView> {
  // Exactly the fields the API accepts: it rejects unknown ones.
  const data: FlashPurchaseRequest = { itemId: input.itemId, quantity: input.quantity, addressId: input.addressId }
  if (input.couponId) data.couponId = input.couponId
  return request<FlashPurchaseView>('/api/flash-sale/purchases', { method: 'POST', data, ...options })
}

/** The server's price for a purchase (the confirm page shows it; it never adds prices up itself). */
export function previewFlashPurchase(input: FlashPreviewRequest, options: { toast?: boolean } = {}): Promise<OrderPreviewView> {
  const data: FlashPreviewRequest = { itemId: input.itemId, quantity: input.quantity }
  if (input.addressId) data.addressId = input.addressId
  // undefined lets the server pick the best coupon; null asks for none.
  if (input.couponId !== undefined) data.couponId = input.couponId
  return request<OrderPreviewView>('/api/flash-sale/preview', { method: 'POST', data, ...options })
}

export function getFlashPurchase(purchaseId: string, options: { toast?: boolean } = {}): Promise<FlashPurchaseView> {
  return request<FlashPurchaseView>(`/api/flash-sale/purchases/${encodeURIComponent(purchaseId)}`, options)
}

/** How a purchase ended for the page: an order to pay, a refusal to show, or no answer in time. */
export type FlashPurchaseOutcome =
  | { status: 'confirmed'; purchaseId: string; orderId: number }
  | { status: 'failed'; purchaseId: string | null; reason: string; code: string | null }
  | { status: 'timeout'; purchaseId: string }

export interface PurchaseWaitOptions {
  /** Between polls (default 300 ms). */
  intervalMs?: number
  /** Give up after this long in the queue (default 20 s). */
  timeoutMs?: number
  /** Called once when the server queues the purchase (the page shows 排队中…). */
  onQueued?: (purchaseId: string) => void
  /** Seams for specs. */
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  random?: () => number
}

export const FLASH_POLL_INTERVAL_MS = 300
export const FLASH_WAIT_TIMEOUT_MS = 20_000
/** A purchase the server shed as busy is sent again this many times in all, about FLASH_BUSY_RETRY_MS apart (its Retry-After). */
export const FLASH_BUSY_ATTEMPTS = 3
export const FLASH_BUSY_RETRY_MS = 1000
/** Said when the queue gives no answer in time: the order may still appear in 我的订单. */
export const FLASH_TIMEOUT_MESSAGE = '抢购人数太多，结果稍后可在「我的订单」查看'

const FALLBACK_FAILURE = '很遗憾，没有抢到'

/**
 * Buys a flash item and waits for the outcome. Without Redis the first answer is already `confirmed`;
 * with Redis it is `queued` and the purchase is polled until `confirmed` or `failed`.
 * A refusal of the purchase itself (已抢光, 已达上限…) comes back as `failed` with the server's message and code;
 * network trouble while polling is retried until the timeout. No toast is shown here: the page decides.
 */
export async function purchaseAndWait(input: FlashPurchaseRequest, options: PurchaseWaitOptions = {}): Promise<FlashPurchaseOutcome> {
  const intervalMs = options.intervalMs ?? FLASH_POLL_INTERVAL_MS
  const timeoutMs = options.timeoutMs ?? FLASH_WAIT_TIMEOUT_MS
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const now = options.now ?? Date.now

  const random = options.random ?? Math.random
  let view: FlashPurchaseView
  for (let attempt = 1; ; attempt++) {
    try {
      view = await createFlashPurchase(input, { toast: false })
      break
    } catch (err) {
      if (err instanceof ApiError && err.code === ErrorCode.ServiceBusy && attempt < FLASH_BUSY_ATTEMPTS) {
        // The instance shed the purchase before doing anything (503, Retry-After: 1): wait about a second, spread out
        // so the shed buyers do not all come back in the same instant.
        await sleep(Math.round(FLASH_BUSY_RETRY_MS * (0.5 + random())))
        continue
      }
      if (err instanceof ApiError && !err.isUnauthorized) return { status: 'failed', purchaseId: null, reason: err.message, code: err.code }
      throw err
    }
  }

  const settled = settle(view)
  if (settled) return settled
  options.onQueued?.(view.purchaseId)

  const giveUpAt = now() + timeoutMs
  for (;;) {
    await sleep(intervalMs)
    if (now() >= giveUpAt) return { status: 'timeout', purchaseId: view.purchaseId }
    try {
      view = await getFlashPurchase(view.purchaseId, { toast: false })
    } catch (err) {
      if (err instanceof ApiError && err.isUnauthorized) throw err
      // Unknown or not the shopper's (404, 400): nothing more to wait for. Network trouble, 429 and 5xx are tried again.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
        return { status: 'failed', purchaseId: view.purchaseId, reason: err.message, code: err.code }
      }
      continue
    }
    const done = settle(view)
    if (done) return done
  }
}

function settle(view: FlashPurchaseView): FlashPurchaseOutcome | null {
  if (view.status === 'confirmed' && view.orderId) return { status: 'confirmed', purchaseId: view.purchaseId, orderId: view.orderId }
  if (view.status === 'failed') return { status: 'failed', purchaseId: view.purchaseId, reason: view.reason || FALLBACK_FAILURE, code: view.code ?? null }
  return null
}

/** Refusals that will not change by trying again on this page (sold out, ended, limit reached…): say why and go back. */
const FINAL_REFUSALS: readonly string[] = [
  ErrorCode.FlashSoldOut, ErrorCode.FlashEnded, ErrorCode.FlashItemNotFound, ErrorCode.FlashSlotNotFound, ErrorCode.PurchaseLimitExceeded,
  ErrorCode.ProductOffShelf, ErrorCode.SkuNotFound, ErrorCode.StockInsufficient, ErrorCode.PromotionStockOut,
]

/** After a failed purchase: back to the flash page, or stay to try again (busy, network, not started yet, address…). */
export function failureLeadsBack(outcome: Extract<FlashPurchaseOutcome, { status: 'failed' }>): boolean {
  // A purchase that failed in the queue without a code (an older server): the stock or the limit ran out.
  return outcome.code === null || FINAL_REFUSALS.includes(outcome.code)
}

// ---- slots and pages ----

/** The minutes a flash order may wait for payment when the order itself does not say (the server's default). */
export const FLASH_PAY_MINUTES_DEFAULT = 5

/** Whole minutes from now to an order's payment deadline (at least 1), or the default before the order exists. */
export function payMinutes(payDeadline: string | null | undefined, now = Date.now()): number {
  if (!payDeadline) return FLASH_PAY_MINUTES_DEFAULT
  const ms = new Date(payDeadline).getTime() - now
  return Number.isFinite(ms) ? Math.max(1, Math.round(ms / 60_000)) : FLASH_PAY_MINUTES_DEFAULT
}

/** The slot to show first: the live one, else the next to start, else the last one that ended. */
export function currentSlot(slots: readonly FlashSlotView[], now = Date.now()): FlashSlotView | null {
  const byStart = [...slots].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
  return (
    byStart.find((s) => flashSlotState(s, now) === 'live') ??
    byStart.find((s) => flashSlotState(s, now) === 'upcoming') ??
    byStart[byStart.length - 1] ??
    null
  )
}

export const FLASH_STATE_CAPTION: Record<FlashSlotState, string> = {
  ended: '已结束',
  live: '抢购中',
  upcoming: '即将开始',
}

/** "10:00" in the phone's time zone. */
export function slotHour(iso: string): string {
  const d = new Date(iso)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** '' for today, else 昨天 / 明天 / 后天, else "11/25". */
export function slotDay(iso: string, now = Date.now()): string {
  const days = Math.round((startOfDay(new Date(iso)) - startOfDay(new Date(now))) / 86_400_000)
  if (days === 0) return ''
  if (days === -1) return '昨天'
  if (days === 1) return '明天'
  if (days === 2) return '后天'
  const d = new Date(iso)
  return `${d.getMonth() + 1}/${d.getDate()}`
}

/** "10:00", or "明天 10:00" on another day. */
export function slotTime(iso: string, now = Date.now()): string {
  const day = slotDay(iso, now)
  return day ? `${day} ${slotHour(iso)}` : slotHour(iso)
}

/** The boundary the countdown runs to: the end while live, the start while upcoming; none once ended. */
export function slotDeadline(slot: Pick<FlashSlotView, 'startsAt' | 'endsAt'>, now = Date.now()): string | null {
  const state = flashSlotState(slot, now)
  return state === 'live' ? slot.endsAt : state === 'upcoming' ? slot.startsAt : null
}

/** Countdown digits, hours not capped at a day: 90061000 ms → ['25', '01', '01']. Never negative. */
export function clockParts(ms: number): [string, string, string] {
  const total = Math.max(0, Math.ceil(ms / 1000))
  return [pad(Math.floor(total / 3600)), pad(Math.floor((total % 3600) / 60)), pad(total % 60)]
}

/** The specs as one line: "蓝莓 / 6杯". */
export function specsText(specs: Record<string, string>): string {
  return Object.values(specs).join(' / ')
}

/** How many more this shopper may buy: the per-user limit less what they hold, and never more than is left. */
export function maxQuantity(item: Pick<FlashItemView, 'perUserLimit' | 'myCount' | 'left'>): number {
  return Math.max(0, Math.min(item.perUserLimit - item.myCount, item.left))
}

export function findFlashItem(slots: readonly FlashSlotView[], itemId: number): { slot: FlashSlotView; item: FlashItemView } | null {
  for (const slot of slots) {
    const item = slot.items.find((i) => i.id === itemId)
    if (item) return { slot, item }
  }
  return null
}

export function flashPageUrl(slotId?: number): string {
  return withQuery(Routes.flashSale, { slot: slotId })
}

export function flashConfirmUrl(itemId: number): string {
  return withQuery(Routes.flashConfirm, { item: itemId })
}

/** A positive integer page param, or null. */
export function idParam(value: string | undefined): number | null {
  const n = Number(paramValue(value))
  return Number.isInteger(n) && n > 0 ? n : null
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
}

function pad(n: number): string {
  return n.toString().padStart(2, '0')
}

/**
 * The flash item a product page shows: an item of this product in a slot that is live now, not stopped;
 * one with units left is preferred. Null when the product is not on sale right now.
 */
export function liveFlashItemFor(slots: readonly FlashSlotView[], productId: number, now = Date.now()): { slot: FlashSlotView; item: FlashItemView } | null {
  const candidates = slots
    .filter((slot) => flashSlotState(slot, now) === 'live')
    .flatMap((slot) => slot.items.filter((item) => item.productId === productId && !item.stopped).map((item) => ({ slot, item })))
  return candidates.find((c) => c.item.left > 0) ?? candidates[0] ?? null
}

export function getFlashReminders(options: { toast?: boolean } = {}): Promise<FlashRemindersView> {
  return request<FlashRemindersView>('/api/flash-sale/reminders', options)
}

export function addFlashReminder(itemId: number): Promise<FlashRemindersView> {
  return request<FlashRemindersView>('/api/flash-sale/reminders', { method: 'POST', data: { itemId } })
}

export function removeFlashReminder(itemId: number): Promise<void> {
  return request<void>(`/api/flash-sale/reminders/${itemId}`, { method: 'DELETE' })
}

/** A slot tab's width in design px (750 wide), as `.flash-slot` sets it. */
export const SLOT_TAB_DESIGN_PX = 150

/** How far to scroll the slot tabs (in px) so tab `index` sits in the middle of a `windowWidth` screen. */
export function slotStripLeft(index: number, windowWidth: number): number {
  const tab = (SLOT_TAB_DESIGN_PX * windowWidth) / 750
  return Math.max(0, Math.round(index * tab - (windowWidth - tab) / 2))
}
