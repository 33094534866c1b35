import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ORDER_STATUSES, OrderStatus, type OrderView } from '@linli/shared'
import { EmptyState } from '../../../components/empty-state'
import { LoadMore } from '../../../components/load-more'
import { ListSkeleton } from '../../../components/skeleton'
import { Tabs, type TabItem } from '../../../components/tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { Routes } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { listOrders } from '../../../services/order'
import { OrderCard } from './order-card'
import './index.css'

type StatusFilter = OrderStatus | ''

const TABS: TabItem<StatusFilter>[] = [
  { key: '', label: '全部' },
  { key: OrderStatus.PendingPayment, label: '待付款' },
  { key: OrderStatus.Paid, label: '待发货' },
  { key: OrderStatus.Shipped, label: '待收货' },
  { key: OrderStatus.Completed, label: '已完成' },
]

function parseStatus(value: string | undefined): StatusFilter {
  return ORDER_STATUSES.find((s) => s === value) ?? ''
}

export default function OrderListPage() {
  const router = useRouter()
  const [status, setStatus] = useState<StatusFilter>(() => parseStatus(router.params.status))
  const orders = usePagedList((page) => listOrders({ status: status || undefined, page, pageSize: 10 }))
  const shownOnce = useRef(false)

  // Reload on tab change, and when coming back from an order's detail.
  useEffect(() => {
    void (async () => {
      if (await ensureLogin()) await orders.reload({ clear: true })
    })()
  }, [status])

  useDidShow(() => {
    if (shownOnce.current) void orders.reload()
    shownOnce.current = true
  })

  usePullDownRefresh(() => {
    void orders.reload().finally(() => Taro.stopPullDownRefresh())
  })

  useReachBottom(() => {
    void orders.loadMore()
  })

  const replaceOrder = (updated: OrderView | null) => {
    // The order may now belong to another tab: reload keeps the list honest.
    if (updated) void orders.reload()
  }

  return (
    <View className='page-root order-list'>
      <Tabs items={TABS} active={status} onChange={setStatus} className='order-list__tabs' />
      <View className='order-list__body'>
        {orders.initialLoading ? (
          <ListSkeleton rows={3} />
        ) : orders.items.length === 0 ? (
          <EmptyState
            kind='order'
            title={orders.failed ? '订单加载失败' : '暂无相关订单'}
            description={orders.failed ? undefined : '去挑挑喜欢的商品吧'}
            actionText={orders.failed ? '重新加载' : '去逛逛'}
            onAction={() => (orders.failed ? void orders.reload() : void Taro.switchTab({ url: Routes.home }))}
          />
        ) : (
          <>
            {orders.items.map((order) => (
              <OrderCard key={order.id} order={order} onChanged={replaceOrder} />
            ))}
            <LoadMore loading={orders.loading} hasMore={orders.hasMore} onLoadMore={() => void orders.loadMore()} />
          </>
        )}
      </View>
    </View>
  )
}
