import {
  MiniProgram, createFakeApi, fixtures, removeSnapshot, snapshotWeappDist, walkWxml, wxmlText, type PageHandle,
} from './harness'

/**
 * The built weapp JS (app.js, taro.js, vendors.js, page modules) running in the Node harness with a fake
 * `wx` and fixture API: launch + silent login, the home feed, a tap to the product page in the shop
 * subpackage, and the SKU sheet. One mini program runs through the steps in order.
 */

const TOKEN_KEY = 'linli.token'
const PRODUCT_ROUTE = '/packages/shop/product/index'

let dist: string
let mp: MiniProgram
let api: ReturnType<typeof createFakeApi>
let home: PageHandle
let product: PageHandle
let productUrl: string

beforeAll(async () => {
  dist = await snapshotWeappDist()
  api = createFakeApi()
  mp = new MiniProgram({ distDir: dist, api: api.handler })
}, 90_000)

afterAll(() => {
  mp?.dispose()
  removeSnapshot(dist)
})

afterEach(() => {
  // Anything the app threw or logged as an error, and any request the fixtures do not know, fails the step
  // (and is cleared, so the next step reports only its own).
  expect(mp.errors.splice(0)).toEqual([])
  expect(api.unhandled.splice(0)).toEqual([])
})

const textsOf = (page: PageHandle, cls: string) => page.findByClass(cls).map((n) => page.textOf(n))

it('launches, logs in with wx.login and POSTs the code to /api/auth/wechat-login', async () => {
  await mp.launch()
  await mp.waitFor(() => mp.wx.storage.has(TOKEN_KEY), 'the session token to be stored')

  const logins = mp.wx.callsOf('login')
  expect(logins).toHaveLength(1)
  const loginRequests = api.find('POST', '/api/auth/wechat-login')
  expect(loginRequests).toHaveLength(1)
  expect(loginRequests[0].url).toMatch(/^https?:\/\/[^/]+\/api\/auth\/wechat-login$/)
  expect(loginRequests[0].data).toEqual({ code: 'test-code-1' })
  expect(loginRequests[0].header.Authorization).toBeUndefined()
  expect(mp.wx.storage.get(TOKEN_KEY)).toBe(fixtures.loginResult.token)
})

it('renders the home feed: product cards with the fixture titles and prices', async () => {
  home = await mp.openPage('pages/index/index')
  const cards = await home.waitForClass('product-card')

  expect(cards).toHaveLength(fixtures.products.length)
  expect(textsOf(home, 'product-card__title')).toEqual(fixtures.products.map((p) => p.title))
  expect(home.textOf(cards[0])).toContain('¥19.90')
  // The struck original price, and the 拼团 tag the promotions answer gave (it arrives after the feed).
  expect(home.textOf(cards[0])).toContain('¥25.90')
  await home.waitForClass('product-card__tag')
  expect(textsOf(home, 'product-card__tag-label')).toEqual(['3人拼团'])
  expect(textsOf(home, 'home__shortcut-name')).toEqual(fixtures.categories.map((c) => c.name))
  expect(home.findByClass('banner-item')).toHaveLength(fixtures.banners.length)

  const feedRequest = api.find('GET', '/api/products')[0]
  expect(feedRequest.query).toMatchObject({ page: '1', sort: 'newest' })
  // The feed is public: it went out whether or not the login had finished, and nothing failed.
  expect(mp.wx.callsOf('showToast')).toEqual([])
})

it('renders the same tree through WeChat’s compiled templates', () => {
  const rendered = [...walkWxml(home.render())]
  const titles = rendered.filter((el) => el.attr?.class === 'product-card__title')
  expect(titles.map((el) => el.tag)).toEqual(fixtures.products.map(() => 'wx-text'))
  expect(titles.map(wxmlText)).toEqual(fixtures.products.map((p) => p.title))

  const card = rendered.find((el) => String(el.attr?.class ?? '').split(' ').includes('product-card'))
  expect(card).toMatchObject({ tag: 'wx-view', attr: { bindtap: 'eh' } })
  expect(home.mp.renderer.warnings).toEqual([])
})

it('opens the product page with navigateTo when a product card is tapped', async () => {
  const target = fixtures.products[1]
  const card = home.findByClass('product-card').find((n) => home.textOf(n).includes(target.title))
  // Tap the title inside the card: the tap bubbles up to the card's handler, as on a phone.
  await home.tap(card?.cn?.flatMap((c) => c.cn ?? []).find((n) => n.cl === 'product-card__title') ?? card)
  expect(mp.wx.callsOf('navigateTo')).toEqual([{ url: `${PRODUCT_ROUTE}?id=${target.id}` }])

  const first = home.findByClass('product-card')[0]
  await home.tap(first)
  productUrl = `${PRODUCT_ROUTE}?id=${fixtures.products[0].id}`
  expect(mp.wx.callsOf('navigateTo')).toEqual([{ url: `${PRODUCT_ROUTE}?id=${target.id}` }, { url: productUrl }])
})

it('shows the product page from the shop subpackage with its title and price', async () => {
  product = await mp.openPage(productUrl)
  expect(product.route).toBe('packages/shop/product/index')
  expect(product.instance.options).toEqual({ id: String(fixtures.productDetail.id) })
  await product.waitForClass('product__title')

  expect(api.find('GET', `/api/products/${fixtures.productDetail.id}`)).toHaveLength(1)
  expect(textsOf(product, 'product__title')).toEqual([fixtures.productDetail.title])
  expect(textsOf(product, 'product__price')).toEqual(['¥19.90'])
  // Reviews and the specs table render in weapp too.
  await product.waitForClass('review-card')
  expect(textsOf(product, 'review-card__content')).toEqual(['很甜，下次还买'])
  expect(textsOf(product, 'product__attribute-name')).toEqual(['产地', '保质期'])
  expect(product.text()).toContain(fixtures.productDetail.subtitle)
  expect(mp.wx.callsOf('setNavigationBarTitle')).toContainEqual({ title: fixtures.productDetail.title })
  // Logged in by now, so onShow fetched the cart for the badge, with the token.
  const cartRequests = api.find('GET', '/api/cart')
  expect(cartRequests.length).toBeGreaterThan(0)
  expect(cartRequests[0].header.Authorization).toBe(`Bearer ${fixtures.loginResult.token}`)
  // The sheet is closed until asked for.
  expect(product.findByClass('sku-chip')).toEqual([])
})

it('offers Moments (onShareTimeline) on the product and home pages, with the page\'s query', async () => {
  const onTimeline = product.instance.onShareTimeline as (() => { title: string; query: string }) | undefined
  expect(typeof onTimeline).toBe('function')
  // No share sheet opened yet: the plain page (a server code rides along once the sheet issued one).
  expect(onTimeline!.call(product.instance)).toMatchObject({ title: fixtures.productDetail.title, query: `id=${fixtures.productDetail.id}` })
  expect(typeof home.instance.onShareTimeline).toBe('function')
  expect(typeof home.instance.onShareAppMessage).toBe('function')
})

it('opens the SKU sheet from #add-to-cart and adds the chosen SKU to the cart', async () => {
  const addToCart = product.findById('add-to-cart')
  expect(addToCart).toBeDefined()
  await product.tap(addToCart)

  const chips = await product.waitForClass('sku-chip')
  const values = fixtures.productDetail.specDimensions.flatMap((d) => d.values)
  expect(chips.map((c) => product.textOf(c))).toEqual(values)
  expect(product.findByClass('sku-picker')).toHaveLength(1)
  expect(product.findByClass('sku-chip--active').map((c) => product.textOf(c))).toEqual(['2.5kg', '中果'])

  // Pick 大果, then confirm: the cart POST carries that SKU and the badge shows it.
  await product.tap(chips.find((c) => product.textOf(c) === '大果'))
  expect(product.findByClass('sku-chip--active').map((c) => product.textOf(c))).toEqual(['2.5kg', '大果'])
  const confirm = product.findById('sku-confirm')
  expect(product.textOf(confirm)).toBe('加入购物车')
  await product.tap(confirm)

  await mp.waitFor(() => api.find('POST', '/api/cart/items').length === 1, 'the add-to-cart request')
  expect(api.find('POST', '/api/cart/items')[0].data).toEqual({ skuId: 1002, quantity: 1 })
  await mp.waitFor(() => product.findByClass('sku-picker').length === 0, 'the sheet to close')
  expect(textsOf(product, 'cart-badge')).toEqual(['1'])
  expect(mp.wx.callsOf('showToast')).toContainEqual(expect.objectContaining({ title: '已加入购物车' }))
})
