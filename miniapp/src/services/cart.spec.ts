import Taro from '@tarojs/taro'
import { CART_TAB_INDEX, cartBadgeText, showCartBadge } from './cart'

describe('cart badge', () => {
  it('shows the unit count, 99+ above 99, nothing when empty', () => {
    expect(cartBadgeText(0)).toBeNull()
    expect(cartBadgeText(3)).toBe('3')
    expect(cartBadgeText(99)).toBe('99')
    expect(cartBadgeText(100)).toBe('99+')
  })

  it('sets the badge on the cart tab and removes it at zero', () => {
    const set = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: '' } as never)
    const remove = jest.spyOn(Taro, 'removeTabBarBadge').mockRejectedValue(new Error('not a tab page'))
    showCartBadge(5)
    expect(set).toHaveBeenCalledWith({ index: CART_TAB_INDEX, text: '5' })
    showCartBadge(0)
    expect(remove).toHaveBeenCalledWith({ index: CART_TAB_INDEX })
  })
})
