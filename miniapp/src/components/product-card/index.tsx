import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { ProductSummaryView } from '@linli/shared'
import { Routes, withQuery } from '../../routes'
import { mediaUrl } from '../../services/media'
import { OriginalPrice, Price } from '../price'
import './index.css'

export interface ProductCardProps {
  product: ProductSummaryView
  /** grid: two per row (home, search); row: image left, text right (category). */
  layout?: 'grid' | 'row'
}

export function formatSales(sales: number): string {
  return sales >= 10000 ? `已售${(sales / 10000).toFixed(1)}万+` : `已售${sales}`
}

export function ProductCard({ product, layout = 'grid' }: ProductCardProps) {
  const open = () => void Taro.navigateTo({ url: withQuery(Routes.product, { id: product.id }) })
  return (
    <View className={`product-card product-card--${layout}`} data-product-id={product.id} onClick={open}>
      <Image className='product-card__cover' src={mediaUrl(product.cover)} mode='aspectFill' lazyLoad />
      <View className='product-card__body'>
        <Text className='product-card__title'>{product.title}</Text>
        {product.subtitle ? <Text className='product-card__subtitle'>{product.subtitle}</Text> : null}
        <View className='product-card__bottom'>
          <View className='product-card__prices'>
            <Price fen={product.price} size='sm' />
            {layout === 'row' ? <OriginalPrice fen={product.originalPrice} price={product.price} /> : null}
          </View>
          <Text className='product-card__sales'>{formatSales(product.sales)}</Text>
        </View>
      </View>
    </View>
  )
}

/** Two-column feed of product cards. */
export function ProductGrid({ products }: { products: ProductSummaryView[] }) {
  return (
    <View className='product-grid'>
      {products.map((p) => (
        <ProductCard key={p.id} product={p} />
      ))}
    </View>
  )
}
