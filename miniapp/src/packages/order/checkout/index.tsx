import { useMemo, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import type { OrderPreviewView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { EmptyState } from '../../../components/empty-state'
import { Price } from '../../../components/price'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes, withQuery } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { decodeLines, takeChosenAddress, type CheckoutSource } from '../../../services/checkout'
import { createGroupOrder, parseGroupCheckout, previewGroupOrder } from '../../../services/group-buy'
import { createOrder, newRequestKey, previewOrder } from '../../../services/order'
import { payOrder } from '../../../services/payment'
import { ApiError } from '../../../services/request'
import { AddressCard } from '../components/address-card'
import { AmountRows } from '../components/amount-rows'
import { CouponPicker, CouponRow } from '../../../components/coupon-picker'
import { OrderLines } from '../components/order-lines'
import { STORE } from '../../../store-info'
import { StoreCard } from '../../../components/store-card'
import { type StoreView, arrivalTemplate, askArrivalConsent, myContactPhone, recordArrivalConsent, rememberedStore, setContactPhone } from '../../../services/community'
import './index.css'

const MAX_REMARK_LENGTH = 100

/** Normal goods picked up at a store arrive the next day (China date). */
export function nextDayText(now = Date.now()): string {
  const d = new Date(now + 8 * 3600_000 + 86_400_000)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

export default function CheckoutPage() {
  const router = useRouter()
  const lines = useMemo(() => decodeLines(router.params.lines), [router.params.lines])
  const source: CheckoutSource = router.params.source === 'cart' ? 'cart' : 'buy_now'
  // 拼团: one SKU of a campaign, opening a group or joining one (`mode=group`).
  const group = useMemo(() => parseGroupCheckout(router.params), [router.params])
  const hasItems = group !== null || lines.length > 0

  const [preview, setPreview] = useState<OrderPreviewView | null>(null)
  const [failed, setFailed] = useState(false)
  /** Why the order cannot be placed, when the server said so (e.g. the group is full). */
  const [refusal, setRefusal] = useState<string | null>(null)
  const [addressId, setAddressId] = useState<number | undefined>()
  const [remark, setRemark] = useState('')
  const [submitting, setSubmitting] = useState(false)
  /** The shopper's coupon choice: undefined lets the server pick the best; null is none. */
  const [couponChoice, setCouponChoice] = useState<number | null | undefined>(undefined)
  const [pickingCoupon, setPickingCoupon] = useState(false)
  // One key for the life of this page: a double tap or a retry returns the same order.
  const requestKey = useRef(newRequestKey())
  const submittingNow = useRef(false)
  // 快递配送 / 到店自提, for group orders too. The store is the one chosen on home, remembered on this device.
  const [mode, setMode] = useState<'delivery' | 'pickup'>('delivery')
  const [store, setStore] = useState<StoreView | null>(null)
  const [templateId, setTemplateId] = useState<string | null>(null)
  /** The pickup contact phone (masked): the store finds the order by its last digits. */
  const [contactPhone, setPhone] = useState<string | null | undefined>(undefined)
  const pickup = mode === 'pickup' && store !== null

  const loadPreview = async (chosenAddressId: number | undefined, coupon: number | null | undefined = couponChoice, atStore: number | undefined = pickup ? store?.id : undefined) => {
    if (!hasItems) return
    if (!(await ensureLogin())) return
    try {
      const result = group
        ? await previewGroupOrder({ ...group, couponId: coupon, ...(atStore ? { fulfilment: 'pickup', pickupStoreId: atStore } : { addressId: chosenAddressId }) })
        : await previewOrder(lines, chosenAddressId, coupon, atStore)
      setPreview(result)
      if (!atStore) setAddressId(result.address?.id)
      setFailed(false)
      setRefusal(null)
    } catch (err) {
      setFailed(true)
      // A business refusal (full group, limit reached…) will not change by retrying: say why instead of the form.
      const refused = err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429 && !err.isUnauthorized
      setRefusal(refused ? err.message : null)
      if (refused) setPreview(null)
    }
  }

  // Runs on open and on coming back from the address pages.
  useDidShow(() => {
    const chosen = takeChosenAddress()
    const remembered = rememberedStore()
    const usable = remembered && remembered.state === 'open' ? remembered : null
    setStore(usable)
    const atStore = mode === 'pickup' && usable ? usable.id : undefined
    if (mode === 'pickup' && !atStore) setMode('delivery')
    void loadPreview(chosen ?? addressId, couponChoice, atStore)
    if (templateId === null) void arrivalTemplate().then((t) => setTemplateId(t.templateId), () => undefined)
    if (contactPhone === undefined) void myContactPhone().then((p) => setPhone(p.phone), () => setPhone(null))
  })

  const onPhone = (e: { detail: { code?: string } }) => {
    if (e.detail.code) void setContactPhone(e.detail.code).then((p) => setPhone(p.phone), () => undefined)
  }

  const switchMode = (next: 'delivery' | 'pickup') => {
    if (next === mode) return
    if (next === 'pickup' && !store) {
      void Taro.navigateTo({ url: withQuery(Routes.storePicker, { select: 1 }) })
      return
    }
    setMode(next)
    void loadPreview(addressId, couponChoice, next === 'pickup' ? store?.id : undefined)
  }

  const problems = useMemo(() => Object.fromEntries((preview?.problems ?? []).map((p) => [p.skuId, p.reason])), [preview])
  const hasProblems = (preview?.problems.length ?? 0) > 0
  const canSubmit = preview !== null && (pickup || preview.address !== null) && !hasProblems && !submitting

  const chooseAddress = () => {
    const url = preview?.address ? withQuery(Routes.addresses, { select: 1 }) : withQuery(Routes.addressEdit, { select: 1 })
    void Taro.navigateTo({ url })
  }

  const submit = async () => {
    if (!preview) return
    if (!pickup && !preview.address) {
      void Taro.showToast({ title: '请先添加收货地址', icon: 'none' })
      return
    }
    if (hasProblems || submittingNow.current) return
    submittingNow.current = true
    setSubmitting(true)
    let orderId: number
    // Consent for 到店提醒 is asked inside the tap, before anything awaits the network.
    const consented = pickup ? await askArrivalConsent(templateId) : false
    try {
      // The coupon the preview priced with; the server checks it again and computes the discount itself.
      const common = { remark: remark.trim() || undefined, requestKey: requestKey.current, couponId: preview.coupons?.selectedId ?? undefined }
      const order = group
        ? await createGroupOrder({ ...group, ...common, ...(pickup ? { fulfilment: 'pickup', pickupStoreId: store!.id } : { addressId: preview.address!.id }) })
        : pickup
          ? await createOrder({ lines, source, ...common, fulfilment: 'pickup', pickupStoreId: store!.id })
          : await createOrder({ lines, source, ...common, addressId: preview.address!.id })
      orderId = order.id
    } catch {
      // The toast has the reason; prices or stock may have changed, so preview again.
      submittingNow.current = false
      setSubmitting(false)
      void loadPreview(preview.address?.id)
      return
    }
    await recordArrivalConsent(orderId, consented)
    // Straight on to paying, as shops do; the result page (or the cashier) replaces checkout.
    const outcome = await payOrder(orderId, { replace: true })
    if (outcome === 'failed' || outcome === 'unsupported') {
      // The order exists and waits for payment: its detail has the 立即支付 button and the countdown.
      void Taro.redirectTo({ url: withQuery(Routes.orderDetail, { id: orderId }) })
    }
  }

  if (!hasItems) {
    return (
      <View className='page-root'>
        <EmptyState kind='cart' title='没有要结算的商品' actionText='去逛逛' onAction={() => void Taro.switchTab({ url: Routes.home })} />
      </View>
    )
  }

  if (!preview) {
    return (
      <View className='page-root'>
        {failed && refusal ? (
          <EmptyState kind='order' title='暂时无法下单' description={refusal} actionText='返回' onAction={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: Routes.home }))} />
        ) : failed ? (
          <EmptyState kind='error' title='订单信息加载失败' actionText='重新加载' onAction={() => void loadPreview(addressId)} />
        ) : (
          <ListSkeleton rows={2} />
        )}
      </View>
    )
  }

  return (
    <View className='page-root page-root--with-bar checkout'>
      <View className='checkout__modes' id='checkout-modes'>
        <Text id='checkout-mode-delivery' className={`checkout__mode${pickup ? '' : ' checkout__mode--on'}`} onClick={() => switchMode('delivery')}>快递配送</Text>
        <Text id='checkout-mode-pickup' className={`checkout__mode${pickup ? ' checkout__mode--on' : ''}`} onClick={() => switchMode('pickup')}>到店自提</Text>
      </View>

      {pickup && store ? (
        <StoreCard id='checkout-store' store={store} note={group ? '成团后备货到店，到店后凭取货码自提 · 免运费' : `预计${nextDayText()}到店，到店后凭取货码自提 · 免运费`} action='切换'
          onAction={() => void Taro.navigateTo({ url: withQuery(Routes.storePicker, { select: 1 }) })} />
      ) : (
        <AddressCard id='checkout-address' address={preview.address} onClick={chooseAddress} />
      )}

      {pickup ? (
        <View className='card checkout__contact' id='checkout-contact'>
          <Text className='checkout__remark-label'>取货手机号</Text>
          <Text className='checkout__contact-value'>{contactPhone ?? '选填，方便门店查找订单'}</Text>
          {process.env.TARO_ENV === 'weapp' ? <Button className='checkout__contact-btn' openType='getPhoneNumber' onGetPhoneNumber={onPhone}>{contactPhone ? '更换' : '获取'}</Button> : null}
        </View>
      ) : null}

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

      {group ? (
        <View className='card checkout__group' id='checkout-group'>
          <Text className='checkout__group-tag'>{group.groupId ? '参团' : group.groupSize ? `${group.groupSize}人团` : '开团'}</Text>
          <View className='checkout__group-text'>
            <Text className='checkout__group-title'>{group.groupId ? '支付后加入拼团，人满即成团' : '支付后开团，邀请好友参团，人满即成团'}</Text>
            <Text className='checkout__group-note'>{pickup ? '成团后到店自提 · 未成团自动原路退款' : '拼团包邮 · 成团后发货 · 未成团自动原路退款'}</Text>
          </View>
        </View>
      ) : null}

      <View className='card checkout__lines'>
        <Text className='checkout__store'>{STORE.name}</Text>
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

      {preview.coupons ? (
        <View className='card'>
          <CouponRow coupons={preview.coupons} discount={preview.discount} onOpen={() => setPickingCoupon(true)} />
        </View>
      ) : null}

      <View className='card'>
        <AmountRows amounts={preview} />
      </View>

      {preview.coupons ? (
        <CouponPicker
          visible={pickingCoupon}
          coupons={preview.coupons}
          onClose={() => setPickingCoupon(false)}
          onChoose={(id) => {
            setPickingCoupon(false)
            setCouponChoice(id)
            void loadPreview(addressId, id)
          }}
        />
      ) : null}

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
