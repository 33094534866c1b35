import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatYuan, type DistributorMeView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes } from '../../../routes'
import { applyDistributor, getDistributor } from '../../../services/referrals'
import './index.css'

/** 分销中心: apply (free), the state, earnings today / this month / by state, and the ways in. No team figures. */
export default function DistributorPage() {
  const [me, setMe] = useState<DistributorMeView | null>(null)
  const [applying, setApplying] = useState(false)

  const load = async () => {
    try {
      setMe(await getDistributor())
    } catch {
      // The wrapper showed why.
    }
  }

  useDidShow(() => {
    void load()
  })

  const apply = async () => {
    setApplying(true)
    try {
      setMe(await applyDistributor())
    } catch {
      // shown
    } finally {
      setApplying(false)
    }
  }

  if (!me) return <ListSkeleton />

  if (me.status !== 'approved') {
    return (
      <View className='page-root distributor'>
        <View className='distributor__intro' id='distributor-apply-card'>
          <Text className='distributor__intro-title'>成为推广员</Text>
          <Text className='distributor__intro-line'>· 免费申请，不收任何费用</Text>
          <Text className='distributor__intro-line'>· 好友通过你分享的商品下单，你获得商品实付金额的佣金（运费除外）</Text>
          <Text className='distributor__intro-line'>· 佣金在订单完成且售后期（{me.rules.settleWindowDays}天）结束后可提现</Text>
          <Text className='distributor__intro-line'>· 分享本身没有任何奖励，邀请注册也没有奖励</Text>
          {me.status === 'reviewing' ? (
            <Text id='distributor-state' className='distributor__state'>申请已提交，等待审核</Text>
          ) : me.status === 'disabled' ? (
            <Text id='distributor-state' className='distributor__state'>推广资格已停用，请联系客服</Text>
          ) : (
            <>
              {me.status === 'rejected' ? <Text id='distributor-state' className='distributor__state'>未通过：{me.rejectReason ?? '请完善信息后重新申请'}</Text> : null}
              <ActionButton id='distributor-apply' className='distributor__apply' loading={applying} onClick={() => void apply()}>
                免费申请
              </ActionButton>
            </>
          )}
        </View>
      </View>
    )
  }

  return (
    <View className='page-root distributor'>
      <View className='distributor__card'>
        <Text className='distributor__card-label'>可提现（元）</Text>
        <Text id='distributor-balance' className={`distributor__balance ${me.balance < 0 ? 'is-negative' : ''}`}>{formatYuan(me.balance)}</Text>
        {me.balance < 0 ? <Text className='distributor__negative'>售后退款扣回了已结算佣金，余额恢复为正前暂不能提现</Text> : null}
        <View className='distributor__today'>
          <View className='distributor__today-item'>
            <Text className='distributor__today-value' id='distributor-today'>{formatYuan(me.today)}</Text>
            <Text className='distributor__today-label'>今日收益</Text>
          </View>
          <View className='distributor__today-item'>
            <Text className='distributor__today-value'>{formatYuan(me.month)}</Text>
            <Text className='distributor__today-label'>本月收益</Text>
          </View>
        </View>
        <ActionButton id='distributor-withdraw' kind='plain' className='distributor__withdraw' onClick={() => void Taro.navigateTo({ url: Routes.distributorWithdraw })}>
          去提现
        </ActionButton>
      </View>

      <View className='distributor__states'>
        {[
          { key: 'pending', label: '待结算', value: me.pending },
          { key: 'balance', label: '可提现', value: me.balance },
          { key: 'withdrawn', label: '已提现', value: me.withdrawn + me.frozen },
          { key: 'reversed', label: '已退回', value: me.reversed },
        ].map((s) => (
          <View key={s.key} id={`distributor-${s.key}`} className='distributor__state-item'>
            <Text className='distributor__state-value'>¥{formatYuan(s.value)}</Text>
            <Text className='distributor__state-label'>{s.label}</Text>
          </View>
        ))}
      </View>

      {me.spent > 0 ? <Text id='distributor-spent' className='distributor__spent'>已用佣金发红包 ¥{formatYuan(me.spent)}（未领完的会退回可提现）</Text> : null}

      <View className='distributor__menu'>
        {[
          { id: 'menu-ledger', label: '收益明细', url: Routes.distributorLedger },
          { id: 'menu-referrals', label: '我的客户', url: `${Routes.distributorTeam}?tab=referrals` },
          { id: 'menu-visitors', label: '访客记录', url: `${Routes.distributorTeam}?tab=visitors` },
          { id: 'menu-shares', label: '我的分享', url: `${Routes.distributorTeam}?tab=shares` },
          { id: 'menu-withdrawals', label: '提现记录', url: Routes.distributorWithdraw },
          { id: 'menu-red-packet', label: '用佣金发红包', url: Routes.sendRedPacket },
        ].map((m) => (
          <View key={m.id} id={m.id} className='distributor__menu-item' onClick={() => void Taro.navigateTo({ url: m.url })}>
            <Text>{m.label}</Text>
            <Text className='distributor__arrow'>›</Text>
          </View>
        ))}
      </View>
      <Text className='distributor__rules'>佣金按商品实付金额计算，不含运费；订单完成且售后期结束后结算。分享商品本身不产生任何奖励。</Text>
    </View>
  )
}
