import Taro from '@tarojs/taro'
import { type StoreView, askArrivalConsent, refreshRememberedStore, rememberStore, rememberedStore } from './community'

type RequestOption = Parameters<typeof Taro.request>[0]

const store: StoreView = {
  id: 7, name: '文三路店', address: '文三路100号', district: '西湖区', latitude: 30.28, longitude: 120.14, hours: '08:00-21:00', phone: '0571', photo: null, state: 'open', distance: 120,
}

function answer(statusCode: number, data: unknown): void {
  jest.spyOn(Taro, 'request').mockImplementation((((_: RequestOption) => Promise.resolve({ statusCode, data, header: {}, errMsg: 'ok' })) as unknown) as typeof Taro.request)
}

describe('community service: the chosen store', () => {
  beforeEach(() => Taro.clearStorageSync())
  afterEach(() => jest.restoreAllMocks())

  it('remembers the choice without the distance it was picked at', () => {
    expect(rememberedStore()).toBeNull()
    rememberStore(store)
    expect(rememberedStore()).toEqual({ ...store, distance: null })
    rememberStore(null)
    expect(rememberedStore()).toBeNull()
  })

  it('forgets a store that closed (404) or paused, keeps it when the network fails', async () => {
    rememberStore(store)
    answer(200, { ...store, name: '文三路店（新址）' })
    expect((await refreshRememberedStore())?.name).toBe('文三路店（新址）')
    jest.restoreAllMocks()
    answer(500, { code: 'INTERNAL', message: 'x' })
    expect((await refreshRememberedStore())?.id).toBe(7)
    jest.restoreAllMocks()
    answer(200, { ...store, state: 'paused' })
    expect(await refreshRememberedStore()).toBeNull()
    expect(rememberedStore()).toBeNull()
    rememberStore(store)
    jest.restoreAllMocks()
    answer(404, { code: 'PICKUP_STORE_NOT_FOUND', message: '自提点不存在或已停用' })
    expect(await refreshRememberedStore()).toBeNull()
    expect(rememberedStore()).toBeNull()
  })

  it('asks no arrival consent outside WeChat or without a template', async () => {
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage')
    expect(await askArrivalConsent('tmpl')).toBe(false)
    expect(await askArrivalConsent(null)).toBe(false)
    expect(ask).not.toHaveBeenCalled()
  })
})
