import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatYuan, type LedgerEntryView } from '@linli/shared'
import { EmptyState } from '../../../components/empty-state'
import { ListSkeleton } from '../../../components/skeleton'
import { Tabs } from '../../../components/tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { getLedger } from '../../../services/referrals'
import { COMMISSION_STATE_LABEL, LEDGER_LABEL, shortTime } from '../labels'
import './index.css'

const TABS = [
  { key: '', label: '全部' },
  { key: 'pending', label: '待结算' },
  { key: 'settled', label: '已结算' },
  { key: 'reversed', label: '已退回' },
] as const
type TabKey = (typeof TABS)[number]['key']

/** The ledger: every commission, reversal and clawback, by state. */
export default function LedgerPage() {
  const [tab, setTab] = useState<TabKey>('')
  const list = usePagedList<LedgerEntryView>((page) => getLedger(page, tab || undefined))

  useEffect(() => {
    void list.reload({ clear: true })
  }, [tab])

  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })

  return (
    <View className='page-root ledger'>
      <Tabs items={TABS} active={tab} onChange={setTab} />
      {list.initialLoading ? <ListSkeleton /> : null}
      {!list.initialLoading && list.items.length === 0 ? <EmptyState title='暂无收益记录' description='好友通过你的分享下单后，佣金会出现在这里' /> : null}
      {list.items.map((e) => (
        <View key={e.id} className='ledger__row ledger-entry'>
          <View className='ledger__main'>
            <Text className='ledger__title'>{e.title}</Text>
            <Text className='ledger__meta'>
              {LEDGER_LABEL[e.kind]}{e.orderNo ? ` · 订单 ${e.orderNo.slice(-6)}` : ''} · {shortTime(e.createdAt)}
            </Text>
          </View>
          <View className='ledger__side'>
            <Text className={`ledger__amount ${e.amount < 0 ? 'is-negative' : ''}`}>
              {e.amount < 0 ? '-' : '+'}¥{formatYuan(Math.abs(e.amount))}
            </Text>
            <Text className={`ledger__state ledger-state--${e.state}`}>{e.kind === 'commission' ? COMMISSION_STATE_LABEL[e.state] : ''}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
