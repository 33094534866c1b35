import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { formatYuan, type ProductPromotionView, type ProductSummaryView } from '@linli/shared'
import { Routes, withQuery } from '../../routes'
import { mediaUrl } from '../../services/media'
import { couponTag, getProductPromotions, promotionTag } from '../../services/promotions'
import { OriginalPrice, Price } from '../price'
import './index.css'

export interface ProductCardProps {
  product: ProductSummaryView
  /** grid: two per row (home, search); row: image left, text right (category). */
  layout?: 'grid' | 'row'
  /** What runs on the product now (拼团 / 秒杀 / 券), when known. */
  promotion?: ProductPromotionView
}

export function formatSales(sales: number): string {
  return sales >= 10000 ? `已售${(sales / 10000).toFixed(1)}万+` : `已售${sales}`
}

export function ProductCard({ product, layout = 'grid', promotion }: ProductCardProps) {
  const tag = promotionTag(promotion)
  const coupon = couponTag(promotion)
  const open = () => void Taro.navigateTo({ url: withQuery(Routes.product, { id: product.id }) })
  return (
    <View className={`product-card product-card--${layout}`} data-product-id={product.id} onClick={open}>
      <Image className='product-card__cover' src={mediaUrl(product.cover)} mode='aspectFill' lazyLoad />
      <View className='product-card__body'>
        <Text className='product-card__title'>{product.title}</Text>
        {product.subtitle ? <Text className='product-card__subtitle'>{product.subtitle}</Text> : null}
        {tag || coupon ? (
          <View className='product-card__tags'>
            {tag ? (
              <View className={`product-card__tag product-card__tag--${tag.kind}`} data-promotion={tag.kind}>
                <Text className='product-card__tag-label'>{tag.label}</Text>
                <Text className='product-card__tag-price'>¥{formatYuan(tag.price)}</Text>
              </View>
            ) : null}
            {coupon ? (
              <View className='product-card__tag product-card__tag--coupon' data-promotion='coupon'>
                <Text className='product-card__tag-label'>券</Text>
                <Text className='product-card__tag-price'>{coupon}</Text>
              </View>
            ) : null}
          </View>
        ) : null}
        <View className='product-card__bottom'>
          <View className='product-card__prices'>
            <Price fen={product.price} size='sm' />
            <OriginalPrice fen={product.originalPrice} price={product.price} className='product-card__original' />
          </View>
          <Text className='product-card__sales'>{formatSales(product.sales)}</Text>
        </View>
      </View>
    </View>
  )
}

/** Asks once per set of products which promotions run on them; cards render without tags until it answers. */
export function usePromotions(products: readonly ProductSummaryView[]): Map<number, ProductPromotionView> {
  const [promotions, setPromotions] = useState<Map<number, ProductPromotionView>>(new Map())
  const key = products.map((p) => p.id).join(',')
  useEffect(() => {
    let alive = true
    void getProductPromotions(products.map((p) => p.id)).then(
      (map) => alive && setPromotions(map),
      () => undefined,
    )
    return () => {
      alive = false
    }
  }, [key])
  return promotions
}

/** Two-column feed of product cards, with their promotion tags. */
export function ProductGrid({ products }: { products: ProductSummaryView[] }) {
  const promotions = usePromotions(products)
  return (
    <View className='product-grid'>
      {products.map((p) => (
        <ProductCard key={p.id} product={p} promotion={promotions.get(p.id)} />
      ))}
    </View>
  )
}
