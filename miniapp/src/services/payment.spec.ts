import Taro from '@tarojs/taro'
import type { PayStartView } from '@linli/shared'

type RequestOption = Parameters<typeof Taro.request>[0]

const start: PayStartView = {
  orderId: 42,
  requestPayment: { timeStamp: '1732245000', nonceStr: 'n0nce', package: 'prepay_id=wx123', signType: 'RSA', paySign: 'c2lnbg==' },
  cashierUrl: 'http://127.0.0.1:3100/sim/wechatpay/cashier?prepayId=wx123',
  payDeadline: '2025-11-22T03:15:00.000Z',
}

function answer(statusCode: number, data: unknown) {
  return jest.spyOn(Taro, 'request').mockImplementation(((() => Promise.resolve({ statusCode, data, header: {}, errMsg: 'ok' })) as unknown) as typeof Taro.request)
}
const resolved = () => Promise.resolve({ errMsg: 'ok' })

/** Loads payment.ts as the given platform's build would see it (`IS_H5` is read once, at load). */
function loadPayment(env: 'h5' | 'weapp'): typeof import('./payment') {
  const previous = process.env.TARO_ENV
  process.env.TARO_ENV = env
  let mod: typeof import('./payment') | undefined
  jest.isolateModules(() => {
    // A fresh payment.ts and request.ts, but the same Taro the spies are on.
    jest.doMock('@tarojs/taro', () => Taro)
    mod = jest.requireActual<typeof import('./payment')>('./payment')
  })
  process.env.TARO_ENV = previous
  return mod!
}

describe('payOrder', () => {
  let toast: jest.SpyInstance
  let navigate: jest.SpyInstance
  let redirect: jest.SpyInstance

  beforeEach(() => {
    Taro.clearStorageSync()
    toast = jest.spyOn(Taro, 'showToast').mockImplementation(resolved as unknown as typeof Taro.showToast)
    navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(resolved as unknown as typeof Taro.navigateTo)
    redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(resolved as unknown as typeof Taro.redirectTo)
  })
  afterEach(() => jest.restoreAllMocks())

  describe('H5', () => {
    it('starts the payment with a bodiless POST and sends the browser to the cashier, coming back to the result page', async () => {
      const payment = loadPayment('h5')
      const spy = answer(200, start)
      const go = jest.spyOn(payment.browser, 'go').mockImplementation(() => undefined)
      await expect(payment.payOrder(42, { replace: true })).resolves.toBe('cashier')

      const option = spy.mock.calls[0][0] as RequestOption
      expect(option.url).toBe('/api/orders/42/pay')
      expect(option.method).toBe('POST')
      expect(option.data).toBeUndefined()

      const back = `${window.location.origin}${window.location.pathname}#/packages/order/result/index?id=42`
      expect(go).toHaveBeenCalledWith(`${start.cashierUrl}&redirect=${encodeURIComponent(back)}`, true)
      expect(navigate).not.toHaveBeenCalled()
    })

    it('adds the redirect with ? when the cashier URL has no query', () => {
      const payment = loadPayment('h5')
      const url = payment.cashierUrlWithRedirect('/sim/wechatpay/cashier', 5, { origin: 'http://shop.test', pathname: '/' })
      expect(url).toBe(`/sim/wechatpay/cashier?redirect=${encodeURIComponent('http://shop.test/#/packages/order/result/index?id=5')}`)
    })

    it('says payment needs WeChat when there is no cashier page', async () => {
      const payment = loadPayment('h5')
      answer(200, { ...start, cashierUrl: null })
      const go = jest.spyOn(payment.browser, 'go').mockImplementation(() => undefined)
      await expect(payment.payOrder(42)).resolves.toBe('unsupported')
      expect(go).not.toHaveBeenCalled()
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('微信') }))
    })

    it('reports a failure to start (the server’s message is shown) and goes nowhere', async () => {
      const payment = loadPayment('h5')
      answer(409, { code: 'PAYMENT_EXPIRED', message: '订单已超过支付时间' })
      const go = jest.spyOn(payment.browser, 'go').mockImplementation(() => undefined)
      await expect(payment.payOrder(42)).resolves.toBe('failed')
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '订单已超过支付时间' }))
      expect(go).not.toHaveBeenCalled()
      expect(navigate).not.toHaveBeenCalled()
    })
  })

  describe('weapp', () => {
    const taroWithPay = Taro as unknown as { requestPayment: (o: unknown) => Promise<unknown> }
    let original: typeof taroWithPay.requestPayment

    beforeEach(() => {
      original = taroWithPay.requestPayment
    })
    afterEach(() => {
      taroWithPay.requestPayment = original
    })

    it('passes the server’s requestPayment arguments as they are, then opens the result page', async () => {
      const payment = loadPayment('weapp')
      const spy = answer(200, start)
      const pay = jest.fn(resolved)
      taroWithPay.requestPayment = pay
      await expect(payment.payOrder(42, { replace: true })).resolves.toBe('result')
      expect((spy.mock.calls[0][0] as RequestOption).url).toBe('http://127.0.0.1:3000/api/orders/42/pay')
      expect(pay).toHaveBeenCalledWith(start.requestPayment)
      expect(redirect).toHaveBeenCalledWith({ url: '/packages/order/result/index?id=42&pay=success' })
    })

    it('goes to the result page too when the shopper cancels, without an error toast', async () => {
      const payment = loadPayment('weapp')
      answer(200, start)
      taroWithPay.requestPayment = jest.fn(() => Promise.reject({ errMsg: 'requestPayment:fail cancel' }))
      await expect(payment.payOrder(42)).resolves.toBe('result')
      expect(navigate).toHaveBeenCalledWith({ url: '/packages/order/result/index?id=42&pay=cancel' })
      expect(toast).not.toHaveBeenCalled()
    })

    it('tells the shopper when WeChat fails for another reason, and still lets the server decide', async () => {
      const payment = loadPayment('weapp')
      answer(200, start)
      taroWithPay.requestPayment = jest.fn(() => Promise.reject({ errMsg: 'requestPayment:fail system error' }))
      await expect(payment.payOrder(42)).resolves.toBe('result')
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '支付未成功，请重试' }))
      expect(navigate).toHaveBeenCalledWith({ url: '/packages/order/result/index?id=42&pay=cancel' })
    })

    it('ignores a second tap while the first payment is starting', async () => {
      const payment = loadPayment('weapp')
      const spy = answer(200, start)
      taroWithPay.requestPayment = jest.fn(resolved)
      const [first, second] = await Promise.all([payment.payOrder(42), payment.payOrder(42)])
      expect([first, second]).toEqual(['result', 'busy'])
      expect(spy).toHaveBeenCalledTimes(1)
    })
  })

  it('recognises the cancel message of requestPayment', () => {
    const payment = loadPayment('weapp')
    expect(payment.isPayCancel({ errMsg: 'requestPayment:fail cancel' })).toBe(true)
    expect(payment.isPayCancel({ errMsg: 'requestPayment:fail no permission' })).toBe(false)
  })
})
