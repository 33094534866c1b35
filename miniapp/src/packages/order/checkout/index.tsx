import { useMemo, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { OrderPreviewView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { EmptyState } from '../../../components/empty-state'
import { Price } from '../../../components/price'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes, withQuery } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { decodeLines, takeChosenAddress, type CheckoutSource } from '../../../services/checkout'
import { createOrder, newRequestKey, previewOrder } from '../../../services/order'
import { payOrder } from '../../../services/payment'
import { AddressCard } from '../components/address-card'
import { AmountRows } from '../components/amount-rows'
import { OrderLines } from '../components/order-lines'
import './index.css'

const MAX_REMARK_LENGTH = 100

export default function CheckoutPage() {
  const router = useRouter()
  const lines = useMemo(() => decodeLines(router.params.lines), [router.params.lines])
  const source: CheckoutSource = router.params.source === 'cart' ? 'cart' : 'buy_now'

  const [preview, setPreview] = useState<OrderPreviewView | null>(null)
  const [failed, setFailed] = useState(false)
  const [addressId, setAddressId] = useState<number | undefined>()
  const [remark, setRemark] = useState('')
  const [submitting, setSubmitting] = useState(false)
  // One key for the life of this page: a double tap or a retry returns the same order.
  const requestKey = useRef(newRequestKey())
  const submittingNow = useRef(false)

  const loadPreview = async (chosenAddressId: number | undefined) => {
    if (lines.length === 0) return
    if (!(await ensureLogin())) return
    try {
      const result = await previewOrder(lines, chosenAddressId)
      setPreview(result)
      setAddressId(result.address?.id)
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }

  // Runs on open and on coming back from the address pages.
  useDidShow(() => {
    const chosen = takeChosenAddress()
    void loadPreview(chosen ?? addressId)
  })

  const problems = useMemo(() => Object.fromEntries((preview?.problems ?? []).map((p) => [p.skuId, p.reason])), [preview])
  const hasProblems = (preview?.problems.length ?? 0) > 0
  const canSubmit = preview !== null && preview.address !== null && !hasProblems && !submitting

  const chooseAddress = () => {
    const url = preview?.address ? withQuery(Routes.addresses, { select: 1 }) : withQuery(Routes.addressEdit, { select: 1 })
    void Taro.navigateTo({ url })
  }

  const submit = async () => {
    if (!preview) return
    if (!preview.address) {
      void Taro.showToast({ title: '请先添加收货地址', icon: 'none' })
      return
    }
    if (hasProblems || submittingNow.current) return
    submittingNow.current = true
    setSubmitting(true)
    let orderId: number
    try {
      const order = await createOrder({
        lines,
        addressId: preview.address.id,
        source,
        remark: remark.trim() || undefined,
        requestKey: requestKey.current,
      })
      orderId = order.id
    } catch {
      // The toast has the reason; prices or stock may have changed, so preview again.
      submittingNow.current = false
      setSubmitting(false)
      void loadPreview(preview.address.id)
      return
    }
    // Straight on to paying, as shops do; the result page (or the cashier) replaces checkout.
    const outcome = await payOrder(orderId, { replace: true })
    if (outcome === 'failed' || outcome === 'unsupported') {
      // The order exists and waits for payment: its detail has the 立即支付 button and the countdown.
      void Taro.redirectTo({ url: withQuery(Routes.orderDetail, { id: orderId }) })
    }
  }

  if (lines.length === 0) {
    return (
      <View className='page-root'>
        <EmptyState kind='cart' title='没有要结算的商品' actionText='去逛逛' onAction={() => void Taro.switchTab({ url: Routes.home })} />
      </View>
    )
  }

  if (!preview) {
    return (
      <View className='page-root'>
        {failed ? (
          <EmptyState kind='error' title='订单信息加载失败' actionText='重新加载' onAction={() => void loadPreview(addressId)} />
        ) : (
          <ListSkeleton rows={2} />
        )}
      </View>
    )
  }

  return (
    <View className='page-root page-root--with-bar checkout'>
      <AddressCard id='checkout-address' address={preview.address} onClick={chooseAddress} />

      {hasProblems ? (
        <View className='checkout__problems' id='checkout-problems'>
          <Text className='checkout__problems-title'>以下商品暂时无法购买，请返回修改：</Text>
          {preview.problems.map((p) => {
            const line = preview.lines.find((l) => l.skuId === p.skuId)
            return (
              <Text key={p.skuId} className='checkout__problem'>
                · {line ? `${line.title}：${p.reason}` : p.reason}
              </Text>
            )
          })}
        </View>
      ) : null}

      <View className='card checkout__lines'>
        <Text className='checkout__store'>邻里优选</Text>
        <OrderLines lines={preview.lines} problems={problems} />
        <View className='checkout__remark'>
          <Text className='checkout__remark-label'>订单备注</Text>
          <Input
            id='checkout-remark'
            className='checkout__remark-input field-input'
            value={remark}
            maxlength={MAX_REMARK_LENGTH}
            placeholder='选填，给商家留言'
            onInput={(e) => setRemark(e.detail.value)}
          />
        </View>
      </View>

      <View className='card'>
        <AmountRows amounts={preview} />
      </View>

      <View className='bottom-bar checkout-bar'>
        <View className='checkout-bar__total'>
          <Text className='checkout-bar__label'>实付款：</Text>
          <Price fen={preview.total} size='lg' className='checkout-total' />
        </View>
        <ActionButton id='checkout-submit' className='checkout-bar__submit' disabled={!canSubmit && !submitting} loading={submitting} onClick={() => void submit()}>
          提交订单
        </ActionButton>
      </View>
    </View>
  )
}
