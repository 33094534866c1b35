import { useState } from 'react'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ErrorCode, type OrderView } from '@linli/shared'
import { EmptyState } from '../../../components/empty-state'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { getOrder } from '../../../services/order'
import { ApiError } from '../../../services/request'

export type OrderLoadState = 'loading' | 'ready' | 'not-found' | 'failed'

/** The order named by the page's `id` parameter: loaded on page load (after login), reloadable. */
export function useOrder() {
  const router = useRouter()
  const orderId = Number(router.params.id)
  const [order, setOrder] = useState<OrderView | null>(null)
  const [state, setState] = useState<OrderLoadState>('loading')

  const load = async () => {
    if (!Number.isInteger(orderId) || orderId <= 0) {
      setState('not-found')
      return
    }
    if (!(await ensureLogin())) return
    try {
      setOrder(await getOrder(orderId))
      setState('ready')
    } catch (err) {
      const notFound = err instanceof ApiError && (err.code === ErrorCode.OrderNotFound || err.status === 404)
      setState(notFound ? 'not-found' : 'failed')
    }
  }

  useLoad(() => {
    void load()
  })

  return { orderId, order, setOrder, state, load }
}

/** What an order page shows before it has an order: a skeleton, or a way out of a missing or failed load. */
export function OrderLoadStatus({ state, onRetry }: { state: OrderLoadState; onRetry: () => void }) {
  return (
    <View className='page-root'>
      {state === 'loading' ? <ListSkeleton rows={2} /> : null}
      {state === 'not-found' || state === 'failed' ? (
        <EmptyState
          kind={state === 'failed' ? 'error' : 'order'}
          title={state === 'failed' ? '订单加载失败' : '订单不存在'}
          actionText={state === 'failed' ? '重新加载' : '查看全部订单'}
          onAction={() => (state === 'failed' ? onRetry() : void Taro.redirectTo({ url: Routes.orderList }))}
        />
      ) : null}
    </View>
  )
}
