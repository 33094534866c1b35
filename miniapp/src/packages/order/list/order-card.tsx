import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ORDER_STATUS_LABEL, REFUND_STATUS_LABEL, formatYuan, shopperActions, type OrderView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { Countdown } from '../../../components/countdown'
import { Price } from '../../../components/price'
import { Routes, withQuery } from '../../../routes'
import { groupPageUrl } from '../../../services/group-buy'
import { payOrder } from '../../../services/payment'
import { OrderLines } from '../components/order-lines'
import { buyAgain, canReview, cancelWithConfirm, confirmReceiptWithConfirm, countUnits, openReview } from '../components/order-actions'
import { refundTitle } from '../components/refund-card'
import { STORE } from '../../../store-info'
import './order-card.css'

/** One order in the list: store, state, items, total and the actions its state allows. */
export function OrderCard({ order, onChanged }: { order: OrderView; onChanged: (updated: OrderView | null, reload?: boolean) => void }) {
  const actions = shopperActions(order.status)
  const pending = order.status === 'pending_payment'
  // The newest after-sale, for the 售后 tab and for partial refunds that leave the order's state alone.
  const refund = order.refunds?.[0]
  const openDetail = () => void Taro.navigateTo({ url: withQuery(Routes.orderDetail, { id: order.id }) })

  return (
    <View className='order-card' data-order-id={order.id} data-status={order.status} onClick={openDetail}>
      <View className='order-card__head'>
        <View className='order-card__store-wrap'>
          <Text className='order-card__store'>{STORE.name}</Text>
          {order.kind === 'group' ? <Text className='order-card__kind'>拼团</Text> : null}
          {order.kind === 'flash' ? <Text className='order-card__kind order-card__kind--flash'>秒杀</Text> : null}
          {order.kind === 'community' ? <Text className='order-card__kind'>社区团购</Text> : null}
        </View>
        <Text className={`order-card__status order-status order-status--${order.status}`}>{ORDER_STATUS_LABEL[order.status]}</Text>
      </View>
      <OrderLines lines={order.lines} />
      {order.pickupStore ? (
        <View className='order-card__pickup'>
          <Text className='order-card__pickup-tag'>到店自提</Text>
          <Text className='order-card__pickup-store'>{order.pickupStore.name}</Text>
        </View>
      ) : null}
      {refund ? (
        <View className='order-card__refund'>
          <Text className='order-card__refund-type'>{refundTitle(refund)}</Text>
          <Text className='order-card__refund-amount'>¥{formatYuan(refund.amount)}</Text>
          <Text className={`order-card__refund-status refund-status--${refund.status}`}>{REFUND_STATUS_LABEL[refund.status]}</Text>
        </View>
      ) : null}
      <View className='order-card__total'>
        <Text className='order-card__units'>共 {countUnits(order)} 件</Text>
        <Text className='order-card__total-label'>{pending ? '需付款' : order.paidAt ? '实付款' : '订单金额'}</Text>
        <Price fen={order.total} size='sm' />
      </View>
      {pending ? (
        <View className='order-card__deadline'>
          <Text>剩余支付时间 </Text>
          <Countdown deadline={order.payDeadline} className='order-card__countdown' onEnd={() => setTimeout(() => onChanged(null, true), 1500)} />
        </View>
      ) : null}
      <View className='order-card__actions'>
        {actions.includes('cancel') ? (
          <ActionButton kind='plain' size='small' className='order-card__cancel' onClick={() => void cancelWithConfirm(order).then(onChanged)}>
            取消订单
          </ActionButton>
        ) : null}
        {actions.includes('confirm_receipt') ? (
          <ActionButton kind='outline' size='small' className='order-card__confirm' onClick={() => void confirmReceiptWithConfirm(order).then(onChanged)}>
            确认收货
          </ActionButton>
        ) : null}
        {order.kind === 'group' && order.groupId ? (
          <ActionButton
            kind={order.status === 'grouping' ? 'outline' : 'plain'}
            size='small'
            className='order-card__group'
            onClick={() => void Taro.navigateTo({ url: groupPageUrl(order.groupId!) })}
          >
            {order.status === 'grouping' ? '邀请好友' : '查看拼团'}
          </ActionButton>
        ) : null}
        {order.status === 'ready_for_pickup' ? (
          <ActionButton kind='outline' size='small' className='order-card__pickup-code' onClick={openDetail}>
            出示取货码
          </ActionButton>
        ) : (
          <ActionButton kind='plain' size='small' className='order-card__detail' onClick={openDetail}>
            查看详情
          </ActionButton>
        )}
        {order.status === 'completed' ? (
          <ActionButton kind='plain' size='small' className='order-card__again' onClick={() => void buyAgain(order)}>
            再来一单
          </ActionButton>
        ) : null}
        {canReview(order) ? (
          <ActionButton kind='outline' size='small' className='order-card__review' onClick={() => openReview(order)}>
            评价
          </ActionButton>
        ) : null}
        {pending ? (
          <ActionButton size='small' className='order-card__pay' onClick={() => void payOrder(order.id)}>
            去支付
          </ActionButton>
        ) : null}
      </View>
    </View>
  )
}
