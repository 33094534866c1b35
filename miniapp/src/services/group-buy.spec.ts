import Taro from '@tarojs/taro'
import { createGroupOrder, groupCheckoutUrl, listMyGroups, parseGroupCheckout, previewGroupOrder } from './group-buy'

type RequestOption = Parameters<typeof Taro.request>[0]

function answer(data: unknown) {
  return jest.spyOn(Taro, 'request').mockImplementation(((() => Promise.resolve({ statusCode: 200, data, header: {}, errMsg: 'ok' })) as unknown) as typeof Taro.request)
}

describe('group-buy service', () => {
  afterEach(() => jest.restoreAllMocks())

  it('puts a group checkout in the URL and reads it back', () => {
    const open = groupCheckoutUrl({ campaignId: 3, skuId: 7, quantity: 2, groupSize: 5 })
    expect(open).toBe('/packages/order/checkout/index?mode=group&campaignId=3&skuId=7&quantity=2&groupSize=5')
    const params = Object.fromEntries(new URLSearchParams(open.split('?')[1]))
    expect(parseGroupCheckout(params)).toEqual({ campaignId: 3, skuId: 7, quantity: 2, groupSize: 5 })

    // Joining: the group's size is fixed, so no size travels.
    const join = groupCheckoutUrl({ campaignId: 3, skuId: 7, quantity: 1, groupId: 9, groupSize: 5 })
    expect(join).toBe('/packages/order/checkout/index?mode=group&campaignId=3&skuId=7&quantity=1&groupId=9')
    expect(parseGroupCheckout(Object.fromEntries(new URLSearchParams(join.split('?')[1])))).toEqual({ campaignId: 3, skuId: 7, quantity: 1, groupId: 9 })
  })

  it('is not a group checkout without mode=group or with broken ids', () => {
    expect(parseGroupCheckout({ campaignId: '3', skuId: '7', quantity: '1' })).toBeNull()
    expect(parseGroupCheckout({ mode: 'group', campaignId: '3', skuId: 'x', quantity: '1' })).toBeNull()
    expect(parseGroupCheckout({ mode: 'group', campaignId: '3', skuId: '7', quantity: '0' })).toBeNull()
    expect(parseGroupCheckout({ mode: 'group', campaignId: '3', skuId: '7', quantity: '1', groupId: '-2' })).toEqual({ campaignId: 3, skuId: 7, quantity: 1 })
  })

  it('previews and places exactly the fields the API accepts', async () => {
    const spy = answer({ id: 1 })
    await previewGroupOrder({ campaignId: 3, skuId: 7, quantity: 1, groupId: 9, groupSize: 5 })
    expect(spy.mock.calls[0][0] as RequestOption).toMatchObject({ url: '/api/group-buy/preview', method: 'POST', data: { campaignId: 3, skuId: 7, quantity: 1, groupId: 9 } })
    await createGroupOrder({ campaignId: 3, skuId: 7, quantity: 2, groupSize: 5, addressId: 4, remark: '', requestKey: 'abcdefgh12' })
    expect((spy.mock.calls[1][0] as RequestOption).data).toEqual({ campaignId: 3, skuId: 7, quantity: 2, groupSize: 5, addressId: 4, requestKey: 'abcdefgh12' })
  })

  it('lists my groups by state', async () => {
    const spy = answer({ items: [], total: 0, page: 1, pageSize: 10 })
    await listMyGroups({ status: 'open', page: 1, pageSize: 10 })
    expect((spy.mock.calls[0][0] as RequestOption).url).toBe('/api/group-buy/mine?status=open&page=1&pageSize=10')
    await listMyGroups({ page: 2 })
    expect((spy.mock.calls[1][0] as RequestOption).url).toBe('/api/group-buy/mine?page=2')
  })
})
