// Screenshots of every page of the H5 build, driven like a shopper would (375×812 @2x).
// Needs a running server that serves the H5 build: BASE_URL (default http://127.0.0.1:3100).
// Usage: node miniapp/scripts/screenshots.mjs [outDir]
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:3100'
const OUT = process.argv[2] ?? '/tmp/linli-shots'
mkdirSync(OUT, { recursive: true })

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
const page = await context.newPage()
const problems = []
page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
page.on('console', (msg) => msg.type() === 'error' && !msg.location().url.endsWith('/favicon.ico') && problems.push(`console: ${msg.text()} at ${msg.location().url}`))
page.on('response', (res) => res.status() >= 400 && !res.url().endsWith('/favicon.ico') && problems.push(`http ${res.status()}: ${res.request().method()} ${res.url()}`))

const settle = (ms = 900) => page.waitForTimeout(ms)
async function open(route) {
  await page.goto(`${BASE}/#${route}`)
  await settle(1200)
}
async function shot(name) {
  await page.screenshot({ path: `${OUT}/${name}.png` })
  console.log(`shot ${name}`)
}

// Logged out: browsing works.
await open('/pages/index/index')
await page.waitForSelector('.product-card')
await shot('01-home')
await open('/pages/category/index')
await page.waitForSelector('.category-item')
await page.locator('.category-item').nth(2).click()
await settle()
await shot('02-category')
await open('/packages/shop/search/index?keyword=' + encodeURIComponent('苹果'))
await shot('03-search')
await open('/pages/cart/index')
await shot('04-cart-logged-out')
await open('/pages/mine/index')
await shot('05-mine-logged-out')

// A page that needs login sends the shopper to login and back.
await open('/packages/order/list/index')
await page.waitForSelector('.demo-shopper', { timeout: 5000 })
await page.locator('.demo-shopper').nth(2).click()
await page.waitForSelector('.order-list .tabs', { timeout: 5000 })
await settle()
if (!page.url().includes('/packages/order/list/index')) throw new Error(`login did not return to the order list: ${page.url()}`)
await shot('05b-after-login-redirect')
await page.evaluate(() => localStorage.clear())

// Log in through the development stand-in, as 老王 (no address yet).
await open('/packages/user/login/index?redirect=' + encodeURIComponent('/pages/mine/index'))
await page.waitForSelector('.demo-shopper')
await shot('06-login')
await page.locator('.demo-shopper').nth(1).click()
await settle(1500)
await shot('07-mine-logged-in')

// Product → SKU picker → add to cart.
await open('/packages/shop/product/index?id=1')
await page.waitForSelector('#add-to-cart')
await shot('08-product')
await page.locator('#add-to-cart').click()
await settle(500)
await shot('09-sku-picker')
await page.locator('#sku-confirm').click()
await settle(1200)
await open('/packages/shop/product/index?id=2')
await page.locator('#add-to-cart').click()
await settle(400)
await page.locator('.sku-picker .stepper-plus').click()
await page.locator('#sku-confirm').click()
await settle(1000)
await open('/pages/cart/index')
await page.waitForSelector('.cart-item')
await shot('10-cart')

// Checkout without an address → add one → back to checkout → submit.
await page.locator('#cart-checkout').click()
await settle(1500)
await shot('11-checkout-no-address')
const hasAddress = (await page.locator('#checkout-address .address-card__empty').count()) === 0
await page.locator('#checkout-address').click()
await settle(1200)
if (hasAddress) {
  // Data from an earlier run: add another address from the list.
  await page.locator('#addr-add').click()
  await settle(1200)
}
await page.locator('#addr-name input').fill('王大勇')
await page.locator('#addr-phone input').fill('13912345678')
await page.locator('#addr-paste textarea').fill('浙江省杭州市西湖区')
await page.locator('#addr-paste-apply').click()
await settle(600)
await page.locator('#addr-detail textarea').fill('文三路 100 号 2 幢 301')
await shot('12-address-edit')
await page.locator('#addr-save').click()
await settle(2000)
await shot('13-checkout')
await page.locator('#checkout-submit').click()
// 提交订单 goes straight on to paying: in H5 the simulator's cashier. Leave it to see the order waiting for payment.
await page.locator('#cashier-abandon').waitFor({ timeout: 10000 })
await shot('14a-cashier')
await page.locator('#cashier-abandon').click()
await page.locator('#pay-result-order').click()
await settle(2000)
await shot('14-order-detail-pending')

await open('/packages/order/list/index')
await shot('15-order-list')
await open('/packages/order/list/index?status=completed')
await shot('16-order-list-empty')

// 小美 has orders that are paid and shipped.
await open('/packages/user/login/index')
await page.locator('.demo-shopper').nth(0).click()
await settle(1500)
await open('/packages/order/list/index?status=shipped')
await shot('17-order-list-shipped')
await page.locator('.order-card').first().click()
await settle(1500)
await shot('18-order-detail-shipped')
await open('/packages/user/addresses/index')
await shot('19-addresses')
await open('/pages/mine/index')
await shot('20-mine-with-orders')

console.log(problems.length ? `problems:\n${problems.join('\n')}` : 'no page errors')
await browser.close()
