import { Text, View } from '@tarojs/components'
import { REFUND_STATUS_LABEL, REFUND_TYPE_LABEL, RefundStatus, formatYuan, type RefundView } from '@linli/shared'
import { formatSpecs } from '../../../components/sku-picker/sku-selection'
import { formatDateTime } from '../detail/format-time'
import './refund-card.css'

const STATUS_NOTE: Partial<Record<RefundStatus, string>> = {
  pending_review: '商家将尽快处理您的申请',
  approved: '商家已同意，退款将原路退回',
  processing: '退款处理中，将原路退回微信支付账户',
  failed: '退款遇到问题，客服正在处理',
}

/** One after-sale (or automatic refund) on the order detail: type, state, amount, reason and lines. */
export function RefundCard({ refund }: { refund: RefundView }) {
  const automatic = refund.source === 'late_payment'
  return (
    <View className={`refund-card refund-card--${refund.status}`} data-refund-id={refund.id} data-status={refund.status}>
      <View className='refund-card__head'>
        <Text className='refund-card__type'>{automatic ? '系统退款' : REFUND_TYPE_LABEL[refund.type]}</Text>
        <Text className={`refund-card__status refund-status--${refund.status}`}>{REFUND_STATUS_LABEL[refund.status]}</Text>
      </View>
      {STATUS_NOTE[refund.status] ? <Text className='refund-card__note'>{STATUS_NOTE[refund.status]}</Text> : null}
      <View className='refund-card__row'>
        <Text className='refund-card__label'>退款金额</Text>
        <Text className='refund-card__value refund-card__amount'>¥{formatYuan(refund.amount)}</Text>
      </View>
      <View className='refund-card__row'>
        <Text className='refund-card__label'>退款商品</Text>
        {refund.lines.length === 0 ? (
          <Text className='refund-card__value'>整单退款</Text>
        ) : (
          <View className='refund-card__lines'>
            {refund.lines.map((line) => (
              <Text key={line.skuId} className='refund-card__line'>
                {line.title}
                {Object.keys(line.specs).length > 0 ? `（${formatSpecs(line.specs)}）` : ''} ×{line.quantity}
              </Text>
            ))}
          </View>
        )}
      </View>
      <View className='refund-card__row'>
        <Text className='refund-card__label'>{automatic ? '退款说明' : '退款原因'}</Text>
        <Text className='refund-card__value refund-card__reason'>{automatic ? '订单超时关闭后到账的付款，自动原路退回' : refund.reason}</Text>
      </View>
      {refund.rejectReason ? (
        <View className='refund-card__row'>
          <Text className='refund-card__label'>拒绝原因</Text>
          <Text className='refund-card__value refund-card__reject'>{refund.rejectReason}</Text>
        </View>
      ) : null}
      <View className='refund-card__row'>
        <Text className='refund-card__label'>申请时间</Text>
        <Text className='refund-card__value'>{formatDateTime(refund.createdAt)}</Text>
      </View>
      {refund.completedAt ? (
        <View className='refund-card__row'>
          <Text className='refund-card__label'>{refund.status === RefundStatus.Succeeded ? '到账时间' : '处理时间'}</Text>
          <Text className='refund-card__value'>{formatDateTime(refund.completedAt)}</Text>
        </View>
      ) : null}
      <Text className='refund-card__no muted'>售后单号 {refund.refundNo}</Text>
    </View>
  )
}
