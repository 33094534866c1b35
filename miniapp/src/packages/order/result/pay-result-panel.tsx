import { Text, View } from '@tarojs/components'
import type { OrderView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { Countdown } from '../../../components/countdown'
import { Price } from '../../../components/price'
import { PAY_RESULT_TITLE, canRetryPayment, isLatePayment, paidGroupId, paidNote, type PayResultState } from './pay-result'
import './pay-result-panel.css'

export interface PayResultPanelProps {
  state: PayResultState
  /** The latest order from the server; null before the first answer. */
  order: OrderView | null
  retrying?: boolean
  onRetry: () => void
  onViewOrder: () => void
  onContinue: () => void
  /** A paid group order: open its group page. */
  onViewGroup?: (groupId: number) => void
  /** The pay deadline passed while the page was open: ask the server again. */
  onDeadline?: () => void
}

/** 支付确认中 / 支付成功 / 支付未完成, with the actions each allows. */
export function PayResultPanel({ state, order, retrying = false, onRetry, onViewOrder, onContinue, onViewGroup, onDeadline }: PayResultPanelProps) {
  const payable = order !== null && state === 'unpaid' && canRetryPayment(order)
  const groupId = state === 'success' ? paidGroupId(order) : null
  return (
    <View className={`pay-result pay-result--${state}`}>
      <View className='pay-result__icon'>
        {state === 'confirming' ? <View className='pay-result__spinner' /> : null}
        {state === 'success' ? <View className='pay-result__tick' /> : null}
        {state === 'unpaid' ? <Text className='pay-result__mark'>!</Text> : null}
      </View>
      <Text id='pay-result-status' className='pay-result__title'>
        {PAY_RESULT_TITLE[state]}
      </Text>

      {state === 'confirming' ? <Text className='pay-result__note'>正在向微信支付确认结果，请稍候…</Text> : null}

      {state === 'success' && order ? (
        <>
          <Price fen={order.payment?.amount ?? order.total} size='lg' className='pay-result__amount' />
          <Text className='pay-result__note'>{paidNote(order)}</Text>
        </>
      ) : null}

      {state === 'unpaid' && order ? (
        payable ? (
          <View className='pay-result__deadline'>
            <Text className='pay-result__note'>订单已为您保留，请在</Text>
            <Countdown deadline={order.payDeadline} className='pay-result__countdown' onEnd={onDeadline} />
            <Text className='pay-result__note'>内完成支付</Text>
          </View>
        ) : (
          <Text className='pay-result__note'>
            {isLatePayment(order)
              ? '订单已超时关闭，已支付的款项将原路退回'
              : order.status === 'cancelled'
                ? '订单已取消'
                : order.status === 'pending_payment'
                  ? '支付已超时，订单即将关闭'
                  : '请在订单详情中查看最新状态'}
          </Text>
        )
      ) : null}

      {groupId !== null && onViewGroup ? (
        <ActionButton id='pay-result-group' className='pay-result__group' onClick={() => onViewGroup(groupId)}>
          查看拼团
        </ActionButton>
      ) : null}

      <View className='pay-result__actions'>
        {state === 'unpaid' && payable ? (
          <ActionButton id='pay-result-retry' className='pay-result__action' loading={retrying} onClick={onRetry}>
            重新支付
          </ActionButton>
        ) : null}
        <ActionButton id='pay-result-order' kind='plain' className='pay-result__action' onClick={onViewOrder}>
          查看订单
        </ActionButton>
        {state === 'success' ? (
          <ActionButton id='pay-result-home' kind='outline' className='pay-result__action' onClick={onContinue}>
            继续逛逛
          </ActionButton>
        ) : null}
      </View>
    </View>
  )
}
