import { useEffect, useState } from 'react'
import { useReachBottom, useRouter } from '@tarojs/taro'
import { Image, Input, Text, View } from '@tarojs/components'
import type { ProductSort } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { EmptyState } from '../../../components/empty-state'
import { LoadMore } from '../../../components/load-more'
import { ProductGrid } from '../../../components/product-card'
import { ProductGridSkeleton } from '../../../components/skeleton'
import { Tabs, type TabItem } from '../../../components/tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { paramValue } from '../../../routes'
import { listProducts } from '../../../services/catalog'
import searchIcon from '../../../assets/icons/search.png'
import './index.css'

const SORT_TABS: TabItem<ProductSort>[] = [
  { key: 'newest', label: '最新' },
  { key: 'sales', label: '销量' },
  { key: 'price_asc', label: '价格↑' },
  { key: 'price_desc', label: '价格↓' },
]

const MAX_KEYWORD_LENGTH = 40

export default function SearchPage() {
  const router = useRouter()
  const initialKeyword = paramValue(router.params.keyword)
  const [draft, setDraft] = useState(initialKeyword)
  const [keyword, setKeyword] = useState(initialKeyword)
  const [sort, setSort] = useState<ProductSort>('newest')
  const results = usePagedList((page) => listProducts({ keyword: keyword || undefined, sort, page, pageSize: 10 }))

  useEffect(() => {
    void results.reload({ clear: true })
  }, [keyword, sort])

  useReachBottom(() => {
    void results.loadMore()
  })

  const submit = () => setKeyword(draft.trim())

  return (
    <View className='page-root search'>
      <View className='search__bar'>
        <View className='search__field'>
          <Image className='search__icon' src={searchIcon} />
          <Input
            id='search-input'
            className='search__input field-input'
            value={draft}
            placeholder='搜索商品'
            confirmType='search'
            maxlength={MAX_KEYWORD_LENGTH}
            focus={!initialKeyword}
            onInput={(e) => setDraft(e.detail.value)}
            onConfirm={submit}
          />
        </View>
        <ActionButton id='search-submit' className='search__submit' onClick={submit}>
          搜索
        </ActionButton>
      </View>
      <Tabs items={SORT_TABS} active={sort} onChange={setSort} className='search__sort' />

      {keyword ? (
        <Text className='search__summary'>
          “{keyword}” 的搜索结果{results.initialLoading ? '' : ` · 共 ${results.total} 件`}
        </Text>
      ) : null}

      {results.initialLoading ? (
        <ProductGridSkeleton count={4} />
      ) : results.items.length === 0 ? (
        <EmptyState kind='search' title='没有找到相关商品' description='换个关键词试试' />
      ) : (
        <>
          <ProductGrid products={results.items} />
          <LoadMore loading={results.loading} hasMore={results.hasMore} onLoadMore={() => void results.loadMore()} />
        </>
      )}
    </View>
  )
}
