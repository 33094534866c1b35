import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatYuan, type CouponOfferView } from '@linli/shared'
import { BottomSheet } from '../../../components/bottom-sheet'
import { CouponTicket, TicketButton } from '../../../components/coupon-ticket'
import { ensureLogin } from '../../../services/auth'
import { claimCoupon, type ProductCoupons } from '../../../services/coupons'
import './product-coupons.css'

/** 券后价 beside the price, when a coupon the shopper holds or can claim lowers it. */
export function AfterCouponPrice({ coupons, price }: { coupons: ProductCoupons | null; price: number }) {
  if (!coupons || coupons.afterCouponPrice === null || coupons.afterCouponPrice >= price) return null
  return (
    <View className='after-coupon' id='product-after-coupon'>
      <Text className='after-coupon__tag'>券后价</Text>
      <Text className='after-coupon__price'>¥{formatYuan(coupons.afterCouponPrice)}</Text>
    </View>
  )
}

/** The 领券 row and its sheet of tickets to claim. */
export function ProductCouponRow({ coupons, onChanged }: { coupons: ProductCoupons | null; onChanged: () => void }) {
  const [open, setOpen] = useState(false)
  const [claiming, setClaiming] = useState<number | null>(null)
  if (!coupons || coupons.offers.length === 0) return null

  const claim = async (offer: CouponOfferView) => {
    if (claiming || !(await ensureLogin())) return
    setClaiming(offer.id)
    try {
      await claimCoupon(offer.id)
      void Taro.showToast({ title: '领取成功', icon: 'success' })
      onChanged()
    } catch {
      // The toast says why.
    } finally {
      setClaiming(null)
    }
  }

  return (
    <>
      <View id='product-coupon-row' className='product__row product__row--promo' onClick={() => setOpen(true)}>
        <Text className='product__row-label'>领券</Text>
        <View className='product__row-value product__promos'>
          {coupons.offers.slice(0, 3).map((o) => (
            <Text key={o.id} className='product-coupon-chip'>{o.type === 'percent_off' ? `${o.condition} ${o.face}` : o.threshold > 0 ? `满${formatYuan(o.threshold).replace(/\.00$/, '')}减${o.face.slice(1)}` : `无门槛${o.face}`}</Text>
          ))}
        </View>
        <Text className='product__row-arrow'>›</Text>
      </View>
      <BottomSheet visible={open} onClose={() => setOpen(false)} className='product-coupon-sheet'>
        <Text className='product-coupon-sheet__title'>领取优惠券</Text>
        <View className='product-coupon-sheet__list'>
          {coupons.offers.map((o) => {
            const canClaim = o.state === 'available'
            return (
              <CouponTicket key={o.id} id={`product-offer-${o.id}`} face={o.face} condition={o.condition} title={o.title} lines={[o.scopeText, o.validityText]}
                dim={!canClaim && o.claimed === 0}
                action={<TicketButton label={claiming === o.id ? '领取中' : canClaim ? '立即领取' : o.claimed > 0 ? '已领取' : '已抢光'} disabled={!canClaim} onClick={() => void claim(o)} />} />
            )
          })}
        </View>
      </BottomSheet>
    </>
  )
}
