import { View } from '@tarojs/components'
import './index.css'

/** Grey placeholders with a shimmer while data loads. */
export function SkeletonBlock({ className = '' }: { className?: string }) {
  return <View className={`skeleton-block ${className}`} />
}

export function ProductGridSkeleton({ count = 4 }: { count?: number }) {
  return (
    <View className='skeleton skeleton-grid'>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className='skeleton-grid__card'>
          <SkeletonBlock className='skeleton-grid__cover' />
          <SkeletonBlock className='skeleton-line' />
          <SkeletonBlock className='skeleton-line skeleton-line--short' />
        </View>
      ))}
    </View>
  )
}

export function ListSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <View className='skeleton skeleton-list'>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='skeleton-list__row'>
          <SkeletonBlock className='skeleton-list__thumb' />
          <View className='skeleton-list__text'>
            <SkeletonBlock className='skeleton-line' />
            <SkeletonBlock className='skeleton-line skeleton-line--short' />
            <SkeletonBlock className='skeleton-line skeleton-line--tiny' />
          </View>
        </View>
      ))}
    </View>
  )
}

export function DetailSkeleton() {
  return (
    <View className='skeleton skeleton-detail'>
      <SkeletonBlock className='skeleton-detail__hero' />
      <View className='skeleton-detail__body'>
        <SkeletonBlock className='skeleton-line skeleton-line--price' />
        <SkeletonBlock className='skeleton-line' />
        <SkeletonBlock className='skeleton-line skeleton-line--short' />
      </View>
    </View>
  )
}
