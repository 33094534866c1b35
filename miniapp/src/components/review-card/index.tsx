import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { ReviewView } from '@linli/shared'
import { mediaUrl } from '../../services/media'
import './index.css'

/** Five stars, `rating` of them lit. With `onChange`, tapping a star sets the rating (44 px targets). */
export function Stars({ rating, size = 'sm', onChange, className = '' }: { rating: number; size?: 'sm' | 'lg'; onChange?: (rating: number) => void; className?: string }) {
  return (
    <View className={`stars stars--${size} ${className}`} role={onChange ? 'radiogroup' : undefined} aria-label={`${rating}星`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text
          key={n}
          className={`stars__star ${n <= rating ? 'stars__star--on' : ''}`}
          data-value={n}
          onClick={onChange ? () => onChange(n) : undefined}
        >
          ★
        </Text>
      ))}
    </View>
  )
}

/** The date part of an ISO time in the shopper's zone: 2026-11-30. */
export function reviewDate(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** One review: avatar, masked name, stars, date, the bought spec, the text and photo thumbnails (tap to enlarge). */
export function ReviewCard({ review, compact = false }: { review: ReviewView; compact?: boolean }) {
  const urls = review.photos.map((p) => mediaUrl(p.url))
  return (
    <View className={`review-card ${compact ? 'review-card--compact' : ''}`} data-review-id={review.id}>
      <View className='review-card__head'>
        {review.authorAvatar ? (
          <Image className='review-card__avatar' src={mediaUrl(review.authorAvatar)} />
        ) : (
          <View className='review-card__avatar review-card__avatar--blank'>
            <Text>{review.authorName.slice(0, 1)}</Text>
          </View>
        )}
        <Text className='review-card__name'>{review.authorName}</Text>
        <Stars rating={review.rating} />
        <Text className='review-card__date'>{reviewDate(review.createdAt)}</Text>
      </View>
      {review.content ? <Text className={`review-card__content ${compact ? 'review-card__content--clamp' : ''}`}>{review.content}</Text> : null}
      {review.photos.length > 0 ? (
        <View className='review-card__photos'>
          {review.photos.map((p, i) => (
            <Image
              key={p.id}
              className='review-card__photo'
              src={mediaUrl(p.thumbUrl)}
              mode='aspectFill'
              lazyLoad
              onClick={(e) => {
                e.stopPropagation()
                void Taro.previewImage({ current: urls[i], urls })
              }}
            />
          ))}
        </View>
      ) : null}
      {review.specText ? <Text className='review-card__spec'>{review.specText}</Text> : null}
    </View>
  )
}
