import Taro from '@tarojs/taro'
import { act, fireEvent, render } from '@testing-library/react'
import { PickupCard } from './index'

type RequestOption = Parameters<typeof Taro.request>[0]

const store = { id: 1, name: '文三路店', address: '文三路100号', district: '西湖区', latitude: 30.28, longitude: 120.14, hours: '08:00-21:00', phone: '0571', photo: null, state: 'open', distance: null }

describe('PickupCard: 到店提醒 in WeChat', () => {
  const env = process.env.TARO_ENV
  let calls: RequestOption[]
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    calls = []
    // The QR draws with design-size conversion the test environment lacks.
    jest.spyOn(Taro, 'pxTransform').mockImplementation(((n: number) => `${n}px`) as never)
    jest.spyOn(Taro, 'request').mockImplementation((((o: RequestOption) => {
      calls.push(o)
      const url = String(o.url)
      const data = url.endsWith('/arrival-notice') ? { templateId: 'tmpl-ready', subscribed: o.method === 'POST' } : { orderId: 5, orderNo: 'N5', status: 'paid', code: '1234567812345678', store, readyAt: null, pickedUpAt: null }
      return Promise.resolve({ statusCode: 200, data, header: {}, errMsg: 'ok' })
    }) as unknown) as typeof Taro.request)
  })
  afterEach(() => {
    process.env.TARO_ENV = env
    jest.restoreAllMocks()
  })

  it('asks consent in the tap and records it for the order', async () => {
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ 'tmpl-ready': 'accept', errMsg: 'ok' } as never)
    const { container } = render(<PickupCard orderId={5} status='paid' fallback={{ name: '文三路店', address: '文三路100号' }} />)
    await act(async () => { await new Promise((r) => setTimeout(r, 0)) })
    const link = container.querySelector('#pickup-notice') as HTMLElement
    expect(link.textContent).toBe('到货时微信通知我 ›')
    await act(async () => {
      fireEvent.click(link)
      await new Promise((r) => setTimeout(r, 0))
    })
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tmpl-ready'] }))
    expect(calls.some((c) => c.method === 'POST' && String(c.url).endsWith('/api/community/orders/5/arrival-notice'))).toBe(true)
    expect(container.querySelector('#pickup-notice')?.textContent).toBe('商品到店后会通过微信通知你')
  })

  it('offers nothing once the goods are at the store', async () => {
    const { container } = render(<PickupCard orderId={5} status='ready_for_pickup' fallback={{ name: '文三路店', address: '文三路100号' }} />)
    await act(async () => { await new Promise((r) => setTimeout(r, 0)) })
    expect(container.querySelector('#pickup-notice')).toBeNull()
    expect(calls.some((c) => String(c.url).endsWith('/arrival-notice'))).toBe(false)
  })
})
