import Taro from '@tarojs/taro'
import { applyRefund, listOrders, startPayment } from './order'

type RequestOption = Parameters<typeof Taro.request>[0]

function answer(data: unknown) {
  return jest.spyOn(Taro, 'request').mockImplementation(((() => Promise.resolve({ statusCode: 200, data, header: {}, errMsg: 'ok' })) as unknown) as typeof Taro.request)
}

describe('order service: payments and after-sales', () => {
  afterEach(() => jest.restoreAllMocks())

  it('starts a payment with no body', async () => {
    const spy = answer({ orderId: 3 })
    await startPayment(3)
    const option = spy.mock.calls[0][0] as RequestOption
    expect(option).toMatchObject({ url: '/api/orders/3/pay', method: 'POST' })
    expect(option.data).toBeUndefined()
    expect(option.header).not.toHaveProperty('Content-Type')
  })

  it('applies for a whole-order refund with exactly type and reason', async () => {
    const spy = answer({ id: 1 })
    await applyRefund(3, { type: 'refund_only', reason: '不想要了' })
    const option = spy.mock.calls[0][0] as RequestOption
    expect(option).toMatchObject({ url: '/api/orders/3/refunds', method: 'POST' })
    expect(option.data).toEqual({ type: 'refund_only', reason: '不想要了' })
  })

  it('sends only skuId and quantity for each line, and no empty lines list', async () => {
    const spy = answer({ id: 1 })
    const priced = { skuId: 9, quantity: 2, amount: 100, title: 'x' } as unknown as { skuId: number; quantity: number }
    await applyRefund(3, { type: 'return_refund', reason: '少件漏发', lines: [priced] })
    expect((spy.mock.calls[0][0] as RequestOption).data).toEqual({ type: 'return_refund', reason: '少件漏发', lines: [{ skuId: 9, quantity: 2 }] })
    await applyRefund(3, { type: 'refund_only', reason: '拍错了', lines: [] })
    expect((spy.mock.calls[1][0] as RequestOption).data).toEqual({ type: 'refund_only', reason: '拍错了' })
  })

  it('lists the after-sale tab with afterSale=true', async () => {
    const spy = answer({ items: [], total: 0, page: 1, pageSize: 10 })
    await listOrders({ afterSale: true, page: 1, pageSize: 10 })
    expect((spy.mock.calls[0][0] as RequestOption).url).toBe('/api/orders?afterSale=true&page=1&pageSize=10')
    await listOrders({ status: 'paid', page: 2 })
    expect((spy.mock.calls[1][0] as RequestOption).url).toBe('/api/orders?status=paid&page=2')
  })
})
