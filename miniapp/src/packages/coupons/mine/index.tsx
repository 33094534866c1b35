import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { USER_COUPON_STATUS_LABEL, type UserCouponView } from '@linli/shared'
import { CouponTicket, TicketButton, shortDate } from '../../../components/coupon-ticket'
import { EmptyState } from '../../../components/empty-state'
import { LoadMore } from '../../../components/load-more'
import { ListSkeleton } from '../../../components/skeleton'
import { Tabs, type TabItem } from '../../../components/tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { Routes } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { listMyCoupons, redeemCode, type MyCouponTab } from '../../../services/coupons'
import './index.css'

const TABS: TabItem<MyCouponTab>[] = [
  { key: 'unused', label: '未使用' },
  { key: 'used', label: '已使用' },
  { key: 'expired', label: '已过期' },
]

/** 我的优惠券: 未使用 / 已使用 / 已过期, and a box for redeem codes. */
export default function MyCouponsPage() {
  const [tab, setTab] = useState<MyCouponTab>('unused')
  const [code, setCode] = useState('')
  const [redeeming, setRedeeming] = useState(false)
  const coupons = usePagedList((page) => listMyCoupons(tab, page, 10))
  const shownOnce = useRef(false)

  useEffect(() => {
    void (async () => {
      if (await ensureLogin()) await coupons.reload({ clear: true })
    })()
  }, [tab])

  useDidShow(() => {
    if (shownOnce.current) void coupons.reload()
    shownOnce.current = true
  })
  usePullDownRefresh(() => void coupons.reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void coupons.loadMore())

  const redeem = async () => {
    const text = code.trim()
    if (!text || redeeming) return
    setRedeeming(true)
    try {
      await redeemCode(text)
      setCode('')
      void Taro.showToast({ title: '兑换成功', icon: 'success' })
      if (tab === 'unused') void coupons.reload()
      else setTab('unused')
    } catch {
      // The toast says why.
    } finally {
      setRedeeming(false)
    }
  }

  return (
    <View className='page-root my-coupons'>
      <Tabs items={TABS} active={tab} onChange={setTab} className='my-coupons__tabs' />
      <View className='my-coupons__redeem'>
        <Input
          id='redeem-input'
          className='my-coupons__redeem-input field-input'
          value={code}
          maxlength={20}
          placeholder='输入兑换码'
          onInput={(e) => setCode(e.detail.value)}
        />
        <View id='redeem-submit' className={`my-coupons__redeem-button ${code.trim() ? '' : 'my-coupons__redeem-button--off'}`} onClick={() => void redeem()}>
          <Text>{redeeming ? '兑换中' : '兑换'}</Text>
        </View>
      </View>
      {coupons.initialLoading ? (
        <ListSkeleton rows={3} />
      ) : coupons.items.length === 0 ? (
        <EmptyState
          kind={coupons.failed ? 'error' : 'box'}
          title={coupons.failed ? '加载失败' : `没有${USER_COUPON_STATUS_LABEL[tab]}的优惠券`}
          actionText={coupons.failed ? '重新加载' : '去领券'}
          onAction={() => (coupons.failed ? void coupons.reload() : void Taro.redirectTo({ url: Routes.couponCentre }))}
        />
      ) : (
        <>
          {coupons.items.map((c: UserCouponView) => (
            <CouponTicket
              key={c.id}
              id={`my-coupon-${c.id}`}
              className='my-coupon'
              face={c.face}
              condition={c.condition}
              title={c.title}
              lines={[c.scopeText, `${shortDate(c.validFrom)}-${shortDate(c.validTo)}`]}
              dim={c.status !== 'unused' && c.status !== 'locked'}
              note={c.status === 'locked' ? '待支付订单使用中，取消订单后返还' : undefined}
              action={
                c.status === 'unused' ? (
                  <TicketButton label='去使用' onClick={() => void Taro.switchTab({ url: Routes.home })} />
                ) : (
                  <Text className='my-coupon__stamp'>{USER_COUPON_STATUS_LABEL[c.status].slice(0, 3)}</Text>
                )
              }
            />
          ))}
          <LoadMore loading={coupons.loading} hasMore={coupons.hasMore} onLoadMore={() => void coupons.loadMore()} />
        </>
      )}
    </View>
  )
}
