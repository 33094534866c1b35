import { EMPTY_ADDRESS, addressErrors, mergeRecognised, validateAddress } from './address-form'
import { parseAddressText } from './regions'

describe('address form', () => {
  it('names the problem of each field, to show beside it', () => {
    expect(addressErrors(EMPTY_ADDRESS)).toEqual({ name: '请填写收货人', phone: '请填写手机号', region: '请选择省、市、区', detail: '请填写详细地址（街道、楼栋、门牌号）' })
    expect(addressErrors({ ...EMPTY_ADDRESS, name: '张三', phone: '1380013800', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道1号' }))
      .toEqual({ phone: '手机号应为 11 位数字，以 1 开头' })
    expect(validateAddress({ ...EMPTY_ADDRESS, name: '张三', phone: '13800138000' })).toBe('请选择省、市、区')
  })

  it('fills what paste-to-recognise found and keeps the rest', () => {
    const filled = mergeRecognised({ ...EMPTY_ADDRESS, isDefault: true, name: '原来的名字' }, parseAddressText('13800138000 上海市浦东新区世纪大道1号'))
    expect(filled).toEqual({ name: '原来的名字', phone: '13800138000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道1号', isDefault: true })
    expect(addressErrors(filled)).toEqual({})
  })
})
