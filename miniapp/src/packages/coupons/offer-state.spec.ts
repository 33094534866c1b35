import { offerButton } from './offer-state'

describe('offerButton', () => {
  it('says what a ticket offers', () => {
    expect(offerButton({ state: 'available', claimed: 0 })).toEqual({ label: '立即领取', action: 'claim' })
    expect(offerButton({ state: 'available', claimed: 1 })).toEqual({ label: '再领一张', action: 'claim' })
    expect(offerButton({ state: 'claimed', claimed: 1 })).toEqual({ label: '去使用', action: 'use' })
    expect(offerButton({ state: 'sold_out', claimed: 0 })).toEqual({ label: '已抢光', action: 'none' })
    expect(offerButton({ state: 'sold_out', claimed: 2 })).toEqual({ label: '去使用', action: 'use' })
    expect(offerButton({ state: 'expired', claimed: 1 })).toEqual({ label: '已过期', action: 'none' })
  })
})
