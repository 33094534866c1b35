import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { REFUND_TYPES, REFUND_TYPE_LABEL, formatYuan, type RefundType } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { CheckCircle } from '../../../components/check-circle'
import { EmptyState } from '../../../components/empty-state'
import { Stepper } from '../../../components/stepper'
import { formatSpecs } from '../../../components/sku-picker/sku-selection'
import { Routes, withQuery } from '../../../routes'
import { mediaUrl } from '../../../services/media'
import { applyRefund } from '../../../services/order'
import { ApiError } from '../../../services/request'
import { OrderLines } from '../components/order-lines'
import { OrderLoadStatus, useOrder } from '../components/use-order'
import {
  MAX_NOTE_LENGTH, REFUND_REASONS, allowedRefundTypes, buildRefundRequest, canApplyRefund, refundableQuantities,
  type RefundReason, type RefundScope,
} from './refund-rules'
import './index.css'

const TYPE_DESCRIPTION: Record<RefundType, string> = {
  refund_only: '未收到货，或与商家协商一致不退货',
  return_refund: '已收到货，需要把商品寄回',
}

/** 申请售后: type, whole order or some lines, a reason. The server decides the amount. */
export default function RefundApplyPage() {
  const { orderId, order, state, load } = useOrder()
  const [type, setType] = useState<RefundType>('refund_only')
  const [scope, setScope] = useState<RefundScope>('whole')
  const [quantities, setQuantities] = useState<Record<number, number>>({})
  const [reason, setReason] = useState<RefundReason | null>(null)
  const [note, setNote] = useState('')
  const [submitting, setSubmitting] = useState(false)

  const backToDetail = () => {
    const pages = Taro.getCurrentPages()
    const previous = pages.length > 1 ? pages[pages.length - 2] : null
    if (previous?.route && `/${previous.route.replace(/^\//, '')}`.startsWith(Routes.orderDetail)) void Taro.navigateBack()
    else void Taro.redirectTo({ url: withQuery(Routes.orderDetail, { id: orderId }) })
  }

  if (!order) {
    return <OrderLoadStatus state={state} onRetry={() => void load()} />
  }

  if (!canApplyRefund(order)) {
    return (
      <View className='page-root'>
        <EmptyState kind='order' title='该订单暂不能申请售后' description='可能已有售后在处理中，或已全部退款' actionText='返回订单' onAction={backToDetail} />
      </View>
    )
  }

  const allowed = allowedRefundTypes(order.status)
  const left = refundableQuantities(order)

  const toggleLine = (skuId: number, checked: boolean) => {
    setQuantities((prev) => ({ ...prev, [skuId]: checked ? left[skuId] ?? 0 : 0 }))
  }

  const submit = async () => {
    if (submitting) return
    const result = buildRefundRequest({ type, scope, quantities, reason, note }, order)
    if (!result.ok) {
      void Taro.showToast({ title: result.message, icon: 'none' })
      return
    }
    setSubmitting(true)
    try {
      await applyRefund(order.id, result.body)
      void Taro.showToast({ title: '售后申请已提交', icon: 'success' })
      backToDetail()
    } catch (err) {
      setSubmitting(false)
      // The toast has the reason; if the order moved on, show where it is now.
      if (err instanceof ApiError && err.status === 409) void load()
    }
  }

  return (
    <View className='page-root page-root--with-bar refund-apply'>
      <View className='card'>
        <Text className='refund-apply__title'>售后类型</Text>
        {REFUND_TYPES.map((t) => {
          const enabled = allowed.includes(t)
          return (
            <View
              key={t}
              id={`refund-type-${t}`}
              className={`refund-option ${type === t ? 'refund-option--active' : ''} ${enabled ? '' : 'is-disabled'}`}
              aria-disabled={!enabled}
              onClick={() => {
                if (enabled) setType(t)
                else void Taro.showToast({ title: '商品发货后才能申请退货退款', icon: 'none' })
              }}
            >
              <CheckCircle checked={type === t} disabled={!enabled} onChange={() => setType(t)} />
              <View className='refund-option__text'>
                <Text className='refund-option__label'>{REFUND_TYPE_LABEL[t]}</Text>
                <Text className='refund-option__description'>{enabled ? TYPE_DESCRIPTION[t] : '商品发货后可申请'}</Text>
              </View>
            </View>
          )
        })}
      </View>

      <View className='card'>
        <View className='refund-apply__title-row'>
          <Text className='refund-apply__title'>退款商品</Text>
          <View className='refund-scope'>
            <Text id='refund-scope-whole' className={`refund-scope__item ${scope === 'whole' ? 'refund-scope__item--active' : ''}`} onClick={() => setScope('whole')}>
              整单退款
            </Text>
            <Text id='refund-scope-lines' className={`refund-scope__item ${scope === 'lines' ? 'refund-scope__item--active' : ''}`} onClick={() => setScope('lines')}>
              部分商品
            </Text>
          </View>
        </View>
        {scope === 'whole' ? (
          <OrderLines lines={order.lines} />
        ) : (
          <View className='refund-lines'>
            {order.lines.map((line) => {
              const max = left[line.skuId] ?? 0
              const chosen = (quantities[line.skuId] ?? 0) > 0
              return (
                <View key={line.skuId} className={`refund-line ${max === 0 ? 'refund-line--done' : ''}`} data-sku-id={line.skuId}>
                  <CheckCircle checked={chosen} disabled={max === 0} onChange={(checked) => toggleLine(line.skuId, checked)} />
                  <Image className='refund-line__cover' src={mediaUrl(line.cover)} mode='aspectFill' />
                  <View className='refund-line__body'>
                    <Text className='refund-line__title'>{line.title}</Text>
                    <Text className='refund-line__specs'>{formatSpecs(line.specs)}</Text>
                    <View className='refund-line__foot'>
                      <Text className='refund-line__bought'>{max === 0 ? '已退款' : `购买 ${line.quantity} 件，可退 ${max} 件`}</Text>
                      {chosen ? (
                        <Stepper
                          className='refund-line__stepper'
                          value={quantities[line.skuId]}
                          max={max}
                          onChange={(value) => setQuantities((prev) => ({ ...prev, [line.skuId]: value }))}
                        />
                      ) : null}
                    </View>
                  </View>
                </View>
              )
            })}
          </View>
        )}
      </View>

      <View className='card'>
        <Text className='refund-apply__title'>退款原因</Text>
        <View className='refund-reasons'>
          {REFUND_REASONS.map((r) => (
            <Text key={r} className={`refund-reason ${reason === r ? 'refund-reason--active' : ''}`} data-reason={r} onClick={() => setReason(r)}>
              {r}
            </Text>
          ))}
        </View>
        <Textarea
          id='refund-note'
          className='refund-apply__note'
          value={note}
          maxlength={MAX_NOTE_LENGTH}
          placeholder={reason === '其他' ? '请填写具体原因' : '补充说明（选填）'}
          onInput={(e) => setNote(e.detail.value)}
        />
      </View>

      <View className='card refund-apply__summary'>
        <View className='refund-apply__estimate-row'>
          <Text className='refund-apply__estimate-label'>预计退款</Text>
          <Text className='refund-apply__estimate refund-estimate'>≤ ¥{formatYuan(order.refundableAmount)}</Text>
        </View>
        <Text className='muted'>实际退款金额以商家审核为准，将原路退回微信支付账户。</Text>
      </View>

      <View className='bottom-bar refund-apply__bar'>
        <View className='refund-apply__bar-total'>
          <Text className='refund-apply__bar-label'>预计退款</Text>
          <Text className='refund-apply__bar-amount'>≤ ¥{formatYuan(order.refundableAmount)}</Text>
        </View>
        <ActionButton id='refund-submit' className='refund-apply__submit' loading={submitting} onClick={() => void submit()}>
          提交申请
        </ActionButton>
      </View>
    </View>
  )
}
