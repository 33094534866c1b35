import { useEffect, useState } from 'react'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { Image, ScrollView, Text, View } from '@tarojs/components'
import type { CategoryView } from '@linli/shared'
import { EmptyState } from '../../components/empty-state'
import { LoadMore } from '../../components/load-more'
import { ProductCard, usePromotions } from '../../components/product-card'
import { ListSkeleton, SkeletonBlock } from '../../components/skeleton'
import { usePagedList } from '../../hooks/use-paged-list'
import { Routes } from '../../routes'
import { listCategories, listProducts } from '../../services/catalog'
import { refreshCartBadge } from '../../services/cart'
import { IS_H5 } from '../../services/request'
import { takePendingCategory } from '../../store/tab-intent'
import searchIcon from '../../assets/icons/search.png'
import './index.css'

const PAGE_SIZE = 10

export default function CategoryPage() {
  const [categories, setCategories] = useState<CategoryView[] | null>(null)
  const [activeId, setActiveId] = useState<number | null>(null)
  const products = usePagedList((page) =>
    activeId === null ? Promise.resolve({ items: [], total: 0, page, pageSize: PAGE_SIZE }) : listProducts({ categoryId: activeId, page, pageSize: PAGE_SIZE }),
  )
  const promotions = usePromotions(products.items)

  const loadCategories = async () => {
    try {
      const list = await listCategories()
      setCategories(list)
      setActiveId((current) => current ?? list[0]?.id ?? null)
    } catch {
      setCategories([])
    }
  }

  useLoad(() => {
    void loadCategories()
  })

  // The home shortcuts choose a category before switching to this tab.
  useDidShow(() => {
    const pending = takePendingCategory()
    if (pending !== null) setActiveId(pending)
    void refreshCartBadge()
  })

  useEffect(() => {
    if (activeId !== null) void products.reload({ clear: true })
  }, [activeId])

  const active = categories?.find((c) => c.id === activeId)

  return (
    <View className={`category-page ${IS_H5 ? 'category-page--h5' : ''}`}>
      <View className='category-page__search' onClick={() => void Taro.navigateTo({ url: Routes.search })}>
        <View className='category-page__search-box'>
          <Image className='category-page__search-icon' src={searchIcon} />
          <Text className='category-page__search-text'>搜索商品</Text>
        </View>
      </View>
      <View className='category-page__body'>
        <ScrollView scrollY className='category-page__nav'>
          {categories === null
            ? Array.from({ length: 6 }, (_, i) => <SkeletonBlock key={i} className='category-page__nav-skeleton' />)
            : categories.map((c) => (
                <View
                  key={c.id}
                  className={`category-item ${c.id === activeId ? 'category-item--active' : ''}`}
                  data-category-id={c.id}
                  onClick={() => setActiveId(c.id)}
                >
                  <Text className='category-item__name'>{c.name}</Text>
                </View>
              ))}
        </ScrollView>

        <ScrollView scrollY className='category-page__products' lowerThreshold={120} onScrollToLower={() => void products.loadMore()}>
          {active ? <Text className='category-page__title'>{active.name}</Text> : null}
          {categories !== null && categories.length === 0 ? (
            <EmptyState title='暂无分类' description='店主还没有上架商品' />
          ) : products.initialLoading ? (
            <ListSkeleton rows={4} />
          ) : products.items.length === 0 ? (
            <EmptyState title='这个分类还没有商品' description='去看看别的分类吧' />
          ) : (
            <View className='category-page__list'>
              {products.items.map((p) => (
                <ProductCard key={p.id} product={p} layout='row' promotion={promotions.get(p.id)} />
              ))}
              <LoadMore loading={products.loading} hasMore={products.hasMore} onLoadMore={() => void products.loadMore()} />
            </View>
          )}
        </ScrollView>
      </View>
    </View>
  )
}
