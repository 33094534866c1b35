import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatYuan, type Page, type ReferralView, type ShareFunnelView, type VisitorView } from '@linli/shared'
import { EmptyState } from '../../../components/empty-state'
import { ListSkeleton } from '../../../components/skeleton'
import { Tabs } from '../../../components/tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { getMyShares, getReferrals, getVisitors } from '../../../services/referrals'
import { shortTime } from '../labels'
import './index.css'

const TABS = [
  { key: 'referrals', label: '我的客户' },
  { key: 'visitors', label: '访客记录' },
  { key: 'shares', label: '我的分享' },
] as const
type TabKey = (typeof TABS)[number]['key']
type Row = ReferralView | VisitorView | ShareFunnelView

const TARGET_LABEL: Record<string, string> = { product: '商品', group: '拼团', red_packet: '红包', store: '门店', campaign: '活动' }
const CHANNEL_LABEL: Record<string, string> = { chat: '微信好友', moments: '朋友圈', poster: '海报' }

/** My direct customers (masked), the visitors through my links, and my shares with their funnel. */
export default function TeamPage() {
  const router = useRouter()
  const [tab, setTab] = useState<TabKey>(TABS.some((t) => t.key === router.params.tab) ? (router.params.tab as TabKey) : 'referrals')
  const fetchers: Record<TabKey, (page: number) => Promise<Page<Row>>> = { referrals: getReferrals, visitors: getVisitors, shares: getMyShares }
  const list = usePagedList<Row>((page) => fetchers[tab](page))

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
    <View className='page-root team'>
      <Tabs items={TABS} active={tab} onChange={setTab} />
      {list.initialLoading ? <ListSkeleton /> : null}
      {!list.initialLoading && list.items.length === 0 ? (
        <EmptyState title={tab === 'shares' ? '还没有分享' : tab === 'visitors' ? '还没有访客' : '还没有客户'} description='在商品页点“分享”发给好友' />
      ) : null}
      {tab === 'referrals'
        ? (list.items as ReferralView[]).map((r, i) => (
            <View key={i} className='team__row referral-row'>
              <View className='team__avatar'><Text>{r.name.slice(0, 1)}</Text></View>
              <View className='team__main'>
                <Text className='team__name'>{r.name}</Text>
                <Text className='team__meta'>{shortTime(r.joinedAt)} 成为你的客户</Text>
              </View>
              <Text className='team__side'>{r.orders} 单</Text>
            </View>
          ))
        : null}
      {tab === 'visitors'
        ? (list.items as VisitorView[]).map((v, i) => (
            <View key={i} className='team__row visitor-row'>
              <View className='team__avatar'><Text>{v.name.slice(0, 1)}</Text></View>
              <View className='team__main'>
                <Text className='team__name'>{v.name}</Text>
                <Text className='team__meta'>{shortTime(v.visitedAt)} 通过你分享的{TARGET_LABEL[v.target] ?? ''}访问</Text>
              </View>
              <Text className={`team__side ${v.bought ? 'is-bought' : ''}`}>{v.bought ? '已下单' : '未下单'}</Text>
            </View>
          ))
        : null}
      {tab === 'shares'
        ? (list.items as ShareFunnelView[]).map((s) => (
            <View key={s.code} className='team__share share-row'>
              <Text className='team__meta'>
                {shortTime(s.createdAt)} · 分享{TARGET_LABEL[s.target] ?? ''}给{CHANNEL_LABEL[s.channel] ?? ''}
              </Text>
              <View className='team__funnel'>
                {[
                  ['访问', String(s.visits)],
                  ['访客', String(s.visitors)],
                  ['订单', String(s.orders)],
                  ['销售额', `¥${formatYuan(s.sales)}`],
                ].map(([label, value]) => (
                  <View key={label} className='team__funnel-item'>
                    <Text className='team__funnel-value'>{value}</Text>
                    <Text className='team__funnel-label'>{label}</Text>
                  </View>
                ))}
              </View>
            </View>
          ))
        : null}
    </View>
  )
}
