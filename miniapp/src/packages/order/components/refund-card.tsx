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

/** What a refund is called: the after-sale type, or what caused an automatic one. */
export function refundTitle(refund: Pick<RefundView, 'source' | 'type'>): string {
  if (refund.source === 'late_payment') return '系统退款'
  if (refund.source === 'group_failed') return '拼团退款'
  return REFUND_TYPE_LABEL[refund.type]
}

const AUTOMATIC_NOTE: Partial<Record<RefundView['source'], string>> = {
  late_payment: '订单超时关闭后到账的付款，自动原路退回',
  group_failed: '拼团未成功，支付款自动原路退回',
}

/** One after-sale (or automatic refund) on the order detail: type, state, amount, reason and lines. */
export function RefundCard({ refund }: { refund: RefundView }) {
  const automaticNote = AUTOMATIC_NOTE[refund.source]
  const automatic = automaticNote !== undefined
  return (
    <View className={`refund-card refund-card--${refund.status}`} data-refund-id={refund.id} data-status={refund.status}>
      <View className='refund-card__head'>
        <Text className='refund-card__type'>{refundTitle(refund)}</Text>
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
        <Text className='refund-card__value refund-card__reason'>{automaticNote ?? refund.reason}</Text>
      </View>
      {refund.rejectReason ? (
        <View className='refund-card__row'>
          <Text className='refund-card__label'>拒绝原因</Text>
          <Text className='refund-card__value refund-card__reject'>{refund.rejectReason}</Text>
        </View>
      ) : null}
      <View className='refund-card__row'>
        <Text className='refund-card__label'>{automatic ? '发起时间' : '申请时间'}</Text>
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
