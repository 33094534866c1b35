import { checkoutUrl, decodeLines, encodeLines } from './checkout'

describe('checkout hand-over', () => {
  it('puts only skuId and quantity in the URL', () => {
    const url = checkoutUrl([{ skuId: 12, quantity: 2 }, { skuId: 15, quantity: 1 }], 'cart')
    expect(url).toBe(`/packages/order/checkout/index?source=cart&lines=${encodeURIComponent('12:2,15:1')}`)
  })

  it('reads lines back, encoded or not, and drops malformed pairs', () => {
    expect(decodeLines(encodeLines([{ skuId: 7, quantity: 3 }]))).toEqual([{ skuId: 7, quantity: 3 }])
    expect(decodeLines(encodeURIComponent('7:3,8:1'))).toEqual([{ skuId: 7, quantity: 3 }, { skuId: 8, quantity: 1 }])
    expect(decodeLines('7:0,x:1,9:2.5,10:1')).toEqual([{ skuId: 10, quantity: 1 }])
    expect(decodeLines(undefined)).toEqual([])
  })
})
