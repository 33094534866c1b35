import { Text, View } from '@tarojs/components'
import './index.css'

/** The line at the end of a list: loading, more, or the end. */
export function LoadMore({ loading, hasMore, onLoadMore }: { loading: boolean; hasMore: boolean; onLoadMore?: () => void }) {
  const text = loading ? '加载中…' : hasMore ? '上拉或点击加载更多' : '— 没有更多了 —'
  return (
    <View className='load-more' onClick={() => hasMore && !loading && onLoadMore?.()}>
      <Text className='load-more__text'>{text}</Text>
    </View>
  )
}
