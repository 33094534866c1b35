import Taro from '@tarojs/taro'
import { ErrorCode } from '@linli/shared'
import { ApiError, request } from './request'
import { getToken, saveSession } from './session'

type RequestOption = Parameters<typeof Taro.request>[0]

function answer(statusCode: number, data: unknown) {
  return jest.spyOn(Taro, 'request').mockImplementation(((() => Promise.resolve({ statusCode, data, header: {}, errMsg: 'ok' })) as unknown) as typeof Taro.request)
}

describe('request', () => {
  let toast: jest.SpyInstance
  let navigate: jest.SpyInstance

  beforeEach(() => {
    Taro.clearStorageSync()
    toast = jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve({ errMsg: 'ok' })) as unknown as typeof Taro.showToast)
    navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve({ errMsg: 'ok' })) as unknown as typeof Taro.navigateTo)
  })
  afterEach(() => jest.restoreAllMocks())

  it('calls the same origin in H5, sends the token and returns the body', async () => {
    saveSession({ token: 'tok-1', expiresIn: 3600, user: { id: 1, nickname: '小美', avatar: null } })
    const spy = answer(200, { items: [] })
    await expect(request('/api/products', { query: { page: 2, keyword: '苹果', categoryId: undefined } })).resolves.toEqual({ items: [] })
    const option = spy.mock.calls[0][0] as RequestOption
    expect(option.url).toBe(`/api/products?page=2&keyword=${encodeURIComponent('苹果')}`)
    expect(option.header).toMatchObject({ Authorization: 'Bearer tok-1' })
  })

  it('sends only the body it is given', async () => {
    const spy = answer(200, {})
    await request('/api/cart/items', { method: 'POST', data: { skuId: 3, quantity: 2 } })
    const option = spy.mock.calls[0][0] as RequestOption
    expect(option.method).toBe('POST')
    expect(option.data).toEqual({ skuId: 3, quantity: 2 })
  })

  it('turns an error answer into a typed ApiError and shows its message', async () => {
    answer(409, { code: ErrorCode.StockInsufficient, message: '库存不足', requestId: 'r1' })
    const error = await request('/api/cart/items', { method: 'POST', data: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 409, code: 'STOCK_INSUFFICIENT', message: '库存不足', requestId: 'r1' })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '库存不足', icon: 'none' }))
  })

  it('stays quiet when the caller opts out of the toast', async () => {
    answer(404, { code: ErrorCode.ProductNotFound, message: '商品不存在' })
    await expect(request('/api/products/9', { toast: false })).rejects.toMatchObject({ code: 'PRODUCT_NOT_FOUND' })
    expect(toast).not.toHaveBeenCalled()
  })

  it('on 401 in H5 clears the token and opens the login page with a way back', async () => {
    saveSession({ token: 'expired', expiresIn: 1, user: { id: 1, nickname: '小美', avatar: null } })
    answer(401, { code: ErrorCode.TokenExpired, message: '登录已过期，请重新登录' })
    await expect(request('/api/cart')).rejects.toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' })
    expect(getToken()).toBeNull()
    expect(navigate).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/packages\/user\/login\/index\?redirect=/) })
    expect(toast).not.toHaveBeenCalled()
  })

  it('reports a network failure as NETWORK_ERROR', async () => {
    jest.spyOn(Taro, 'request').mockImplementation((() => Promise.reject(new Error('Failed to fetch'))) as unknown as typeof Taro.request)
    await expect(request('/api/banners')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络异常，请稍后重试' }))
  })

  it('returns nothing for 204', async () => {
    answer(204, null)
    await expect(request('/api/addresses/3', { method: 'DELETE' })).resolves.toBeUndefined()
  })
})
