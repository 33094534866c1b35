import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ORDER_STATUS_LABEL, OrderStatus, type OrderView } from '@linli/shared'
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

/** A state tab, all orders (''), or the orders with after-sales. */
type StatusFilter = OrderStatus | '' | typeof AFTER_SALE

const AFTER_SALE = 'after_sale'
const STATUS_TABS = [OrderStatus.PendingPayment, OrderStatus.Grouping, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.ReadyForPickup, OrderStatus.Completed] as const

const TABS: TabItem<StatusFilter>[] = [
  { key: '', label: '全部' },
  ...STATUS_TABS.map((s) => ({ key: s, label: ORDER_STATUS_LABEL[s] })),
  { key: AFTER_SALE, label: '售后' },
]

function parseStatus(params: Record<string, string | undefined>): StatusFilter {
  if (params.afterSale === 'true' || params.status === AFTER_SALE) return AFTER_SALE
  return STATUS_TABS.find((s) => s === params.status) ?? ''
}

export default function OrderListPage() {
  const router = useRouter()
  const [status, setStatus] = useState<StatusFilter>(() => parseStatus(router.params))
  const orders = usePagedList((page) =>
    listOrders(status === AFTER_SALE ? { afterSale: true, page, pageSize: 10 } : { status: status || undefined, page, pageSize: 10 }),
  )
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

  const replaceOrder = (updated: OrderView | null, reload = false) => {
    // The order may now belong to another tab: reload keeps the list honest.
    if (updated || reload) void orders.reload()
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
            title={orders.failed ? '订单加载失败' : status === AFTER_SALE ? '暂无售后订单' : '暂无相关订单'}
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
