import type {
  ApiErrorBody, CartView, CategoryView, LoginResult, OrderCounts, Page, ProductDetailView, ProductSummaryView,
} from '@linli/shared'
import type { ApiHandler, ApiRequest, ApiResponse } from './fake-wx'

/** Fixtures shaped like the real API (`shared/src/api.ts`). Prices are fen. */

export interface BannerFixture {
  id: number
  title: string
  image: string
  productId: number | null
}

export const banners: BannerFixture[] = [
  { id: 1, title: '新鲜到货', image: '/media/banners/1.svg', productId: 101 },
  { id: 2, title: '邻里拼单', image: '/media/banners/2.svg', productId: null },
]

export const categories: CategoryView[] = [
  { id: 1, name: '水果', icon: null, sortOrder: 1 },
  { id: 2, name: '蔬菜', icon: '/media/categories/2.svg', sortOrder: 2 },
  { id: 3, name: '粮油', icon: null, sortOrder: 3 },
]

export const products: ProductSummaryView[] = [
  { id: 101, categoryId: 1, title: '烟台红富士苹果', subtitle: '脆甜多汁', cover: '/media/products/101-1.svg', price: 1990, originalPrice: 2590, sales: 1234, onShelf: true },
  { id: 102, categoryId: 2, title: '云南高山小番茄', subtitle: '', cover: '/media/products/102-1.svg', price: 990, originalPrice: 990, sales: 56, onShelf: true },
  { id: 103, categoryId: 3, title: '五常稻花香大米 5kg', subtitle: '当季新米', cover: '/media/products/103-1.svg', price: 6900, originalPrice: 7900, sales: 23456, onShelf: true },
]

export const reviewSummary = {
  productId: 101, count: 1, withPhotos: 0, averageTenths: 50, goodPercent: 100,
  top: [{ id: 1, productId: 101, rating: 5, content: '很甜，下次还买', specText: '重量: 5斤', photos: [], authorName: '小**', authorAvatar: null, createdAt: '2026-11-30T02:00:00.000Z' }],
}

export const productDetail: ProductDetailView = {
  ...products[0],
  images: ['/media/products/101-1.svg', '/media/products/101-2.svg'],
  attributes: [{ name: '产地', value: '山东烟台' }, { name: '保质期', value: '冷藏约15天' }],
  detail: [
    { type: 'text', text: '产自山东烟台，果园直发。' },
    { type: 'image', url: '/media/products/101-detail.svg' },
  ],
  specDimensions: [
    { name: '重量', values: ['2.5kg', '5kg'] },
    { name: '规格', values: ['中果', '大果'] },
  ],
  skus: [
    { id: 1001, specs: { 重量: '2.5kg', 规格: '中果' }, price: 1990, originalPrice: 2590, stock: 50, sales: 600 },
    { id: 1002, specs: { 重量: '2.5kg', 规格: '大果' }, price: 2490, originalPrice: 2990, stock: 30, sales: 300 },
    { id: 1003, specs: { 重量: '5kg', 规格: '中果' }, price: 3690, originalPrice: 4590, stock: 8, sales: 200 },
    { id: 1004, specs: { 重量: '5kg', 规格: '大果' }, price: 4590, originalPrice: 5590, stock: 0, sales: 134 },
  ],
}

export const loginResult: LoginResult = {
  token: 'test-token-abc',
  expiresIn: 7200,
  user: { id: 7, nickname: '邻里用户', avatar: null },
}

export const orderCounts: OrderCounts = { pending_payment: 1, grouping: 0, paid: 0, shipped: 0, ready_for_pickup: 0, after_sale: 0 }

export const emptyCart: CartView = { items: [], selectedCount: 0, selectedTotal: 0 }

export function productPage(query: Record<string, string>): Page<ProductSummaryView> {
  const page = Number(query.page ?? 1)
  const pageSize = Number(query.pageSize ?? 20)
  let items = products
  if (query.categoryId) items = items.filter((p) => p.categoryId === Number(query.categoryId))
  if (query.keyword) items = items.filter((p) => p.title.includes(query.keyword))
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize }
}

const ok = (data: unknown): ApiResponse => ({ statusCode: 200, data })
const error = (statusCode: number, code: string, message: string): ApiResponse => ({
  statusCode,
  data: { code, message } as ApiErrorBody,
})

/** A fake of the shopper API. Records every request; unknown routes answer 404 and are listed in `unhandled`. */
export function createFakeApi() {
  const requests: ApiRequest[] = []
  const unhandled: string[] = []
  let cart: CartView = emptyCart

  const handler: ApiHandler = (req) => {
    requests.push(req)
    const route = `${req.method} ${req.path}`
    const authorized = req.header.Authorization === `Bearer ${loginResult.token}`
    const productMatch = /^GET \/api\/products\/(\d+)$/.exec(route)

    if (route === 'GET /api/banners') return ok(banners)
    if (route === 'GET /api/flash-sale/slots') return ok([])
    // The first product runs a 3-person group-buy; the card tags it.
    if (route === 'GET /api/promotions/products') {
      const ids = String(req.query.ids ?? '').split(',').map(Number)
      return ok(ids.map((productId) => ({ productId, groupBuy: productId === products[0].id ? { campaignId: 1, groupSize: 3, groupPrice: 1690 } : null, flash: null })))
    }
    if (route === 'GET /api/promotions/group-buys') return ok([])
    if (/^GET \/api\/products\/\d+\/reviews\/summary$/.test(route)) return ok(reviewSummary)
    if (route.startsWith('GET /api/group-buy/products/')) return ok({ campaign: null, openGroups: [] })
    if (route.startsWith('GET /api/coupons/products/')) return ok({ offers: [], afterCouponPrice: null })
    if (route === 'GET /api/categories') return ok(categories)
    if (route === 'GET /api/products') return ok(productPage(req.query))
    if (productMatch) {
      return Number(productMatch[1]) === productDetail.id ? ok(productDetail) : error(404, 'PRODUCT_NOT_FOUND', '商品不存在')
    }
    if (route === 'POST /api/auth/wechat-login') {
      const code = (req.data as { code?: unknown } | null)?.code
      return typeof code === 'string' && code ? ok(loginResult) : error(400, 'VALIDATION_FAILED', 'code 不能为空')
    }
    if (route === 'GET /api/orders/counts') return authorized ? ok(orderCounts) : error(401, 'UNAUTHORIZED', '请先登录')
    if (route === 'GET /api/cart') return authorized ? ok(cart) : error(401, 'UNAUTHORIZED', '请先登录')
    if (route === 'POST /api/cart/items') {
      if (!authorized) return error(401, 'UNAUTHORIZED', '请先登录')
      const { skuId, quantity } = req.data as { skuId: number; quantity: number }
      const sku = productDetail.skus.find((s) => s.id === skuId)
      if (!sku) return error(404, 'SKU_NOT_FOUND', '规格不存在')
      cart = {
        items: [
          ...cart.items,
          {
            id: cart.items.length + 1, skuId, productId: productDetail.id, title: productDetail.title, cover: productDetail.cover,
            specs: sku.specs, price: sku.price, quantity, selected: true, stock: sku.stock, available: true, unavailableReason: null,
          },
        ],
        selectedCount: cart.selectedCount + quantity,
        selectedTotal: cart.selectedTotal + sku.price * quantity,
      }
      return ok(cart)
    }
    unhandled.push(route)
    return error(404, 'NOT_FOUND', `no fixture for ${route}`)
  }

  return {
    handler,
    requests,
    unhandled,
    /** Requests to one route, e.g. `find('POST', '/api/auth/wechat-login')`. */
    find: (method: string, pathname: string) => requests.filter((r) => r.method === method && r.path === pathname),
  }
}
