import { useRef, useState } from 'react'
import Taro, { useLoad, useRouter, useUnload } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ErrorCode, type OrderView } from '@linli/shared'
import { EmptyState } from '../../../components/empty-state'
import { GuessYouLike } from '../../../components/guess-you-like'
import { Routes, withQuery } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { groupPageUrl } from '../../../services/group-buy'
import { getOrder } from '../../../services/order'
import { payOrder } from '../../../services/payment'
import { ApiError } from '../../../services/request'
import { POLL_INTERVAL_MS, POLL_LIMIT_MS, decidePayResult, parsePayHint, type PayResultState } from './pay-result'
import { PayResultPanel } from './pay-result-panel'

/**
 * 支付结果: asks the server about every second (up to ~30 s) whether the order is paid.
 * The payment callback (or the cashier sending the shopper back) decides nothing by itself.
 */
export default function PayResultPage() {
  const router = useRouter()
  const orderId = Number(router.params.id)
  const hint = parsePayHint(router.params.pay)
  const [order, setOrder] = useState<OrderView | null>(null)
  const [state, setState] = useState<PayResultState>('confirming')
  const [problem, setProblem] = useState<'not-found' | 'failed' | null>(null)
  const [retrying, setRetrying] = useState(false)
  const startedAt = useRef(Date.now())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const alive = useRef(true)
  // Only the newest poll may schedule the next one (a retry can start one while another is in flight).
  const generation = useRef(0)

  const stop = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }

  const poll = async () => {
    stop()
    const mine = ++generation.current
    const elapsed = Date.now() - startedAt.current
    try {
      const latest = await getOrder(orderId, { toast: false })
      if (!alive.current || mine !== generation.current) return
      setOrder(latest)
      const decision = decidePayResult(latest, elapsed, hint)
      setState(decision.state)
      if (decision.keepPolling) timer.current = setTimeout(() => void poll(), POLL_INTERVAL_MS)
    } catch (err) {
      if (!alive.current || mine !== generation.current) return
      if (err instanceof ApiError && (err.code === ErrorCode.OrderNotFound || err.status === 404)) {
        setProblem('not-found')
      } else if (err instanceof ApiError && err.isUnauthorized) {
        // The request wrapper is taking the shopper to log in.
      } else if (elapsed < POLL_LIMIT_MS) {
        timer.current = setTimeout(() => void poll(), POLL_INTERVAL_MS)
      } else {
        setProblem('failed')
      }
    }
  }

  const start = async () => {
    if (!Number.isInteger(orderId) || orderId <= 0) {
      setProblem('not-found')
      return
    }
    if (!(await ensureLogin())) return
    startedAt.current = Date.now()
    setProblem(null)
    void poll()
  }

  useLoad(() => {
    void start()
  })

  useUnload(() => {
    alive.current = false
    stop()
  })

  const viewOrder = () => void Taro.redirectTo({ url: withQuery(Routes.orderDetail, { id: orderId }) })

  const retry = async () => {
    setRetrying(true)
    const outcome = await payOrder(orderId, { replace: true })
    if (outcome !== 'cashier') setRetrying(false)
    // It could not start (e.g. the deadline passed): show what the server says now.
    if (outcome === 'failed' || outcome === 'unsupported') void poll()
  }

  if (problem) {
    return (
      <View className='page-root'>
        <EmptyState
          kind={problem === 'failed' ? 'error' : 'order'}
          title={problem === 'failed' ? '支付结果查询失败' : '订单不存在'}
          actionText={problem === 'failed' ? '重新查询' : '查看全部订单'}
          onAction={() => (problem === 'failed' ? void start() : void Taro.redirectTo({ url: Routes.orderList }))}
        />
      </View>
    )
  }

  return (
    <View className='page-root'>
      <PayResultPanel
        state={state}
        order={order}
        retrying={retrying}
        onRetry={() => void retry()}
        onViewOrder={viewOrder}
        onContinue={() => void Taro.switchTab({ url: Routes.home })}
        onViewGroup={(groupId) => void Taro.redirectTo({ url: groupPageUrl(groupId) })}
        onDeadline={() => setTimeout(() => void poll(), 1500)}
      />
      {state === 'success' && order ? <GuessYouLike exclude={order.lines.map((l) => l.productId)} /> : null}
    </View>
  )
}
