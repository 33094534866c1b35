import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { RED_PACKET_KIND_LABEL, formatYuan, type RedPacketStatus, type RedPacketView } from '@linli/shared'
import { shortDate } from '../../../components/coupon-ticket'
import { EmptyState } from '../../../components/empty-state'
import { LoadMore } from '../../../components/load-more'
import { ListSkeleton } from '../../../components/skeleton'
import { Tabs, type TabItem } from '../../../components/tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { Routes } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { listMyPackets, packetUrl } from '../../../services/coupons'
import './index.css'

type Role = 'received' | 'sent'
const TABS: TabItem<Role>[] = [
  { key: 'received', label: '收到的红包' },
  { key: 'sent', label: '发出的红包' },
]

const STATUS_LABEL: Record<RedPacketStatus, string> = { pending_payment: '待支付', active: '领取中', finished: '已领完', expired: '已过期', cancelled: '已取消' }

/** 我的红包: received (each share and the coupon it became) and sent (with how much was claimed or returned). */
export default function MyRedPacketsPage() {
  const [role, setRole] = useState<Role>('received')
  const packets = usePagedList((page) => listMyPackets(role, page, 10))
  const shownOnce = useRef(false)

  useEffect(() => {
    void (async () => {
      if (await ensureLogin()) await packets.reload({ clear: true })
    })()
  }, [role])
  useDidShow(() => {
    if (shownOnce.current) void packets.reload()
    shownOnce.current = true
  })
  usePullDownRefresh(() => void packets.reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void packets.loadMore())

  const total = packets.items.reduce((sum, p) => sum + (role === 'received' ? p.myShare?.amount ?? 0 : p.amount), 0)

  return (
    <View className='page-root my-packets'>
      <Tabs items={TABS} active={role} onChange={setRole} />
      <View className='my-packets__head'>
        <Text className='my-packets__total-label'>{role === 'received' ? '共收到' : '共发出'}</Text>
        <Text className='my-packets__total'>{formatYuan(total)}<Text className='my-packets__unit'>元</Text></Text>
        <View id='my-packets-send' className='my-packets__send' onClick={() => void Taro.navigateTo({ url: Routes.sendRedPacket })}>
          <Text>发红包</Text>
        </View>
      </View>
      {packets.initialLoading ? (
        <ListSkeleton rows={3} />
      ) : packets.items.length === 0 ? (
        <EmptyState kind={packets.failed ? 'error' : 'box'} title={packets.failed ? '加载失败' : role === 'received' ? '还没有收到红包' : '还没有发过红包'}
          actionText={packets.failed ? '重新加载' : '去逛逛'} onAction={() => (packets.failed ? void packets.reload() : void Taro.switchTab({ url: Routes.home }))} />
      ) : (
        <View className='my-packets__list'>
          {packets.items.map((p: RedPacketView) => (
            <View key={p.id} className='my-packets__row packet-row' onClick={() => void Taro.navigateTo({ url: packetUrl(p.code) })}>
              <View className='my-packets__icon' />
              <View className='my-packets__text'>
                <Text className='my-packets__title'>{role === 'received' ? `${p.senderName}的${RED_PACKET_KIND_LABEL[p.kind]}` : RED_PACKET_KIND_LABEL[p.kind]}</Text>
                <Text className='my-packets__meta'>
                  {role === 'received' ? shortDate(p.claims.find((c) => c.mine)?.claimedAt ?? p.expiresAt) : `${STATUS_LABEL[p.status]} · 已领${p.claimedCount}/${p.shareCount}${p.returnedAmount ? ` · 退回¥${formatYuan(p.returnedAmount)}` : ''}`}
                </Text>
              </View>
              <View className='my-packets__right'>
                <Text className='my-packets__amount'>{formatYuan(role === 'received' ? p.myShare?.amount ?? 0 : p.amount)}元</Text>
                {role === 'received' && p.claims.some((c) => c.mine && c.best) ? <Text className='my-packets__best'>手气最佳</Text> : null}
              </View>
            </View>
          ))}
          <LoadMore loading={packets.loading} hasMore={packets.hasMore} onLoadMore={() => void packets.loadMore()} />
        </View>
      )}
    </View>
  )
}
