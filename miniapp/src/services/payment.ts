import Taro from '@tarojs/taro'
import type { PayStartView } from '@linli/shared'
import { Routes, withQuery } from '../routes'
import { startPayment } from './order'
import { ApiError, IS_H5 } from './request'

/**
 * Paying for an order. The pages call `payOrder` only; what WeChat's callback says is a hint for the
 * result page (how long to wait), never the outcome: the result page asks the server.
 */

/** What the payment callback said. `cancel` covers the shopper closing the sheet and any other failure. */
export type PayHint = 'success' | 'cancel'

export type PayOutcome =
  /** The result page is opening. */
  | 'result'
  /** H5: the browser is leaving for the cashier page and will come back to the result page. */
  | 'cashier'
  /** H5 without a cashier page: payment needs WeChat. */
  | 'unsupported'
  /** The payment could not start (the request wrapper showed why). */
  | 'failed'
  /** A payment for this order is already starting (a double tap): nothing done. */
  | 'busy'

export interface PayOptions {
  /** Replace the current page with the result page (checkout, the result page itself, the order detail). */
  replace?: boolean
}

/** The result page, with the callback's hint when there is one. */
export function payResultUrl(orderId: number, hint?: PayHint): string {
  return withQuery(Routes.payResult, { id: orderId, pay: hint })
}

/** H5: where the cashier sends the shopper back to, whichever button they press. */
export function h5ResultUrl(orderId: number, where: Pick<Location, 'origin' | 'pathname'> = window.location): string {
  return `${where.origin}${where.pathname}#${Routes.payResult}?id=${orderId}`
}

/** The simulator's cashier page with `redirect` back to our result page. */
export function cashierUrlWithRedirect(cashierUrl: string, orderId: number, where?: Pick<Location, 'origin' | 'pathname'>): string {
  const separator = cashierUrl.includes('?') ? '&' : '?'
  return `${cashierUrl}${separator}redirect=${encodeURIComponent(h5ResultUrl(orderId, where))}`
}

/** Leaves the app for another page (a seam for specs: jsdom cannot navigate). */
export const browser = {
  go(url: string, replace: boolean): void {
    if (replace) window.location.replace(url)
    else window.location.assign(url)
  },
}

/** True when `wx.requestPayment` failed because the shopper closed the payment sheet. */
export function isPayCancel(err: unknown): boolean {
  const message = typeof err === 'object' && err !== null && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : String(err)
  return /cancel/i.test(message)
}

const inFlight = new Set<number>()

/** Starts paying for `orderId`: prepay on the server, then WeChat's payment sheet (weapp) or the cashier page (H5). */
export async function payOrder(orderId: number, options: PayOptions = {}): Promise<PayOutcome> {
  if (inFlight.has(orderId)) return 'busy'
  inFlight.add(orderId)
  try {
    let start: PayStartView
    try {
      start = await startPayment(orderId)
    } catch (err) {
      if (!(err instanceof ApiError)) void Taro.showToast({ title: '支付发起失败，请稍后重试', icon: 'none' })
      return 'failed'
    }
    return IS_H5 ? payInBrowser(start, options) : await payInWeChat(start, options)
  } finally {
    inFlight.delete(orderId)
  }
}

async function payInWeChat(start: PayStartView, options: PayOptions): Promise<PayOutcome> {
  let hint: PayHint
  try {
    await Taro.requestPayment({ ...start.requestPayment })
    hint = 'success'
  } catch (err) {
    hint = 'cancel'
    if (!isPayCancel(err)) void Taro.showToast({ title: '支付未成功，请重试', icon: 'none' })
  }
  const url = payResultUrl(start.orderId, hint)
  void (options.replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }))
  return 'result'
}

function payInBrowser(start: PayStartView, options: PayOptions): PayOutcome {
  if (!start.cashierUrl) {
    void Taro.showToast({ title: '请在微信中打开小程序完成支付', icon: 'none', duration: 2500 })
    return 'unsupported'
  }
  browser.go(cashierUrlWithRedirect(start.cashierUrl, start.orderId), options.replace ?? false)
  return 'cashier'
}
