import Taro from '@tarojs/taro'

/** Every page path in one place, so navigation never hand-writes a route. */
export const Routes = {
  home: '/pages/index/index',
  category: '/pages/category/index',
  cart: '/pages/cart/index',
  mine: '/pages/mine/index',
  product: '/packages/shop/product/index',
  search: '/packages/shop/search/index',
  productReviews: '/packages/shop/reviews/index',
  checkout: '/packages/order/checkout/index',
  orderList: '/packages/order/list/index',
  orderDetail: '/packages/order/detail/index',
  payResult: '/packages/order/result/index',
  refundApply: '/packages/order/refund/index',
  writeReview: '/packages/order/review/index',
  addresses: '/packages/user/addresses/index',
  addressEdit: '/packages/user/address-edit/index',
  login: '/packages/user/login/index',
  settings: '/packages/user/settings/index',
  groupDetail: '/packages/group/detail/index',
  myGroups: '/packages/group/mine/index',
  flashSale: '/packages/flash/index/index',
  flashConfirm: '/packages/flash/confirm/index',
  couponCentre: '/packages/coupons/centre/index',
  myCoupons: '/packages/coupons/mine/index',
  redPacket: '/packages/coupons/packet/index',
  sendRedPacket: '/packages/coupons/send/index',
  myRedPackets: '/packages/coupons/packets/index',
  distributor: '/packages/distributor/index/index',
  distributorWithdraw: '/packages/distributor/withdraw/index',
  distributorLedger: '/packages/distributor/ledger/index',
  distributorTeam: '/packages/distributor/team/index',
  leader: '/packages/leader/index/index',
  leaderApply: '/packages/leader/apply/index',
  leaderReport: '/packages/leader/report/index',
  storePicker: '/packages/community/stores/index',
  communityCampaigns: '/packages/community/campaign/index',
} as const

export const TAB_ROUTES: readonly string[] = [Routes.home, Routes.category, Routes.cart, Routes.mine]

export type QueryValue = string | number | boolean | null | undefined

/** Builds "a=1&b=x", skipping empty values and encoding the rest. */
export function toQueryString(query: Record<string, QueryValue>): string {
  return Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
}

export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const qs = toQueryString(query)
  return qs ? `${path}?${qs}` : path
}

/** Opens a page; tab pages need switchTab (which drops the query). */
export function openPage(url: string): Promise<unknown> {
  const path = url.split('?')[0]
  return TAB_ROUTES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url })
}

/** Replaces the current page with `url`, switching tabs when it is a tab page. */
export function replacePage(url: string): Promise<unknown> {
  const path = url.split('?')[0]
  return TAB_ROUTES.includes(path) ? Taro.switchTab({ url: path }) : Taro.redirectTo({ url })
}

/** The current page as a URL with its query, to come back to after login. */
export function currentPageUrl(): string {
  const router = Taro.getCurrentInstance().router
  if (!router?.path) return Routes.home
  const path = router.path.split('?')[0]
  const params = Object.fromEntries(Object.entries(router.params).filter(([key]) => !key.startsWith('$taro') && key !== 'stamp'))
  return withQuery(path.startsWith('/') ? path : `/${path}`, params)
}

/** Page params arrive decoded in H5 but may still be encoded in weapp; decoding twice is harmless here. */
export function paramValue(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
