import Taro from '@tarojs/taro'
import type { FlashItemView, FlashPurchaseView, FlashSlotView } from '@linli/shared'
import {
  clockParts, currentSlot, failureLeadsBack, liveFlashItemFor, maxQuantity, payMinutes, previewFlashPurchase, purchaseAndWait, slotDay, slotDeadline, slotStripLeft, slotTime,
} from './flash-sale'

type RequestOption = Parameters<typeof Taro.request>[0]
interface Answer {
  statusCode: number
  data: unknown
}

/** A fake server: answers the requests in order, the last one again when they run out; `null` is a network failure. */
function answers(...list: (Answer | null)[]) {
  let i = 0
  return jest.spyOn(Taro, 'request').mockImplementation(((() => {
    const next = list[Math.min(i++, list.length - 1)]
    return next ? Promise.resolve({ ...next, header: {}, errMsg: 'ok' }) : Promise.reject(new Error('request:fail'))
  }) as unknown) as typeof Taro.request)
}

const view = (over: Partial<FlashPurchaseView>): FlashPurchaseView => ({ purchaseId: 'p-1', status: 'queued', orderId: null, reason: null, ...over })
const queued: Answer = { statusCode: 202, data: view({}) }
const pending: Answer = { statusCode: 200, data: view({}) }
const confirmed: Answer = { statusCode: 200, data: view({ status: 'confirmed', orderId: 77 }) }
const input = { itemId: 5, quantity: 1, addressId: 9 }

/** A clock that only moves when the code sleeps. */
function fakeClock() {
  let t = 1_000_000
  const slept: number[] = []
  return {
    slept,
    now: () => t,
    sleep: (ms: number) => {
      slept.push(ms)
      t += ms
      return Promise.resolve()
    },
  }
}

describe('purchaseAndWait', () => {
  let toast: jest.SpyInstance

  beforeEach(() => {
    Taro.clearStorageSync()
    toast = jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve({ errMsg: 'ok' })) as unknown as typeof Taro.showToast)
  })
  afterEach(() => jest.restoreAllMocks())

  it('sends a purchase the server shed as busy (503 SERVICE_BUSY) again about a second later, and gives up after three tries', async () => {
    const busy: Answer = { statusCode: 503, data: { code: 'SERVICE_BUSY', message: '排队的人太多了，请稍后再试' } }
    const clock = fakeClock()
    const spy = answers(busy, busy, { statusCode: 201, data: view({ status: 'confirmed', orderId: 42 }) })
    await expect(purchaseAndWait(input, { ...clock, random: () => 0.5 })).resolves.toEqual({ status: 'confirmed', purchaseId: 'p-1', orderId: 42 })
    expect(spy).toHaveBeenCalledTimes(3)
    expect(clock.slept).toEqual([1000, 1000])

    const again = fakeClock()
    answers(busy)
    await expect(purchaseAndWait(input, { ...again, random: () => 0 })).resolves.toMatchObject({ status: 'failed', purchaseId: null, code: 'SERVICE_BUSY' })
    expect(again.slept).toEqual([500, 500])
  })

  it('POSTs exactly itemId, quantity and addressId, and returns at once when the order is already confirmed (no Redis)', async () => {
    const spy = answers({ statusCode: 201, data: view({ status: 'confirmed', orderId: 41 }) })
    const clock = fakeClock()
    const onQueued = jest.fn()
    await expect(purchaseAndWait({ ...input, extra: 1 } as typeof input, { ...clock, onQueued })).resolves.toEqual({ status: 'confirmed', purchaseId: 'p-1', orderId: 41 })
    const option = spy.mock.calls[0][0] as RequestOption
    expect(option.url).toBe('/api/flash-sale/purchases')
    expect(option.method).toBe('POST')
    expect(option.data).toEqual({ itemId: 5, quantity: 1, addressId: 9 })
    expect(spy).toHaveBeenCalledTimes(1)
    expect(onQueued).not.toHaveBeenCalled()
    expect(clock.slept).toEqual([])
  })

  it('polls a queued purchase every interval until it is confirmed', async () => {
    const spy = answers(queued, pending, pending, confirmed)
    const clock = fakeClock()
    const onQueued = jest.fn()
    await expect(purchaseAndWait(input, { ...clock, onQueued })).resolves.toEqual({ status: 'confirmed', purchaseId: 'p-1', orderId: 77 })
    expect(onQueued).toHaveBeenCalledWith('p-1')
    expect(clock.slept).toEqual([300, 300, 300])
    const polls = spy.mock.calls.slice(1).map(([o]) => (o as RequestOption).url)
    expect(polls).toEqual(['/api/flash-sale/purchases/p-1', '/api/flash-sale/purchases/p-1', '/api/flash-sale/purchases/p-1'])
    expect((spy.mock.calls[1][0] as RequestOption).method).toBe('GET')
  })

  it('returns the server’s reason when the queued purchase fails', async () => {
    answers(queued, pending, { statusCode: 200, data: view({ status: 'failed', reason: '已抢光' }) })
    await expect(purchaseAndWait(input, fakeClock())).resolves.toEqual({ status: 'failed', purchaseId: 'p-1', reason: '已抢光', code: null })
  })

  it('turns a refusal of the purchase into a failure with the message and code, without a toast', async () => {
    answers({ statusCode: 409, data: { code: 'FLASH_SOLD_OUT', message: '手慢了，已抢光' } })
    const clock = fakeClock()
    await expect(purchaseAndWait(input, clock)).resolves.toEqual({ status: 'failed', purchaseId: null, reason: '手慢了，已抢光', code: 'FLASH_SOLD_OUT' })
    expect(clock.slept).toEqual([])
    expect(toast).not.toHaveBeenCalled()
  })

  it('keeps polling through network failures, 429 and 5xx answers', async () => {
    const spy = answers(queued, null, { statusCode: 429, data: { code: 'TOO_MANY_REQUESTS', message: '操作太频繁' } }, { statusCode: 503, data: {} }, confirmed)
    await expect(purchaseAndWait(input, fakeClock())).resolves.toMatchObject({ status: 'confirmed', orderId: 77 })
    expect(spy).toHaveBeenCalledTimes(5)
    expect(toast).not.toHaveBeenCalled()
  })

  it('stops when the purchase is unknown to the server', async () => {
    answers(queued, { statusCode: 404, data: { code: 'FLASH_PURCHASE_NOT_FOUND', message: '抢购记录不存在' } })
    await expect(purchaseAndWait(input, fakeClock())).resolves.toMatchObject({ status: 'failed', reason: '抢购记录不存在' })
  })

  it('gives up after the timeout while still queued', async () => {
    const spy = answers(queued, pending)
    const clock = fakeClock()
    await expect(purchaseAndWait(input, { ...clock, intervalMs: 300, timeoutMs: 3000 })).resolves.toEqual({ status: 'timeout', purchaseId: 'p-1' })
    // 9 polls fit in 3 s; the 10th sleep reaches the deadline.
    expect(spy).toHaveBeenCalledTimes(1 + 9)
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBe(3000)
  })

  it('waits about 20 s by default', async () => {
    answers(queued, pending)
    const clock = fakeClock()
    await expect(purchaseAndWait(input, clock)).resolves.toMatchObject({ status: 'timeout' })
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20_000)
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBeLessThan(20_600)
  })

  it('lets a lost session surface as the request wrapper’s error (it sends the shopper to log in)', async () => {
    jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve({ errMsg: 'ok' })) as unknown as typeof Taro.navigateTo)
    answers({ statusCode: 401, data: { code: 'UNAUTHORIZED', message: '请先登录' } })
    await expect(purchaseAndWait(input, fakeClock())).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })
})

describe('slots', () => {
  const at = (hhmm: string) => new Date(`2025-11-22T${hhmm}:00`).toISOString()
  const slot = (id: number, start: string, end: string): FlashSlotView => ({ id, title: '', startsAt: at(start), endsAt: at(end), state: 'upcoming', acceptsCoupons: false, items: [] })
  const slots = [slot(3, '20:00', '22:00'), slot(1, '08:00', '10:00'), slot(2, '12:00', '14:00')]
  const now = (hhmm: string) => new Date(`2025-11-22T${hhmm}:00`).getTime()

  it('finds the product on a live slot for its product page, preferring an item with units left', () => {
    const item = (id: number, productId: number, extra: Partial<FlashItemView> = {}) =>
      ({ id, slotId: 0, productId, skuId: id, title: '', cover: '', specs: {}, flashPrice: 990, originalPrice: 1990, stockTotal: 10, left: 5, perUserLimit: 1, myCount: 0, stopped: false, ...extra }) as FlashItemView
    const withItems = [
      { ...slot(1, '08:00', '10:00'), items: [item(11, 7, { left: 0 }), item(12, 7), item(13, 8, { stopped: true })] },
      { ...slot(2, '12:00', '14:00'), items: [item(21, 9)] },
    ]
    expect(liveFlashItemFor(withItems, 7, now('09:00'))?.item.id).toBe(12)
    expect(liveFlashItemFor(withItems, 8, now('09:00'))).toBeNull()
    expect(liveFlashItemFor(withItems, 9, now('09:00'))).toBeNull()
    expect(liveFlashItemFor(withItems, 9, now('12:30'))?.slot.id).toBe(2)
  })

  it('scrolls the slot tabs so the chosen one sits in the middle', () => {
    // 375 px wide: a tab is 75 px; the 6th tab (index 5) starts at 375 px and is centred at 375 - 150 = 225.
    expect(slotStripLeft(5, 375)).toBe(225)
    expect(slotStripLeft(0, 375)).toBe(0)
    expect(slotStripLeft(1, 375)).toBe(0)
  })

  it('picks the live slot, else the next to start, else the last one', () => {
    expect(currentSlot(slots, now('09:00'))?.id).toBe(1)
    expect(currentSlot(slots, now('10:30'))?.id).toBe(2)
    expect(currentSlot(slots, now('07:00'))?.id).toBe(1)
    expect(currentSlot(slots, now('23:00'))?.id).toBe(3)
    expect(currentSlot([], now('09:00'))).toBeNull()
  })

  it('counts down to the end while live and to the start while upcoming', () => {
    expect(slotDeadline(slots[1], now('09:00'))).toBe(at('10:00'))
    expect(slotDeadline(slots[1], now('07:00'))).toBe(at('08:00'))
    expect(slotDeadline(slots[1], now('10:00'))).toBeNull()
  })

  it('shows the slot time, with the day when it is not today', () => {
    const day = (date: string) => new Date(`${date}T10:30:00`).toISOString()
    expect(slotTime(at('08:00'), now('09:00'))).toBe('08:00')
    expect(slotTime(day('2025-11-23'), now('23:59'))).toBe('明天 10:30')
    expect(slotTime(day('2025-11-21'), now('00:01'))).toBe('昨天 10:30')
    expect(slotTime(day('2025-11-24'), now('09:00'))).toBe('后天 10:30')
    expect(slotTime(day('2025-12-01'), now('09:00'))).toBe('12/1 10:30')
    expect(slotDay(day('2025-11-22'), now('23:59'))).toBe('')
  })

  it('splits a countdown into hours, minutes and seconds, past a day too', () => {
    expect(clockParts(3_725_000)).toEqual(['01', '02', '05'])
    expect(clockParts(90_061_000)).toEqual(['25', '01', '01'])
    expect(clockParts(-5)).toEqual(['00', '00', '00'])
    expect(clockParts(400)).toEqual(['00', '00', '01'])
  })
})

describe('limits and deadlines', () => {
  const item = (over: Partial<FlashItemView>) => ({ perUserLimit: 2, myCount: 0, left: 10, ...over })

  it('caps the quantity by the per-user limit less what is held, and by what is left', () => {
    expect(maxQuantity(item({}))).toBe(2)
    expect(maxQuantity(item({ myCount: 1 }))).toBe(1)
    expect(maxQuantity(item({ left: 1 }))).toBe(1)
    expect(maxQuantity(item({ myCount: 2 }))).toBe(0)
  })

  it('says 5 minutes before the order exists and the real minutes after', () => {
    const t = Date.parse('2025-11-22T10:00:00Z')
    expect(payMinutes(null, t)).toBe(5)
    expect(payMinutes('2025-11-22T10:03:00Z', t)).toBe(3)
    expect(payMinutes('2025-11-22T10:00:10Z', t)).toBe(1)
  })
})

describe('failureLeadsBack', () => {
  const failed = (code: string | null) => ({ status: 'failed' as const, purchaseId: null, reason: 'x', code })

  it('goes back when sold out, ended, at the limit or failed in the queue', () => {
    for (const code of ['FLASH_SOLD_OUT', 'FLASH_ENDED', 'PURCHASE_LIMIT_EXCEEDED', 'FLASH_ITEM_NOT_FOUND', null]) expect(failureLeadsBack(failed(code))).toBe(true)
  })

  it('stays to try again when busy, offline, not started yet or the address is wrong', () => {
    for (const code of ['TOO_MANY_REQUESTS', 'NETWORK_ERROR', 'FLASH_NOT_STARTED', 'ADDRESS_NOT_FOUND', 'VALIDATION_FAILED', 'INTERNAL_ERROR']) {
      expect(failureLeadsBack(failed(code))).toBe(false)
    }
  })
})

describe('previewFlashPurchase', () => {
  afterEach(() => jest.restoreAllMocks())

  it('asks the server for the price with exactly itemId, quantity and (when chosen) addressId', async () => {
    const preview = { lines: [], subtotal: 1980, freight: 0, discount: 0, total: 1980, address: null, fulfilment: 'delivery', problems: [] }
    const spy = answers({ statusCode: 200, data: preview })
    await expect(previewFlashPurchase({ itemId: 5, quantity: 2, addressId: 9, price: 1 } as never)).resolves.toEqual(preview)
    await previewFlashPurchase({ itemId: 5, quantity: 1 })
    const [first, second] = spy.mock.calls.map((c) => c[0] as RequestOption)
    expect(first).toMatchObject({ url: '/api/flash-sale/preview', method: 'POST', data: { itemId: 5, quantity: 2, addressId: 9 } })
    expect(first.data).toEqual({ itemId: 5, quantity: 2, addressId: 9 })
    expect(second.data).toEqual({ itemId: 5, quantity: 1 })
  })

  it('sends the coupon choice: an id, null for none, nothing to let the server pick the best', async () => {
    const spy = answers({ statusCode: 200, data: {} })
    await previewFlashPurchase({ itemId: 5, quantity: 1, couponId: 3 })
    await previewFlashPurchase({ itemId: 5, quantity: 1, couponId: null })
    await previewFlashPurchase({ itemId: 5, quantity: 1, couponId: undefined })
    expect(spy.mock.calls.map((c) => (c[0] as RequestOption).data)).toEqual([{ itemId: 5, quantity: 1, couponId: 3 }, { itemId: 5, quantity: 1, couponId: null }, { itemId: 5, quantity: 1 }])
  })
})

describe('purchaseAndWait with a coupon', () => {
  afterEach(() => jest.restoreAllMocks())

  it('passes on the code of a purchase refused in the queue, and stays on the page for a coupon refusal', async () => {
    answers({ statusCode: 202, data: view({ status: 'queued' }) }, { statusCode: 200, data: view({ status: 'failed', reason: '该优惠券已被使用或已过期', code: 'COUPON_UNUSABLE' }) })
    const outcome = await purchaseAndWait({ ...input, couponId: 7 }, fakeClock())
    expect(outcome).toEqual({ status: 'failed', purchaseId: 'p-1', reason: '该优惠券已被使用或已过期', code: 'COUPON_UNUSABLE' })
    expect(failureLeadsBack(outcome as Extract<typeof outcome, { status: 'failed' }>)).toBe(false)
  })

  it('sends the chosen coupon id with the purchase, and nothing when none is chosen', async () => {
    const spy = answers({ statusCode: 201, data: view({ status: 'confirmed', orderId: 41 }) })
    await purchaseAndWait({ ...input, couponId: 7 }, fakeClock())
    await purchaseAndWait({ ...input, couponId: undefined }, fakeClock())
    expect(spy.mock.calls.map((c) => (c[0] as RequestOption).data)).toEqual([{ itemId: 5, quantity: 1, addressId: 9, couponId: 7 }, { itemId: 5, quantity: 1, addressId: 9 }])
  })
})
