import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { formatYuan, type DistributorMeView, type WithdrawalView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { confirmTransfer, getDistributor, getWithdrawals, requestWithdrawal } from '../../../services/referrals'
import { WITHDRAWAL_LABEL, shortTime } from '../labels'
import './index.css'

/** Yuan typed by the shopper → fen, or null when it is not a positive amount with at most two decimals. */
export function yuanToFen(text: string): number | null {
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(text.trim())) return null
  const [y, f = ''] = text.trim().split('.')
  const fen = Number(y) * 100 + Number(f.padEnd(2, '0'))
  return fen > 0 ? fen : null
}

/** 提现: the balance and the rules, an amount with a confirmation, and the records with 确认收款 when WeChat waits. */
export default function WithdrawPage() {
  const [me, setMe] = useState<DistributorMeView | null>(null)
  const [records, setRecords] = useState<WithdrawalView[]>([])
  const [amount, setAmount] = useState('')
  const [busy, setBusy] = useState(false)

  const load = async () => {
    try {
      const [d, w] = await Promise.all([getDistributor(), getWithdrawals(1)])
      setMe(d)
      setRecords(w.items)
    } catch {
      // shown
    }
  }

  useDidShow(() => {
    void load()
  })

  const submit = async () => {
    if (!me) return
    const fen = yuanToFen(amount)
    if (!fen) {
      void Taro.showToast({ title: '请输入正确的金额', icon: 'none' })
      return
    }
    const { confirm } = await Taro.showModal({ title: '确认提现', content: `提现 ¥${formatYuan(fen)} 到微信零钱，审核通过后需在微信中确认收款`, confirmColor: '#E93B3D' })
    if (!confirm) return
    setBusy(true)
    try {
      await requestWithdrawal(fen)
      setAmount('')
      void Taro.showToast({ title: '已提交，等待审核', icon: 'none' })
      await load()
    } catch {
      // shown
    } finally {
      setBusy(false)
    }
  }

  const receive = async (w: WithdrawalView) => {
    try {
      const after = await confirmTransfer(w)
      void Taro.showToast({ title: after.status === 'paid' ? '已到账' : '处理中', icon: 'none' })
      await load()
    } catch (err) {
      void Taro.showToast({ title: err instanceof Error ? err.message : '确认收款未完成', icon: 'none' })
    }
  }

  if (!me) return <View className='page-root' />

  return (
    <View className='page-root withdraw'>
      <View className='withdraw__card'>
        <Text className='withdraw__label'>可提现余额（元）</Text>
        <Text id='withdraw-balance' className='withdraw__balance'>{formatYuan(me.balance)}</Text>
        <View className='withdraw__input-row'>
          <Text className='withdraw__yuan'>¥</Text>
          <Input id='withdraw-amount' className='withdraw__input' type='digit' placeholder='输入提现金额' value={amount} onInput={(e) => setAmount(e.detail.value)} />
          <Text id='withdraw-all' className='withdraw__all' onClick={() => setAmount(me.balance > 0 ? formatYuan(me.balance) : '')}>全部</Text>
        </View>
        <ActionButton id='withdraw-submit' loading={busy} disabled={me.balance <= 0} onClick={() => void submit()}>
          提现到微信零钱
        </ActionButton>
        <Text className='withdraw__rules'>
          最低提现 ¥{formatYuan(me.rules.withdrawMin)}，每日最多 ¥{formatYuan(me.rules.withdrawDailyLimit)}；审核通过后在微信中确认收款即到账。余额为负时暂不能提现。
        </Text>
      </View>

      <Text className='withdraw__section'>提现记录</Text>
      {records.length === 0 ? <Text className='withdraw__empty'>还没有提现记录</Text> : null}
      {records.map((w) => (
        <View key={w.id} className='withdraw__record withdrawal-record'>
          <View className='withdraw__record-main'>
            <Text className='withdraw__record-amount'>¥{formatYuan(w.amount)}</Text>
            <Text className='withdraw__record-time'>{shortTime(w.createdAt)}</Text>
          </View>
          <View className='withdraw__record-side'>
            <Text className={`withdraw__record-status withdrawal-status--${w.status}`}>{WITHDRAWAL_LABEL[w.status]}</Text>
            {w.confirm ? (
              <ActionButton id={`withdraw-receive-${w.id}`} size='small' onClick={() => void receive(w)}>
                确认收款
              </ActionButton>
            ) : null}
            {w.reason && (w.status === 'rejected' || w.status === 'failed') ? <Text className='withdraw__record-reason'>{w.reason}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
