import { useEffect, useState } from 'react'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { Image, Input, Text, View } from '@tarojs/components'
import type { ProductSort, ProductSummaryView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { EmptyState } from '../../../components/empty-state'
import { GuessYouLike } from '../../../components/guess-you-like'
import { LoadMore } from '../../../components/load-more'
import { ProductGrid } from '../../../components/product-card'
import { ProductGridSkeleton } from '../../../components/skeleton'
import { Tabs, type TabItem } from '../../../components/tabs'
import { usePagedList } from '../../../hooks/use-paged-list'
import { paramValue } from '../../../routes'
import { listProducts } from '../../../services/catalog'
import { clearSearchHistory, getSearchHistory, rememberSearch } from '../../../services/search-history'
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
  const [history, setHistory] = useState<string[]>(() => getSearchHistory())
  const [popular, setPopular] = useState<ProductSummaryView[]>([])

  useEffect(() => {
    void results.reload({ clear: true })
  }, [keyword, sort])

  // 热门搜索: the shop's best sellers, by their sales.
  useEffect(() => {
    void listProducts({ sort: 'sales', pageSize: 8 }).then((p) => setPopular(p.items), () => setPopular([]))
  }, [])

  useReachBottom(() => {
    void results.loadMore()
  })

  const search = (word: string) => {
    const trimmed = word.trim()
    setDraft(trimmed)
    setKeyword(trimmed)
    if (trimmed) setHistory(rememberSearch(trimmed))
  }
  const submit = () => search(draft)

  const clearHistory = async () => {
    const { confirm } = await Taro.showModal({ title: '清空搜索历史', content: '确定清空全部搜索历史吗？', confirmColor: '#E93B3D' })
    if (!confirm) return
    clearSearchHistory()
    setHistory([])
  }

  const chips = (words: string[], className: string) => (
    <View className='search__chips'>
      {words.map((word) => (
        <Text key={word} className={`search__chip ${className}`} onClick={() => search(word)}>
          {word}
        </Text>
      ))}
    </View>
  )
  const popularWords = popular.map((p) => p.title).slice(0, 8)

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

      {!keyword ? (
        <View className='search__start'>
          {history.length > 0 ? (
            <View className='search__section' id='search-history'>
              <View className='search__section-head'>
                <Text className='search__section-title'>历史搜索</Text>
                <Text className='search__section-action' id='search-history-clear' onClick={() => void clearHistory()}>
                  清空
                </Text>
              </View>
              {chips(history, 'search__chip--history')}
            </View>
          ) : null}
          {popularWords.length > 0 ? (
            <View className='search__section' id='search-popular'>
              <View className='search__section-head'>
                <Text className='search__section-title'>热门搜索</Text>
              </View>
              {chips(popularWords, 'search__chip--popular')}
            </View>
          ) : null}
        </View>
      ) : null}

      {keyword ? (
        <Text className='search__summary'>
          “{keyword}” 的搜索结果{results.initialLoading ? '' : ` · 共 ${results.total} 件`}
        </Text>
      ) : null}

      {results.initialLoading ? (
        <ProductGridSkeleton count={4} />
      ) : results.items.length === 0 ? (
        <>
          <EmptyState kind='search' title='没有找到相关商品' description='换个关键词试试，或看看大家都在买的' />
          {popularWords.length > 0 ? (
            <View className='search__section search__section--suggest' id='search-suggestions'>
              <View className='search__section-head'>
                <Text className='search__section-title'>试试搜索</Text>
              </View>
              {chips(popularWords.slice(0, 6), 'search__chip--suggest')}
            </View>
          ) : null}
          <GuessYouLike />
        </>
      ) : (
        <>
          <ProductGrid products={results.items} />
          <LoadMore loading={results.loading} hasMore={results.hasMore} onLoadMore={() => void results.loadMore()} />
        </>
      )}
    </View>
  )
}
