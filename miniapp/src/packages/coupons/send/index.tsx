import { useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { RED_PACKET_KIND_LABEL, formatYuan, parseYuan, type RedPacketKind } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { ensureLogin } from '../../../services/auth'
import { packetUrl, sendRedPacket } from '../../../services/coupons'
import { newRequestKey } from '../../../services/order'
import { payOrder } from '../../../services/payment'
import { getDistributor } from '../../../services/referrals'
import { isLoggedIn } from '../../../services/session'
import { checkSendForm, type SendForm } from './send-form'
import './index.css'

const KINDS: RedPacketKind[] = ['lucky', 'normal', 'exclusive']

/**
 * 发红包: a gift of shop credit, paid with WeChat Pay. Friends who open it get a coupon; the sender earns nothing
 * for sending, and what nobody claims within 24 hours goes back to the payment.
 */
export default function SendRedPacketPage() {
  const [form, setForm] = useState<SendForm>({ kind: 'lucky', amountText: '', sharesText: '', greeting: '' })
  const [sending, setSending] = useState(false)
  // A distributor may pay from the withdrawable commission balance instead of WeChat Pay.
  const [balance, setBalance] = useState<number | null>(null)
  const [payWith, setPayWith] = useState<'wechat' | 'balance'>('wechat')
  useDidShow(() => {
    if (!isLoggedIn()) return
    getDistributor().then((d) => setBalance(d.status === 'approved' && d.balance > 0 ? d.balance : null), () => undefined)
  })
  // One key for the life of this page: a double tap or a retry pays for the same packet.
  const requestKey = useRef(newRequestKey())
  const checked = checkSendForm(form)
  const typed = parseYuan(form.amountText)
  const total = checked.ok ? checked.request.amount : typed !== null && typed > 0 ? (form.kind === 'lucky' ? typed : typed * (Number(form.sharesText) || 0)) : 0
  const set = (patch: Partial<SendForm>) => setForm((f) => ({ ...f, ...patch }))

  const send = async () => {
    if (!checked.ok) {
      void Taro.showToast({ title: checked.reason, icon: 'none' })
      return
    }
    if (sending || !(await ensureLogin())) return
    setSending(true)
    try {
      const fromBalance = payWith === 'balance' && balance !== null
      const packet = await sendRedPacket({ ...checked.request, requestKey: requestKey.current, payWith: fromBalance ? 'balance' : 'wechat' })
      if (fromBalance) {
        // Live at once: no payment step; the envelope page shares it.
        void Taro.redirectTo({ url: packetUrl(packet.code) })
        return
      }
      const outcome = await payOrder(packet.orderId!, { replace: true })
      if (outcome === 'failed' || outcome === 'unsupported') setSending(false)
    } catch {
      setSending(false)
    }
  }

  return (
    <View className='page-root page-root--with-bar send-packet'>
      <View className='send-packet__kinds'>
        {KINDS.map((k) => (
          <View key={k} id={`packet-kind-${k}`} className={`send-packet__kind ${form.kind === k ? 'send-packet__kind--active' : ''}`} onClick={() => set({ kind: k })}>
            <Text>{RED_PACKET_KIND_LABEL[k]}</Text>
          </View>
        ))}
      </View>
      <View className='card send-packet__form'>
        {form.kind !== 'exclusive' ? (
          <View className='send-packet__row'>
            <Text className='send-packet__label'>红包个数</Text>
            <Input id='packet-shares' className='send-packet__input field-input' type='number' value={form.sharesText} placeholder='填写个数' onInput={(e) => set({ sharesText: e.detail.value })} />
            <Text className='send-packet__unit'>个</Text>
          </View>
        ) : null}
        <View className='send-packet__row'>
          <Text className='send-packet__label'>{form.kind === 'lucky' ? '总金额' : '单个金额'}</Text>
          <Input id='packet-amount' className='send-packet__input field-input' type='digit' value={form.amountText} placeholder='0.00' onInput={(e) => set({ amountText: e.detail.value })} />
          <Text className='send-packet__unit'>元</Text>
        </View>
        <Text className='send-packet__hint'>
          {form.kind === 'lucky' ? '每人抽到的金额随机' : form.kind === 'normal' ? '每人领到的金额相同' : '发给一位好友，只有一份'}
        </Text>
        <View className='send-packet__row send-packet__row--greeting'>
          <Input id='packet-greeting' className='send-packet__input send-packet__input--greeting field-input' value={form.greeting} maxlength={40} placeholder='恭喜发财，大吉大利' onInput={(e) => set({ greeting: e.detail.value })} />
        </View>
      </View>
      {balance !== null ? (
        <View className='card send-packet__pay-with' id='packet-pay-with'>
          <Text className='send-packet__label'>支付方式</Text>
          {(['wechat', 'balance'] as const).map((way) => (
            <View key={way} id={`packet-pay-${way}`} className={`send-packet__way ${payWith === way ? 'send-packet__way--active' : ''}`} onClick={() => setPayWith(way)}>
              <Text>{way === 'wechat' ? '微信支付' : `佣金余额（可用¥${formatYuan(balance)}）`}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='send-packet__total'>
        <Text className='send-packet__yuan'>¥{formatYuan(total)}</Text>
      </View>
      <Text className='send-packet__rules'>
        红包以店铺优惠券形式发给好友（无门槛，7天内有效，不可提现）。好友点开即可领取，不需要分享或关注。24小时内未领完的金额原路退回{payWith === 'balance' && balance !== null ? '到佣金余额' : ''}。发红包没有任何奖励。
      </Text>
      <View className='bottom-bar send-packet__bar'>
        <ActionButton id='packet-pay' className='send-packet__pay' loading={sending} disabled={!checked.ok && !sending} onClick={() => void send()}>
          {payWith === 'balance' && balance !== null ? '用佣金塞钱进红包' : '塞钱进红包'}
        </ActionButton>
      </View>
    </View>
  )
}
