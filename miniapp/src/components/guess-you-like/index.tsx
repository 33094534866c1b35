import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ProductSummaryView } from '@linli/shared'
import { ProductGrid } from '../product-card'
import { guessYouLike } from '../../services/recommend'
import './index.css'

/** 猜你喜欢 under an empty cart, an empty search and a paid order: a way forward instead of a dead end. */
export function GuessYouLike({ limit = 6, exclude = [] }: { limit?: number; exclude?: number[] }) {
  const [products, setProducts] = useState<ProductSummaryView[] | null>(null)
  const excludeKey = exclude.join(',')

  useEffect(() => {
    let alive = true
    void guessYouLike(limit, exclude).then((list) => alive && setProducts(list), () => alive && setProducts([]))
    return () => {
      alive = false
    }
  }, [limit, excludeKey])

  if (!products || products.length === 0) return null
  return (
    <View className='guess-you-like' id='guess-you-like'>
      <View className='guess-you-like__title'>
        <Text className='guess-you-like__line' />
        <Text className='guess-you-like__text'>猜你喜欢</Text>
        <Text className='guess-you-like__line' />
      </View>
      <ProductGrid products={products} />
    </View>
  )
}
