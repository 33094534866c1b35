import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { ORDER_STATUS_LABEL, OrderStatus, type OrderCounts, type UserView } from '@linli/shared'
import { Routes, withQuery } from '../../routes'
import { ensureLogin, fetchMe } from '../../services/auth'
import { mediaUrl } from '../../services/media'
import { refreshCartBadge } from '../../services/cart'
import { getOrderCounts } from '../../services/order'
import { getSavedUser, isLoggedIn } from '../../services/session'
import { ServiceEntry } from '../../components/service-entry'
import afterSaleIcon from '../../assets/icons/order-after-sale.png'
import groupIcon from '../../assets/icons/order-group.png'
import payIcon from '../../assets/icons/order-pay.png'
import pickupIcon from '../../assets/icons/order-pickup.png'
import receiveIcon from '../../assets/icons/order-receive.png'
import shipIcon from '../../assets/icons/order-ship.png'
import { STORE } from '../../store-info'
import './index.css'

interface OrderShortcut {
  key: string
  label: string
  icon: string
  /** The order list tab it opens (none: all orders). */
  status?: OrderStatus | 'after_sale'
  countKey?: keyof OrderCounts
}

const ORDER_SHORTCUTS: OrderShortcut[] = [
  { key: 'pending-payment', label: ORDER_STATUS_LABEL.pending_payment, icon: payIcon, status: OrderStatus.PendingPayment, countKey: 'pending_payment' },
  { key: 'grouping', label: ORDER_STATUS_LABEL.grouping, icon: groupIcon, status: OrderStatus.Grouping, countKey: 'grouping' },
  { key: 'paid', label: ORDER_STATUS_LABEL.paid, icon: shipIcon, status: OrderStatus.Paid, countKey: 'paid' },
  { key: 'shipped', label: ORDER_STATUS_LABEL.shipped, icon: receiveIcon, status: OrderStatus.Shipped, countKey: 'shipped' },
  { key: 'pickup', label: ORDER_STATUS_LABEL.ready_for_pickup, icon: pickupIcon, status: OrderStatus.ReadyForPickup, countKey: 'ready_for_pickup' },
  { key: 'after-sale', label: '售后', icon: afterSaleIcon, status: 'after_sale', countKey: 'after_sale' },
]

export default function MinePage() {
  const [user, setUser] = useState<UserView | null>(() => (isLoggedIn() ? getSavedUser() : null))
  const [counts, setCounts] = useState<OrderCounts | null>(null)

  const refresh = async () => {
    if (!isLoggedIn()) {
      setUser(null)
      setCounts(null)
      return
    }
    setUser(getSavedUser())
    const [me, orderCounts] = await Promise.allSettled([fetchMe(), getOrderCounts({ toast: false })])
    if (me.status === 'fulfilled') setUser(me.value)
    if (orderCounts.status === 'fulfilled') setCounts(orderCounts.value)
  }

  useDidShow(() => {
    void refresh()
    void refreshCartBadge()
  })

  const login = async () => {
    if (await ensureLogin()) await refresh()
  }

  /** Pages that need a session: log in first (H5 opens the login page). */
  const openWithLogin = async (url: string) => {
    if (await ensureLogin()) void Taro.navigateTo({ url })
  }

  return (
    <View className='page-root mine'>
      <View className='mine__header'>
        {user ? (
          <View className='mine__user' id='mine-user'>
            {user.avatar ? (
              <Image className='mine__avatar' src={mediaUrl(user.avatar)} mode='aspectFill' />
            ) : (
              <View className='mine__avatar mine__avatar--text'>
                <Text>{user.nickname.slice(0, 1)}</Text>
              </View>
            )}
            <View className='mine__user-text'>
              <Text className='mine__nickname'>{user.nickname}</Text>
              <Text className='mine__hint'>欢迎回到{STORE.name}</Text>
            </View>
          </View>
        ) : (
          <View className='mine__user' id='mine-login' onClick={() => void login()}>
            <View className='mine__avatar mine__avatar--empty' />
            <View className='mine__user-text'>
              <Text className='mine__nickname'>点击登录</Text>
              <Text className='mine__hint'>登录后查看订单和收货地址</Text>
            </View>
          </View>
        )}
      </View>

      <View className='mine__orders'>
        <View className='mine__orders-head' onClick={() => void openWithLogin(Routes.orderList)}>
          <Text className='mine__section-title'>我的订单</Text>
          <Text className='mine__more'>全部订单 ›</Text>
        </View>
        <View className='mine__shortcuts'>
          {ORDER_SHORTCUTS.map((s) => {
            const count = s.countKey && counts ? counts[s.countKey] ?? 0 : 0
            return (
              <View
                key={s.key}
                className={`mine__shortcut order-shortcut order-shortcut--${s.key}`}
                onClick={() => void openWithLogin(withQuery(Routes.orderList, { status: s.status }))}
              >
                <View className='mine__shortcut-icon'>
                  <Image className='mine__shortcut-image' src={s.icon} />
                  {count > 0 ? <Text className='mine__badge order-shortcut__count'>{count > 99 ? '99+' : count}</Text> : null}
                </View>
                <Text className='mine__shortcut-label'>{s.label}</Text>
              </View>
            )
          })}
        </View>
      </View>

      <View className='mine__menu'>
        <View id='mine-groups' className='mine__menu-item' onClick={() => void openWithLogin(Routes.myGroups)}>
          <Text>我的拼团</Text>
          <View className='mine__menu-right'>
            {counts && counts.grouping > 0 ? <Text className='mine__menu-hint'>{counts.grouping}个待成团</Text> : null}
            <Text className='mine__arrow'>›</Text>
          </View>
        </View>
        <View id='mine-coupons' className='mine__menu-item' onClick={() => void openWithLogin(Routes.myCoupons)}>
          <Text>我的优惠券</Text>
          <Text className='mine__arrow'>›</Text>
        </View>
        <View id='mine-red-packets' className='mine__menu-item' onClick={() => void openWithLogin(Routes.myRedPackets)}>
          <Text>我的红包</Text>
          <Text className='mine__arrow'>›</Text>
        </View>
        <View id='mine-leader' className='mine__menu-item' onClick={() => void openWithLogin(Routes.leader)}>
          <Text>团长工作台</Text>
          <Text className='mine__arrow'>›</Text>
        </View>
        <View id='mine-distributor' className='mine__menu-item' onClick={() => void openWithLogin(Routes.distributor)}>
          <Text>分销中心</Text>
          <Text className='mine__arrow'>›</Text>
        </View>
        <View id='mine-addresses' className='mine__menu-item' onClick={() => void openWithLogin(Routes.addresses)}>
          <Text>收货地址</Text>
          <Text className='mine__arrow'>›</Text>
        </View>
        <ServiceEntry id='mine-service' className='mine__menu-item'>
          <Text>联系客服</Text>
          <Text className='mine__arrow'>›</Text>
        </ServiceEntry>
        <View id='mine-settings' className='mine__menu-item' onClick={() => void Taro.navigateTo({ url: Routes.settings })}>
          <Text>设置</Text>
          <Text className='mine__arrow'>›</Text>
        </View>
      </View>
    </View>
  )
}
