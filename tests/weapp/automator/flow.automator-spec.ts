import fs from 'node:fs'
import path from 'node:path'
import type Element from 'miniprogram-automator/out/Element'
import type { InputElement, TextareaElement } from 'miniprogram-automator/out/Element'
import type MiniProgram from 'miniprogram-automator/out/MiniProgram'
import type Page from 'miniprogram-automator/out/Page'

/**
 * The shopper flow of the browser test, in WeChat DevTools through miniprogram-automator:
 * log in, browse a category, search, add two SKUs to the cart, check out to a new address,
 * see the order pending payment, cancel it.
 *
 * Needs (none of it exists on Linux; DevTools has no Linux build and needs a QR login):
 * - WeChat DevTools with 设置 → 安全设置 → 服务端口 on, and either
 *   WECHAT_DEVTOOLS_CLI=<DevTools cli> (this spec launches it: `cli auto --project … --auto-port`), or
 *   WECHAT_DEVTOOLS_WS=ws://127.0.0.1:9420 (a DevTools already started with `cli auto`);
 * - a fresh weapp build (`npm run build:weapp -w miniapp`) whose API base (TARO_APP_API_BASE) is
 *   LINLI_API_BASE (default http://127.0.0.1:3000), and the server running there with the demo catalog
 *   (SEED_DEMO) and the WeChat simulator (/sim/wechat, on outside production).
 * Optional: WEAPP_PROJECT (the DevTools project dir), WECHAT_DEVTOOLS_PORT (automation port, 9420).
 */

const CLI_PATH = process.env.WECHAT_DEVTOOLS_CLI
const WS_ENDPOINT = process.env.WECHAT_DEVTOOLS_WS
const API_BASE = (process.env.LINLI_API_BASE || 'http://127.0.0.1:3000').replace(/\/$/, '')
const REPO_ROOT = path.resolve(__dirname, '../../..')
const WEAPP_DIST = path.resolve(process.env.WEAPP_DIST || path.join(REPO_ROOT, 'miniapp/dist/weapp'))

/**
 * The DevTools project: WEAPP_PROJECT, else the repo root when it has a project.config.json
 * (miniprogramRoot → miniapp/dist/weapp/), else the build itself (Taro copies miniapp/project.config.json
 * into it with miniprogramRoot './').
 */
function projectPath(): string {
  if (process.env.WEAPP_PROJECT) return path.resolve(process.env.WEAPP_PROJECT)
  if (fs.existsSync(path.join(REPO_ROOT, 'project.config.json'))) return REPO_ROOT
  return WEAPP_DIST
}

const enabled = Boolean(CLI_PATH || WS_ENDPOINT)
if (!enabled) {
  // Straight to stderr: jest drops the console output of a skipped file when it runs several files.
  process.stderr.write(
    '\n[weapp-devtools] skipped: set WECHAT_DEVTOOLS_CLI (path to the WeChat DevTools cli, macOS/Windows) ' +
      'or WECHAT_DEVTOOLS_WS (ws:// endpoint of a DevTools started with `cli auto`) to run the shopper flow in DevTools.\n',
  )
}
const describeInDevTools = enabled ? describe : describe.skip

// Demo catalog (server/src/modules/seed/demo-catalog.ts) names the flow relies on.
const CATEGORY = '时令蔬菜'
const CATEGORY_PRODUCT = '山东寿光西红柿'
const KEYWORD = '苹果'
const PRODUCT = '烟台红富士苹果'
const FIRST_SKU = ['2.5kg装', '75mm']
const SECOND_SKU = ['5kg装', '75mm']
const ADDRESS = { name: '自动化测试', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号 1 幢 101' }

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value) return value
    } catch (err) {
      lastError = err
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}${lastError instanceof Error ? ` (last error: ${lastError.message})` : ''}`)
    }
    await sleep(300)
  }
}

describeInDevTools(`shopper flow in WeChat DevTools${enabled ? '' : ' (skipped: set WECHAT_DEVTOOLS_CLI or WECHAT_DEVTOOLS_WS)'}`, () => {
  let miniProgram: MiniProgram
  let launched = false
  const openid = `automator-${Date.now().toString(36)}`

  /** The current page once it is `route` (automator page paths have no leading slash). */
  const onPage = (route: string) =>
    until(`page ${route}`, async () => {
      const page = await miniProgram.currentPage()
      return page && page.path === route ? page : null
    })

  const element = (page: Page, selector: string) => until(`${selector} on ${page.path}`, () => page.$(selector))

  const elements = async (page: Page, selector: string): Promise<Element[]> =>
    until(`${selector} on ${page.path}`, async () => {
      const found = (await page.$$(selector)) as Element[]
      return found.length > 0 ? found : null
    })

  const byText = async (page: Page, selector: string, text: string): Promise<Element> =>
    until(`${selector} with text "${text}" on ${page.path}`, async () => {
      for (const el of (await page.$$(selector)) as Element[]) if ((await el.text()).trim() === text) return el
      return null
    })

  const textOf = async (page: Page, selector: string) => (await (await element(page, selector)).text()).trim()

  const waitForText = (page: Page, selector: string, expected: string | RegExp) =>
    until(`${selector} to read ${String(expected)} on ${page.path}`, async () => {
      const el = await page.$(selector)
      const text = el ? (await el.text()).trim() : ''
      return (typeof expected === 'string' ? text === expected : expected.test(text)) ? text : null
    })

  /** Makes each value the active chip of its dimension (tapping an active chip would clear it). */
  const chooseSku = async (page: Page, values: string[]) => {
    for (const value of values) {
      const chip = await byText(page, '.sku-chip', value)
      if (!(await chip.attribute('class')).includes('sku-chip--active')) await chip.tap()
      await until(`chip ${value} to be active`, async () => (await chip.attribute('class')).includes('sku-chip--active'))
    }
  }

  beforeAll(async () => {
    const health = await fetch(`${API_BASE}/api/categories`).catch((err: unknown) => err)
    if (!(health instanceof Response) || !health.ok) {
      throw new Error(`The Linli server is not answering at ${API_BASE} (set LINLI_API_BASE): ${String(health instanceof Response ? health.status : health)}`)
    }
    const automator = (await import('miniprogram-automator')).default
    if (WS_ENDPOINT) {
      miniProgram = await automator.connect({ wsEndpoint: WS_ENDPOINT })
    } else {
      miniProgram = await automator.launch({
        cliPath: CLI_PATH,
        projectPath: projectPath(),
        port: process.env.WECHAT_DEVTOOLS_PORT ? Number(process.env.WECHAT_DEVTOOLS_PORT) : undefined,
        trustProject: true,
        timeout: 120000,
      })
      launched = true
    }
    miniProgram.on('exception', (err: unknown) => console.error('[mini program exception]', err))
  }, 240000)

  afterAll(async () => {
    if (!miniProgram) return
    await miniProgram.restoreWxMethod('login').catch(() => undefined)
    await miniProgram.restoreWxMethod('showModal').catch(() => undefined)
    if (launched) await miniProgram.close()
    else miniProgram.disconnect()
  })

  it('logs in with a wx.login code from the WeChat simulator', async () => {
    // What a phone's wx.login would give: a one-time code for a new shopper, issued by the simulator.
    const issued = await fetch(`${API_BASE}/sim/wechat/dev/login-code`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid }),
    })
    expect(issued.status).toBe(200)
    const { code } = (await issued.json()) as { code: string }
    await miniProgram.mockWxMethod('login', { code, errMsg: 'login:ok' })
    await miniProgram.callWxMethod('clearStorageSync')

    const mine = await miniProgram.reLaunch('/pages/mine/index')
    expect(mine?.path).toBe('pages/mine/index')
    const page = await onPage('pages/mine/index')
    await (await element(page, '#mine-login')).tap()

    await element(page, '#mine-user')
    const token: unknown = await until('the session token', () => miniProgram.callWxMethod('getStorageSync', 'linli.token') as Promise<unknown>)
    expect(typeof token).toBe('string')
    expect(await textOf(page, '.mine__nickname')).not.toBe('点击登录')
  })

  it('browses a category', async () => {
    await miniProgram.switchTab('/pages/category/index')
    const page = await onPage('pages/category/index')
    await (await byText(page, '.category-item', CATEGORY)).tap()

    await waitForText(page, '.category-item--active', CATEGORY)
    await waitForText(page, '.category-page__title', CATEGORY)
    await byText(page, '.product-card__title', CATEGORY_PRODUCT)
  })

  it('searches for a product and opens it', async () => {
    const category = await onPage('pages/category/index')
    await (await element(category, '.category-page__search')).tap()
    const page = await onPage('packages/shop/search/index')

    const input = (await element(page, '#search-input')) as unknown as InputElement
    await input.input(KEYWORD)
    await (await element(page, '#search-submit')).tap()
    await waitForText(page, '.search__summary', new RegExp(`${KEYWORD}.*共 \\d+ 件`))
    // The server matches title or subtitle: every card shown mentions the keyword.
    const cards = await Promise.all((await elements(page, '.product-card')).map((el) => el.text()))
    expect(cards.length).toBeGreaterThan(0)
    for (const card of cards) expect(card).toContain(KEYWORD)

    await (await byText(page, '.product-card__title', PRODUCT)).tap()
    const product = await onPage('packages/shop/product/index')
    await waitForText(product, '.product__title', PRODUCT)
    expect(await textOf(product, '.product__price')).toMatch(/^¥\d+\.\d{2}$/)
  })

  it('adds two SKUs to the cart', async () => {
    const page = await onPage('packages/shop/product/index')

    await (await element(page, '#add-to-cart')).tap()
    await elements(page, '.sku-chip')
    await chooseSku(page, FIRST_SKU)
    await waitForText(page, '#sku-confirm', '加入购物车')
    await (await element(page, '#sku-confirm')).tap()
    await waitForText(page, '.cart-badge', '1')

    await (await element(page, '#add-to-cart')).tap()
    await elements(page, '.sku-chip')
    await chooseSku(page, SECOND_SKU)
    await (await element(page, '#sku-confirm')).tap()
    await waitForText(page, '.cart-badge', '2')

    await miniProgram.switchTab('/pages/cart/index')
    const cart = await onPage('pages/cart/index')
    const items = await until('two cart lines', async () => {
      const found = (await cart.$$('.cart-item')) as Element[]
      return found.length === 2 ? found : null
    })
    const specs = await Promise.all(items.map(async (item) => (await (await item.$('.cart-item__specs'))?.text()) ?? ''))
    expect(specs.some((s) => FIRST_SKU.every((v) => s.includes(v)))).toBe(true)
    expect(specs.some((s) => SECOND_SKU.every((v) => s.includes(v)))).toBe(true)
    await waitForText(cart, '#cart-checkout', '结算(2)')
  })

  it('checks out to a new address', async () => {
    const cart = await onPage('pages/cart/index')
    await (await element(cart, '#cart-checkout')).tap()
    let checkout = await onPage('packages/order/checkout/index')
    // A new shopper has no address: the card offers to add one, and submitting is not possible yet.
    await waitForText(checkout, '.address-card__empty', '添加收货地址')
    await (await element(checkout, '#checkout-address')).tap()

    const edit = await onPage('packages/user/address-edit/index')
    for (const key of ['name', 'phone', 'province', 'city', 'district'] as const) {
      const input = (await element(edit, `#addr-${key}`)) as unknown as InputElement
      await input.input(ADDRESS[key])
    }
    const detail = (await element(edit, '#addr-detail')) as unknown as TextareaElement
    await detail.input(ADDRESS.detail)
    await (await element(edit, '#addr-save')).tap()

    // Saved with select=1: back on checkout, the new address is the order's address.
    checkout = await onPage('packages/order/checkout/index')
    await waitForText(checkout, '.address-card__name', ADDRESS.name)
    expect(await textOf(checkout, '.address-card__detail')).toContain(ADDRESS.detail)
    expect(await textOf(checkout, '.checkout-total')).toMatch(/^¥\d+\.\d{2}$/)
    // Submitting starts WeChat Pay; the shopper cancels the payment sheet and opens the order from the result page.
    await miniProgram.mockWxMethod('requestPayment', { errMsg: 'requestPayment:fail cancel' })
    await (await element(checkout, '#checkout-submit')).tap()
    const resultPage = await onPage('packages/order/result/index')
    await (await element(resultPage, '#pay-result-order')).tap()

    const detailPage = await onPage('packages/order/detail/index')
    await waitForText(detailPage, '.order-detail__status', '待付款')
    expect(await textOf(detailPage, '#order-no')).toMatch(/\S+/)
    expect(await element(detailPage, '#order-cancel')).toBeTruthy()
  })

  it('cancels the pending order', async () => {
    const page = await onPage('packages/order/detail/index')
    await miniProgram.mockWxMethod('showModal', { confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await (await element(page, '#order-cancel')).tap()

    await waitForText(page, '.order-detail__status', '已取消')
    await until('the cancel button to go', async () => (await page.$('#order-cancel')) === null)

    // Bought from the cart: those lines left the cart with the order.
    await miniProgram.switchTab('/pages/cart/index')
    const cart = await onPage('pages/cart/index')
    await until('the cart to be empty', async () => ((await cart.$$('.cart-item')) as Element[]).length === 0)
  })
})
