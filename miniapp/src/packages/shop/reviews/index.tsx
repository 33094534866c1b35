import { useEffect, useState } from 'react'
import { useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatRating, type ReviewSummaryView } from '@linli/shared'
import { EmptyState } from '../../../components/empty-state'
import { LoadMore } from '../../../components/load-more'
import { ReviewCard } from '../../../components/review-card'
import { Tabs } from '../../../components/tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { getReviewSummary, listProductReviews } from '../../../services/review'
import './index.css'

type Filter = 'all' | 'photos'

/** All visible reviews of a product, with photos first; 有图 shows only those with photos. */
export default function ProductReviewsPage() {
  const router = useRouter()
  const productId = Number(router.params.productId)
  const [filter, setFilter] = useState<Filter>(router.params.photos === '1' ? 'photos' : 'all')
  const [summary, setSummary] = useState<ReviewSummaryView | null>(null)
  const list = usePagedList((page) => listProductReviews(productId, { page, pageSize: 10, withPhotos: filter === 'photos' || undefined }))

  useEffect(() => {
    void getReviewSummary(productId, { toast: false }).then(setSummary, () => setSummary(null))
  }, [productId])

  useEffect(() => {
    void list.reload({ clear: true })
  }, [filter])

  useReachBottom(() => {
    void list.loadMore()
  })

  const tabs = [
    { key: 'all' as const, label: `全部${summary ? `(${summary.count})` : ''}` },
    { key: 'photos' as const, label: `有图${summary ? `(${summary.withPhotos})` : ''}` },
  ]

  return (
    <View className='page-root reviews-page'>
      {summary && summary.averageTenths !== null ? (
        <View className='reviews-page__score' id='reviews-score'>
          <Text className='reviews-page__score-value'>{formatRating(summary.averageTenths)}</Text>
          <Text className='reviews-page__score-label'>综合评分 · 好评率{summary.goodPercent}%</Text>
        </View>
      ) : null}
      <Tabs items={tabs} active={filter} onChange={setFilter} className='reviews-page__tabs' />
      {list.initialLoading ? (
        <Text className='reviews-page__loading muted'>加载中…</Text>
      ) : list.failed && list.items.length === 0 ? (
        <EmptyState kind='error' title='加载失败' actionText='重新加载' onAction={() => void list.reload({ clear: true })} />
      ) : list.items.length === 0 ? (
        <EmptyState kind='box' title={filter === 'photos' ? '还没有带图的评价' : '还没有评价'} />
      ) : (
        <View className='reviews-page__list'>
          {list.items.map((review) => (
            <ReviewCard key={review.id} review={review} />
          ))}
          <LoadMore loading={list.loading} hasMore={list.hasMore} onLoadMore={() => void list.loadMore()} />
        </View>
      )}
    </View>
  )
}
