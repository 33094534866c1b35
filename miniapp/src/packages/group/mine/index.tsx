import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { EmptyState } from '../../../components/empty-state'
import { LoadMore } from '../../../components/load-more'
import { ListSkeleton } from '../../../components/skeleton'
import { Tabs, type TabItem } from '../../../components/tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { Routes } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { listMyGroups, type MyGroupsQuery } from '../../../services/group-buy'
import { GroupCard } from './group-card'
import './index.css'

type StatusFilter = NonNullable<MyGroupsQuery['status']> | ''

const TABS: TabItem<StatusFilter>[] = [
  { key: '', label: '全部' },
  { key: 'open', label: '拼团中' },
  { key: 'succeeded', label: '拼团成功' },
  { key: 'failed', label: '拼团失败' },
]

const EMPTY_TITLE: Record<StatusFilter, string> = {
  '': '还没有参加过拼团',
  open: '没有正在进行的拼团',
  succeeded: '还没有成功的拼团',
  failed: '没有失败的拼团',
}

/** 我的拼团: every group I opened or joined, by state. */
export default function MyGroupsPage() {
  const router = useRouter()
  const [status, setStatus] = useState<StatusFilter>(() => TABS.find((t) => t.key === router.params.status)?.key ?? '')
  const groups = usePagedList((page) => listMyGroups({ status: status || undefined, page, pageSize: 10 }))
  const shownOnce = useRef(false)

  useEffect(() => {
    void (async () => {
      if (await ensureLogin()) await groups.reload({ clear: true })
    })()
  }, [status])

  useDidShow(() => {
    if (shownOnce.current) void groups.reload()
    shownOnce.current = true
  })

  usePullDownRefresh(() => {
    void groups.reload().finally(() => Taro.stopPullDownRefresh())
  })

  useReachBottom(() => {
    void groups.loadMore()
  })

  return (
    <View className='page-root my-groups'>
      <Tabs items={TABS} active={status} onChange={setStatus} className='my-groups__tabs' />
      <View className='my-groups__body'>
        {groups.initialLoading ? (
          <ListSkeleton rows={3} />
        ) : groups.items.length === 0 ? (
          <EmptyState
            kind={groups.failed ? 'error' : 'order'}
            title={groups.failed ? '拼团加载失败' : EMPTY_TITLE[status]}
            description={groups.failed ? undefined : '和邻居一起拼，更实惠'}
            actionText={groups.failed ? '重新加载' : '去逛逛'}
            onAction={() => (groups.failed ? void groups.reload() : void Taro.switchTab({ url: Routes.home }))}
          />
        ) : (
          <>
            {groups.items.map((group) => (
              <GroupCard key={group.id} group={group} onExpired={() => setTimeout(() => void groups.reload(), 2000)} />
            ))}
            <LoadMore loading={groups.loading} hasMore={groups.hasMore} onLoadMore={() => void groups.loadMore()} />
          </>
        )}
      </View>
    </View>
  )
}
