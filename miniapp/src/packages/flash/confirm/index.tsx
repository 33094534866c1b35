import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { ErrorCode, FLASH_BUTTON_LABEL, flashButtonState, flashSlotState, type AddressView, type FlashItemView, type FlashSlotView, type OrderPreviewView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { CouponPicker, CouponRow } from '../../../components/coupon-picker'
import { EmptyState } from '../../../components/empty-state'
import { OriginalPrice, Price } from '../../../components/price'
import { ListSkeleton } from '../../../components/skeleton'
import { Stepper } from '../../../components/stepper'
import { Routes, withQuery } from '../../../routes'
import { listAddresses } from '../../../services/address'
import { ensureLogin } from '../../../services/auth'
import { takeChosenAddress } from '../../../services/checkout'
import {
  FLASH_PAY_MINUTES_DEFAULT, FLASH_TIMEOUT_MESSAGE, failureLeadsBack, findFlashItem, idParam, listFlashSlots, maxQuantity, payMinutes,
  previewFlashPurchase, purchaseAndWait, slotDeadline, specsText,
} from '../../../services/flash-sale'
import { mediaUrl } from '../../../services/media'
import { getOrder } from '../../../services/order'
import { payOrder } from '../../../services/payment'
import { FlashAddress } from '../components/flash-address'
import { FlashClock } from '../components/flash-clock'
import './index.css'

/** Where the purchase is: idle, sent, waiting in the queue, confirmed and paying, or refused (going back). */
type Phase = 'idle' | 'sending' | 'queued' | 'paying' | 'refused'

/** Long enough to read the toast before going back to the flash page. */
const BACK_DELAY_MS = 1800

export default function FlashConfirmPage() {
  const router = useRouter()
  const itemId = idParam(router.params.item)

  const [found, setFound] = useState<{ slot: FlashSlotView; item: FlashItemView } | null | undefined>(undefined)
  const [failed, setFailed] = useState(false)
  const [addresses, setAddresses] = useState<AddressView[]>([])
  const [addressId, setAddressId] = useState<number | undefined>()
  const [quantity, setQuantity] = useState(1)
  const [phase, setPhase] = useState<Phase>('idle')
  const [payWithin, setPayWithin] = useState(FLASH_PAY_MINUTES_DEFAULT)
  // Bumped when the slot opens or closes, so the button follows.
  const [, setEpoch] = useState(0)
  const busy = useRef(false)
  // The server's price for the current quantity; only the latest answer counts.
  const [preview, setPreview] = useState<OrderPreviewView | null>(null)
  const previewSeq = useRef(0)
  /** The shopper's coupon choice: undefined lets the server pick the best; null is none. */
  const [couponChoice, setCouponChoice] = useState<number | null | undefined>(undefined)
  const [pickingCoupon, setPickingCoupon] = useState(false)

  const load = async (chosenAddressId?: number | null) => {
    if (!itemId) return
    if (!(await ensureLogin())) return
    try {
      const [slots, list] = await Promise.all([listFlashSlots({ toast: false }), listAddresses()])
      const hit = findFlashItem(slots, itemId)
      setFound(hit)
      setAddresses(list)
      setAddressId((current) => pickAddress(list, chosenAddressId ?? current)?.id)
      if (hit) setQuantity((q) => Math.max(1, Math.min(q, maxQuantity(hit.item))))
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }

  // On open, and on coming back from the address pages (with the address chosen or added there).
  useDidShow(() => {
    if (busy.current) return
    void load(takeChosenAddress())
  })

  const address = addresses.find((a) => a.id === addressId) ?? null
  const flashPrice = found?.item.flashPrice

  useEffect(() => {
    if (!itemId || flashPrice === undefined) return
    const seq = ++previewSeq.current
    setPreview(null)
    previewFlashPurchase({ itemId, quantity, addressId, couponId: couponChoice }, { toast: false }).then(
      (answer) => seq === previewSeq.current && setPreview(answer),
      () => undefined,
    )
  }, [itemId, quantity, addressId, flashPrice, couponChoice])

  const chooseAddress = () => {
    if (busy.current) return
    const url = addresses.length > 0 ? withQuery(Routes.addresses, { select: 1 }) : withQuery(Routes.addressEdit, { select: 1 })
    void Taro.navigateTo({ url })
  }

  // Opened straight from a link there is no flash page underneath: open it instead.
  const goBack = () => void (Taro.getCurrentPages().length > 1 ? Taro.navigateBack() : Taro.redirectTo({ url: Routes.flashSale }))

  const submit = async () => {
    if (!found || !itemId || busy.current) return
    if (!address) {
      void Taro.showToast({ title: '请先添加收货地址', icon: 'none' })
      return
    }
    busy.current = true
    setPhase('sending')
    const reset = () => {
      busy.current = false
      setPhase('idle')
    }

    let outcome: Awaited<ReturnType<typeof purchaseAndWait>>
    try {
      // The coupon the preview priced with; the server checks it again and locks it with the order.
      const couponId = preview?.coupons?.selectedId ?? undefined
      outcome = await purchaseAndWait({ itemId, quantity, addressId: address.id, couponId }, { onQueued: () => setPhase('queued') })
    } catch {
      // The session is gone: the request wrapper is taking the shopper to log in.
      reset()
      return
    }

    switch (outcome.status) {
      case 'confirmed': {
        setPhase('paying')
        const orderId = outcome.orderId
        // The order now exists: say its own deadline while the payment sheet is up.
        void getOrder(orderId, { toast: false }).then((order) => setPayWithin(payMinutes(order.payDeadline)), () => undefined)
        // Straight on to paying; the result page (or the cashier) replaces this page.
        const paid = await payOrder(orderId, { replace: true })
        if (paid === 'failed' || paid === 'unsupported') {
          // The order waits for payment: its detail has 立即支付 and the countdown.
          void Taro.redirectTo({ url: withQuery(Routes.orderDetail, { id: orderId }) })
        }
        return
      }
      case 'failed': {
        void Taro.showToast({ title: outcome.reason, icon: 'none', duration: 2500 })
        if (failureLeadsBack(outcome)) {
          setPhase('refused')
          setTimeout(goBack, BACK_DELAY_MS)
        } else {
          reset()
          // The coupon went to another order or stopped applying: price again with the best one left.
          if (outcome.code === ErrorCode.CouponUnusable || outcome.code === ErrorCode.CouponNotFound) setCouponChoice((c) => (c === undefined ? null : undefined))
        }
        return
      }
      case 'timeout': {
        const { confirm } = await Taro.showModal({
          title: '排队超时',
          content: FLASH_TIMEOUT_MESSAGE,
          confirmText: '查看订单',
          cancelText: '返回',
          confirmColor: '#E93B3D',
        })
        if (confirm) void Taro.redirectTo({ url: Routes.orderList })
        else goBack()
        return
      }
    }
  }

  if (!itemId || found === null) {
    return (
      <View className='page-root'>
        <EmptyState kind='box' title='秒杀商品不存在' description='它可能已下架或本场已结束' actionText='去看看其他秒杀' onAction={() => void Taro.redirectTo({ url: Routes.flashSale })} />
      </View>
    )
  }

  if (found === undefined) {
    return (
      <View className='page-root'>
        {failed ? <EmptyState kind='error' title='加载失败' actionText='重新加载' onAction={() => void load()} /> : <ListSkeleton rows={2} />}
      </View>
    )
  }

  const { slot, item } = found
  const slotState = flashSlotState(slot)
  const button = flashButtonState(slotState, item)
  const max = maxQuantity(item)
  const deadline = slotDeadline(slot)
  const working = phase === 'sending' || phase === 'queued' || phase === 'paying'
  const specs = specsText(item.specs)

  return (
    <View className='page-root page-root--with-bar flash-confirm'>
      <View className='flash-confirm__banner'>
        <Text className='flash-confirm__banner-title'>限时秒杀</Text>
        {deadline ? (
          <View className='flash-confirm__banner-clock'>
            <Text className='flash-confirm__banner-label'>{slotState === 'live' ? '距结束' : '距开始'}</Text>
            <FlashClock key={deadline} deadline={deadline} tone='light' onEnd={() => setEpoch((e) => e + 1)} />
          </View>
        ) : (
          <Text className='flash-confirm__banner-label'>本场已结束</Text>
        )}
      </View>

      <FlashAddress address={address} onClick={chooseAddress} />

      <View className='card flash-confirm__item' id='flash-confirm-item'>
        <Image className='flash-confirm__cover' src={mediaUrl(item.cover)} mode='aspectFill' />
        <View className='flash-confirm__info'>
          <Text className='flash-confirm__title'>{item.title}</Text>
          {specs ? <Text className='flash-confirm__specs'>{specs}</Text> : null}
          <View className='flash-confirm__prices'>
            <Text className='flash-confirm__tag'>秒杀价</Text>
            <Price fen={item.flashPrice} size='md' />
            <OriginalPrice fen={item.originalPrice} price={item.flashPrice} />
          </View>
        </View>
      </View>

      <View className='card flash-confirm__rows'>
        <View className='flash-confirm__row'>
          <View className='flash-confirm__row-label'>
            <Text>购买数量</Text>
            <Text className='flash-confirm__limit'>
              每人限购{item.perUserLimit}件{item.myCount > 0 ? `，已购${item.myCount}件` : ''}
            </Text>
          </View>
          <Stepper value={quantity} max={Math.max(1, max)} disabled={max <= 1 || working} onChange={setQuantity} />
        </View>
        <View className='flash-confirm__row'>
          <Text className='flash-confirm__row-label'>商品金额</Text>
          {preview ? <Price fen={preview.subtotal} size='sm' className='flash-confirm__amount' /> : <Text className='flash-confirm__pending'>计算中…</Text>}
        </View>
        {preview?.coupons ? (
          <View className='flash-confirm__row flash-confirm__row--coupon'>
            <CouponRow id='flash-coupon' coupons={preview.coupons} discount={preview.discount} onOpen={() => !working && setPickingCoupon(true)} />
          </View>
        ) : null}
        <View className='flash-confirm__row'>
          <Text className='flash-confirm__row-label'>运费</Text>
          {preview && preview.freight > 0 ? <Price fen={preview.freight} size='sm' /> : <Text className='flash-confirm__free'>包邮</Text>}
        </View>
      </View>

      <View className='flash-confirm__notice' id='flash-pay-notice'>
        <Text className='flash-confirm__notice-icon'>!</Text>
        <Text className='flash-confirm__notice-text'>秒杀订单需在{payWithin}分钟内完成支付，超时自动取消</Text>
      </View>

      {phase === 'queued' || phase === 'paying' ? (
        <View className='flash-confirm__queue' id='flash-queue' catchMove>
          <View className='flash-confirm__queue-card'>
            <View className='flash-confirm__queue-spinner' />
            <Text className='flash-confirm__queue-title'>{phase === 'queued' ? '排队中…' : '抢到啦！正在发起支付'}</Text>
            <Text className='flash-confirm__queue-note'>{phase === 'queued' ? '正在为你抢购，请不要离开' : `请在${payWithin}分钟内完成支付`}</Text>
          </View>
        </View>
      ) : null}

      {preview?.coupons ? (
        <CouponPicker
          visible={pickingCoupon}
          coupons={preview.coupons}
          onClose={() => setPickingCoupon(false)}
          onChoose={(id) => {
            setPickingCoupon(false)
            setCouponChoice(id)
          }}
        />
      ) : null}

      <View className='bottom-bar flash-confirm-bar'>
        <View className='flash-confirm-bar__total'>
          <Text className='flash-confirm-bar__label'>合计：</Text>
          {preview ? <Price fen={preview.total} size='lg' /> : <Text className='flash-confirm__pending'>计算中…</Text>}
        </View>
        <ActionButton
          id='flash-submit'
          className='flash-confirm-bar__submit'
          disabled={(button !== 'buy' || phase === 'refused') && !working}
          loading={working}
          onClick={() => void submit()}
        >
          {phase === 'queued' ? '排队中…' : phase === 'paying' ? '支付中…' : phase === 'refused' ? '未抢到' : button === 'buy' ? '立即抢购' : FLASH_BUTTON_LABEL[button]}
        </ActionButton>
      </View>
    </View>
  )
}

/** The address to use: the one asked for if it still exists, else the default, else the first. */
function pickAddress(list: AddressView[], wanted: number | null | undefined): AddressView | undefined {
  return list.find((a) => a.id === wanted) ?? list.find((a) => a.isDefault) ?? list[0]
}
