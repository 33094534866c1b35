import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { CouponOfferView } from '@linli/shared'
import { CouponTicket, TicketButton } from '../../../components/coupon-ticket'
import { EmptyState } from '../../../components/empty-state'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { claimCoupon, getCouponCentre } from '../../../services/coupons'
import { offerButton } from '../offer-state'
import './index.css'

/** 领券中心: every coupon on show, with 立即领取 / 去使用 / 已抢光. */
export default function CouponCentrePage() {
  const [offers, setOffers] = useState<CouponOfferView[] | null>(null)
  const [failed, setFailed] = useState(false)
  const [claiming, setClaiming] = useState<number | null>(null)

  const load = async () => {
    try {
      setOffers(await getCouponCentre({ toast: false }))
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }

  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  const claim = async (offer: CouponOfferView) => {
    if (claiming || !(await ensureLogin())) return
    setClaiming(offer.id)
    try {
      await claimCoupon(offer.id)
      void Taro.showToast({ title: '领取成功', icon: 'success' })
    } catch {
      // The toast says why (已抢光, 已达上限).
    } finally {
      setClaiming(null)
      void load()
    }
  }

  const openMine = async () => {
    if (await ensureLogin()) void Taro.navigateTo({ url: Routes.myCoupons })
  }

  return (
    <View className='page-root coupon-centre'>
      <View className='coupon-centre__banner'>
        <Text className='coupon-centre__banner-title'>领券中心</Text>
        <Text className='coupon-centre__banner-note'>先领券再下单，结算时自动用上最优惠的一张</Text>
      </View>
      {offers === null ? (
        failed ? <EmptyState kind='error' title='加载失败' actionText='重新加载' onAction={() => void load()} /> : <ListSkeleton rows={3} />
      ) : offers.length === 0 ? (
        <EmptyState kind='box' title='暂时没有可领的券' description='过几天再来看看' actionText='去逛逛' onAction={() => void Taro.switchTab({ url: Routes.home })} />
      ) : (
        offers.map((o) => {
          const button = offerButton(o)
          return (
            <CouponTicket
              key={o.id}
              id={`offer-${o.id}`}
              className='coupon-offer'
              face={o.face}
              condition={o.condition}
              title={o.title}
              lines={[o.scopeText, o.validityText, o.state === 'available' && o.remaining <= 20 ? `仅剩${o.remaining}张` : '']
                .filter(Boolean)}
              dim={o.state === 'sold_out' || o.state === 'expired'}
              action={
                <TicketButton
                  id={`offer-${o.id}-button`}
                  label={claiming === o.id ? '领取中' : button.label}
                  disabled={button.action === 'none'}
                  onClick={() => (button.action === 'claim' ? void claim(o) : void Taro.switchTab({ url: Routes.home }))}
                />
              }
            />
          )
        })
      )}
      <View className='coupon-centre__footer' onClick={() => void openMine()}>
        <Text>查看我的优惠券 ›</Text>
      </View>
    </View>
  )
}
