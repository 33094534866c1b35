import { useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PickupCard } from '../components/pickup-card'
import { ORDER_STATUS_LABEL, OrderStatus, shopperActions, type OrderView, type PaymentStatus } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { Countdown } from '../../../components/countdown'
import { Routes, withQuery } from '../../../routes'
import { groupPageUrl } from '../../../services/group-buy'
import { payOrder } from '../../../services/payment'
import { ServiceEntry } from '../../../components/service-entry'
import { AddressCard } from '../components/address-card'
import { AmountRows } from '../components/amount-rows'
import { OrderLines } from '../components/order-lines'
import { OrderLoadStatus, useOrder } from '../components/use-order'
import { buyAgain, canReview, cancelWithConfirm, confirmReceiptWithConfirm, openReview } from '../components/order-actions'
import { RefundCard } from '../components/refund-card'
import { canApplyRefund } from '../refund/refund-rules'
import { formatDateTime } from './format-time'
import { GroupBlock } from './group-block'
import { STORE } from '../../../store-info'
import './index.css'

const STATUS_NOTE: Record<OrderStatus, string> = {
  pending_payment: '',
  grouping: '拼团中，成团后商家发货；未成团将自动原路退款',
  paid: '商家正在备货，请耐心等待',
  shipped: '商品已发出，请留意查收',
  ready_for_pickup: '商品已到自提点，请凭订单到店提货',
  completed: '订单已完成，感谢您的光临',
  cancelled: '订单已取消',
  refunding: '售后处理中，退款将原路退回微信支付账户',
  refunded: '款项已原路退回，请留意微信支付通知',
}

const PAYMENT_STATUS_LABEL: Record<PaymentStatus, string> = {
  prepaid: '待支付',
  success: '支付成功',
  closed: '已关闭',
}

export default function OrderDetailPage() {
  const { order, setOrder, state, load } = useOrder()
  const [paying, setPaying] = useState(false)
  const shownOnce = useRef(false)

  // Coming back from the refund application (or anywhere else): show what the server says now.
  useDidShow(() => {
    if (shownOnce.current) void load()
    shownOnce.current = true
  })

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  const applyChange = (updated: OrderView | null) => {
    if (updated) setOrder(updated)
  }

  const pay = async () => {
    if (!order) return
    setPaying(true)
    const outcome = await payOrder(order.id, { replace: true })
    if (outcome === 'cashier') return // the browser is leaving for the cashier
    setPaying(false)
    if (outcome === 'failed') void load()
  }

  if (!order) {
    return <OrderLoadStatus state={state} onRetry={() => void load()} />
  }

  const actions = shopperActions(order.status)
  const pending = order.status === OrderStatus.PendingPayment
  const refundable = canApplyRefund(order)
  const completed = order.status === OrderStatus.Completed
  const grouping = order.status === OrderStatus.Grouping && order.groupId !== null
  const hasBar = actions.length > 0 || pending || refundable || completed || grouping
  const paidAt = order.payment?.paidAt ?? order.paidAt

  return (
    <View className={`page-root order-detail ${hasBar ? 'page-root--with-bar' : ''}`}>
      <View className={`order-detail__banner order-detail__banner--${order.status}`} id='order-status'>
        <Text className='order-detail__status'>{ORDER_STATUS_LABEL[order.status]}</Text>
        {pending ? (
          <View className='order-detail__countdown-row'>
            <Text className='order-detail__note'>剩余支付时间</Text>
            <Countdown
              deadline={order.payDeadline}
              className='order-detail__countdown'
              // The server cancels at the deadline; give it a moment, then show the new state.
              onEnd={() => setTimeout(() => void load(), 1500)}
            />
          </View>
        ) : null}
        <Text className='order-detail__note'>
          {pending ? '超时未支付，订单将自动取消' : STATUS_NOTE[order.status]}
        </Text>
        {order.status === OrderStatus.Cancelled && order.cancelReason ? (
          <Text className='order-detail__note order-detail__cancel-reason'>取消原因：{order.cancelReason}</Text>
        ) : null}
      </View>

      {order.kind === 'group' && order.groupId ? <GroupBlock groupId={order.groupId} orderStatus={order.status} /> : null}

      {order.shipment ? (
        <View className='card order-detail__shipment' id='order-shipment'>
          <Text className='order-detail__section-title'>物流信息</Text>
          <View className='order-detail__shipment-row'>
            <Text className='order-detail__shipment-line' id='order-carrier'>
              {order.shipment.carrier}
            </Text>
            <Text className='order-detail__shipment-line'>
              运单号 <Text id='order-tracking-no'>{order.shipment.trackingNo}</Text>
            </Text>
            <Text
              className='info-row__copy'
              id='order-tracking-copy'
              onClick={() => void Taro.setClipboardData({ data: order.shipment!.trackingNo }).then(() => Taro.showToast({ title: '运单号已复制', icon: 'none' }))}
            >
              复制
            </Text>
          </View>
          <Text className='muted'>发货时间 {formatDateTime(order.shipment.shippedAt)}</Text>
        </View>
      ) : null}

      {order.refunds.length > 0 ? (
        <View className='card order-detail__refunds' id='order-refunds'>
          <Text className='order-detail__section-title'>售后记录</Text>
          {order.refunds.map((refund) => (
            <RefundCard key={refund.id} refund={refund} />
          ))}
        </View>
      ) : null}

      {order.pickupStore ? (
        <PickupCard orderId={order.id} status={order.status} fallback={order.pickupStore} />
      ) : (
        <AddressCard address={order.address} />
      )}

      <View className='card'>
        <Text className='order-detail__section-title'>{STORE.name}</Text>
        <OrderLines lines={order.lines} />
        <ServiceEntry id='order-service' className='order-detail__service'>
          联系客服
        </ServiceEntry>
      </View>

      <View className='card'>
        <AmountRows amounts={order} totalLabel={pending ? '需付款' : paidAt ? '实付款' : '订单金额'} />
      </View>

      <View className='card order-detail__info'>
        <InfoRow label='订单编号' value={order.orderNo} id='order-no' onCopy />
        <InfoRow label='下单时间' value={formatDateTime(order.createdAt)} />
        {order.payment ? <InfoRow label='支付方式' value='微信支付' /> : null}
        {order.payment ? <InfoRow label='支付状态' value={PAYMENT_STATUS_LABEL[order.payment.status]} id='order-payment-status' /> : null}
        {paidAt ? <InfoRow label='支付时间' value={formatDateTime(paidAt)} id='order-paid-at' /> : null}
        {order.shipment ? <InfoRow label='发货时间' value={formatDateTime(order.shipment.shippedAt)} /> : null}
        {order.completedAt ? <InfoRow label='完成时间' value={formatDateTime(order.completedAt)} /> : null}
        {order.cancelledAt ? <InfoRow label='取消时间' value={formatDateTime(order.cancelledAt)} /> : null}
        {order.remark ? <InfoRow label='订单备注' value={order.remark} /> : null}
      </View>

      {hasBar ? (
        <View className='bottom-bar order-detail__bar'>
          {refundable ? (
            <ActionButton
              id='order-refund'
              kind='plain'
              className='order-detail__action'
              onClick={() => void Taro.navigateTo({ url: withQuery(Routes.refundApply, { id: order.id }) })}
            >
              申请售后
            </ActionButton>
          ) : null}
          {actions.includes('cancel') ? (
            <ActionButton id='order-cancel' kind='plain' className='order-detail__action' onClick={() => void cancelWithConfirm(order).then(applyChange)}>
              取消订单
            </ActionButton>
          ) : null}
          {pending ? (
            <ActionButton id='order-pay' className='order-detail__action' loading={paying} onClick={() => void pay()}>
              立即支付
            </ActionButton>
          ) : null}
          {grouping ? (
            <ActionButton id='order-invite' className='order-detail__action' onClick={() => void Taro.navigateTo({ url: groupPageUrl(order.groupId!) })}>
              邀请好友
            </ActionButton>
          ) : null}
          {completed ? (
            <ActionButton id='order-buy-again' kind='plain' className='order-detail__action' onClick={() => void buyAgain(order)}>
              再来一单
            </ActionButton>
          ) : null}
          {canReview(order) ? (
            <ActionButton id='order-review' className='order-detail__action' onClick={() => openReview(order)}>
              评价晒单
            </ActionButton>
          ) : null}
          {actions.includes('confirm_receipt') ? (
            <ActionButton id='order-confirm-receipt' className='order-detail__action' onClick={() => void confirmReceiptWithConfirm(order).then(applyChange)}>
              确认收货
            </ActionButton>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

function InfoRow({ label, value, id, onCopy = false }: { label: string; value: string; id?: string; onCopy?: boolean }) {
  return (
    <View className='info-row'>
      <Text className='info-row__label'>{label}</Text>
      <Text id={id} className='info-row__value'>
        {value}
      </Text>
      {onCopy ? (
        <Text className='info-row__copy' onClick={() => void Taro.setClipboardData({ data: value })}>
          复制
        </Text>
      ) : null}
    </View>
  )
}
