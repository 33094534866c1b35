import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PICKUP_PHASE_LABEL, formatPickupCode, pickupPhase, type OrderStatus } from '@linli/shared'
import { PickupQr } from '../../../../components/pickup-qr'
import { type PickupView, arrivalNotice, askArrivalConsent, getPickup, recordArrivalConsent } from '../../../../services/community'
import './index.css'

/**
 * A pickup order's card: its state (待成团 / 待配送 / 待自提 / 已自提), and once paid the large QR code and the digits
 * (the owner is the only one the server gives them to), with the store's address, hours and a map link.
 */
export function PickupCard({ orderId, status, fallback }: { orderId: number; status: OrderStatus; fallback: { name: string; address: string } }) {
  const [pickup, setPickup] = useState<PickupView | null>(null)
  /** 到店提醒 (weapp): the template to ask for, and whether this order already sends it. */
  const [notice, setNotice] = useState<{ templateId: string | null; subscribed: boolean } | null>(null)
  const canNotify = process.env.TARO_ENV === 'weapp' && (status === 'pending_payment' || status === 'paid' || status === 'grouping')

  useEffect(() => {
    if (canNotify) arrivalNotice(orderId).then(setNotice, () => undefined)
    if (status === 'pending_payment' || status === 'cancelled') return
    getPickup(orderId).then(setPickup, () => undefined)
  }, [orderId, status, canNotify])

  // Asked inside the tap (the template is already known), then recorded for this order.
  const subscribe = async () => {
    if (!notice?.templateId) return
    const consented = await askArrivalConsent(notice.templateId)
    await recordArrivalConsent(orderId, consented)
    if (consented) setNotice({ ...notice, subscribed: true })
  }

  const phase = pickupPhase(status)
  const store = pickup?.store
  const openMap = () => {
    if (!store) return
    void Taro.openLocation({ latitude: store.latitude, longitude: store.longitude, name: store.name, address: store.address, scale: 16 })
  }
  const showCode = pickup?.code && (phase === 'ready' || phase === 'awaiting_delivery' || phase === 'grouping')

  return (
    <View className='card pickup-card' id='order-pickup'>
      <View className='pickup-card__head'>
        <Text className='pickup-card__title'>到店自提</Text>
        {status !== 'pending_payment' ? <Text className={`pickup-card__phase pickup-card__phase--${phase}`} id='pickup-phase'>{PICKUP_PHASE_LABEL[phase]}</Text> : null}
      </View>
      {showCode ? (
        <View className='pickup-card__code'>
          {phase === 'ready' ? <PickupQr value={pickup.code!} /> : null}
          <Text className='pickup-card__digits' id='pickup-digits'>{formatPickupCode(pickup.code!)}</Text>
          <Text className='pickup-card__hint'>{phase === 'ready' ? '到店出示二维码或取货码，店员核销后取货' : '商品到店后凭此码取货，请勿告诉他人'}</Text>
        </View>
      ) : null}
      {canNotify && notice?.templateId ? (
        <Text className='pickup-card__notice' id='pickup-notice' onClick={() => void subscribe()}>
          {notice.subscribed ? '商品到店后会通过微信通知你' : '到货时微信通知我 ›'}
        </Text>
      ) : null}
      {phase === 'picked_up' && pickup?.pickedUpAt ? <Text className='pickup-card__hint'>已于 {new Date(pickup.pickedUpAt).toLocaleString('zh-CN', { hour12: false })} 取货</Text> : null}
      <View className='pickup-card__store'>
        <Text className='pickup-card__store-name'>{store?.name ?? fallback.name}</Text>
        <Text className='muted'>{store?.address ?? fallback.address}</Text>
        {store ? <Text className='muted'>营业时间 {store.hours} · {store.phone}</Text> : null}
        {store ? <Text className='pickup-card__map' id='pickup-map' onClick={openMap}>查看地图 ›</Text> : null}
      </View>
    </View>
  )
}
