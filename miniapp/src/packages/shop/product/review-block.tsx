import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatRating, type ReviewSummaryView } from '@linli/shared'
import { ReviewCard } from '../../../components/review-card'
import { Routes, withQuery } from '../../../routes'
import './review-block.css'

/** 商品评价 on the product page: rating, count, 有图 count and the first reviews (those with photos first). */
export function ReviewBlock({ summary }: { summary: ReviewSummaryView }) {
  const open = (withPhotos = false) => void Taro.navigateTo({ url: withQuery(Routes.productReviews, { productId: summary.productId, photos: withPhotos ? 1 : undefined }) })
  return (
    <View className='review-block' id='product-reviews'>
      <View className='review-block__head' onClick={() => summary.count > 0 && open()}>
        <Text className='review-block__title'>商品评价</Text>
        <Text className='review-block__count' id='product-review-count'>({summary.count})</Text>
        {summary.averageTenths !== null ? (
          <Text className='review-block__rating' id='product-review-rating'>
            {formatRating(summary.averageTenths)}分 · 好评率{summary.goodPercent}%
          </Text>
        ) : null}
        {summary.count > 0 ? <Text className='review-block__more'>查看全部 ›</Text> : null}
      </View>
      {summary.count === 0 ? (
        <Text className='review-block__empty'>暂无评价，买过的邻居收货后可以晒单</Text>
      ) : (
        <>
          {summary.withPhotos > 0 ? (
            <View className='review-block__chips'>
              <Text className='review-block__chip' id='product-review-photos' onClick={() => open(true)}>
                有图({summary.withPhotos})
              </Text>
            </View>
          ) : null}
          {summary.top.map((review) => (
            <ReviewCard key={review.id} review={review} compact />
          ))}
        </>
      )}
    </View>
  )
}
