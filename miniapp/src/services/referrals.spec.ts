import Taro from '@tarojs/taro'
import { arriveWithShare, bindPendingShare, deviceId, shareCodeFrom } from './referrals'

type RequestOption = Parameters<typeof Taro.request>[0]

describe('referrals service', () => {
  beforeEach(() => Taro.clearStorageSync())
  afterEach(() => jest.restoreAllMocks())

  it('reads a share code from the path query or a URL-encoded scene, and nothing else', () => {
    expect(shareCodeFrom({ id: '3', s: 'ab.0123456789' })).toBe('ab.0123456789')
    expect(shareCodeFrom({ scene: encodeURIComponent('1z.AbCdEfGhIj') })).toBe('1z.AbCdEfGhIj')
    expect(shareCodeFrom({ s: 'not a code' })).toBeNull()
    expect(shareCodeFrom({ scene: '%E0%A4%A' })).toBeNull()
    expect(shareCodeFrom({})).toBeNull()
    expect(shareCodeFrom(undefined)).toBeNull()
  })

  it('keeps one device id', () => {
    const id = deviceId()
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(deviceId()).toBe(id)
  })

  it('reports a visit once per code anonymously, keeps the code, and binds it after login', async () => {
    const calls: RequestOption[] = []
    jest.spyOn(Taro, 'request').mockImplementation((((o: RequestOption) => {
      calls.push(o)
      return Promise.resolve({ statusCode: 200, data: { accepted: true, bound: true }, header: {}, errMsg: 'ok' })
    }) as unknown) as typeof Taro.request)
    arriveWithShare('k.0123456789')
    arriveWithShare('k.0123456789')
    await Promise.resolve()
    expect(calls.filter((c) => String(c.url).endsWith('/api/shares/visits'))).toHaveLength(1)
    expect(calls[0].data).toEqual({ code: 'k.0123456789', deviceId: deviceId() })
    expect(calls[0].header?.Authorization).toBeUndefined()
    Taro.setStorageSync('linli.token', 'tok')
    await bindPendingShare()
    const bind = calls.find((c) => String(c.url).endsWith('/api/referrals/bind'))
    expect(bind?.data).toEqual({ code: 'k.0123456789', deviceId: deviceId() })
    expect(Taro.getStorageSync('linli.share')).toBeFalsy()
  })
})
