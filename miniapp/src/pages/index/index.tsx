import { useCallback, useState } from 'react'
import Taro, { useDidShow, useLoad, usePullDownRefresh, useReachBottom, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import { flashSlotState, type CategoryView, type FlashSlotView, type GroupBuyPickView } from '@linli/shared'
import { EmptyState } from '../../components/empty-state'
import { LoadMore } from '../../components/load-more'
import { ProductGrid } from '../../components/product-card'
import { ProductGridSkeleton, SkeletonBlock } from '../../components/skeleton'
import { usePagedList } from '../../hooks/use-paged-list'
import { Routes, withQuery } from '../../routes'
import { refreshCartBadge } from '../../services/cart'
import { listBanners, listCategories, listProducts, type BannerView } from '../../services/catalog'
import { currentSlot, listFlashSlots } from '../../services/flash-sale'
import { mediaUrl } from '../../services/media'
import { arriveWithShare, shareCodeFrom } from '../../services/referrals'
import { STORE } from '../../store-info'
import { openCategoryLater } from '../../store/tab-intent'
import { CategoryIcon } from './category-icon'
import { FlashStrip } from './flash-strip'
import { GroupStrip } from './group-strip'
import { listGroupBuyPicks } from '../../services/promotions'
import { type StoreView, getStore, refreshRememberedStore, rememberStore, rememberedStore } from '../../services/community'
import searchIcon from '../../assets/icons/search.png'
import './index.css'

const FEED_PAGE_SIZE = 10

/** The slot the home strip shows: the live one with items, else the next with items; none when nothing is on or coming. */
export function stripSlot(slots: FlashSlotView[], now = Date.now()): FlashSlotView | null {
  const slot = currentSlot(slots.filter((s) => s.items.length > 0), now)
  return slot && flashSlotState(slot, now) !== 'ended' ? slot : null
}

export default function HomePage() {
  const router = useRouter()
  // A shared store (团长分享本店) opens the home page with `store`: it greets the visitor with the pickup store.
  const [landingStore, setLandingStore] = useState<StoreView | null>(null)
  const [banners, setBanners] = useState<BannerView[] | null>(null)
  const [categories, setCategories] = useState<CategoryView[] | null>(null)
  const [flashSlot, setFlashSlot] = useState<FlashSlotView | null>(null)
  const [groupPicks, setGroupPicks] = useState<GroupBuyPickView[]>([])
  const [store, setStore] = useState<StoreView | null>(null)
  const feed = usePagedList((page) => listProducts({ page, pageSize: FEED_PAGE_SIZE, sort: 'newest' }))

  const loadFlash = useCallback(
    () => listFlashSlots({ toast: false }).then((slots) => setFlashSlot(stripSlot(slots)), () => setFlashSlot(null)),
    [],
  )

  const loadAll = useCallback(async () => {
    await Promise.all([
      loadFlash(),
      listGroupBuyPicks(8).then(setGroupPicks, () => setGroupPicks([])),
      listBanners({ toast: false }).then(setBanners, () => setBanners([])),
      listCategories({ toast: false }).then(setCategories, () => setCategories([])),
      feed.reload(),
    ])
  }, [feed.reload, loadFlash])

  useLoad(() => {
    void loadAll()
    arriveWithShare(shareCodeFrom(router.params))
    const storeId = Number(router.params.store)
    if (Number.isSafeInteger(storeId) && storeId > 0) {
      getStore(storeId).then((s) => {
        if (s.state !== 'open') return
        setLandingStore(s)
        // A visitor without a pickup store takes the shared one (they can change it in the picker).
        if (!rememberedStore()) {
          rememberStore(s)
          setStore(s)
        }
      }, () => undefined)
    }
  })

  useShareAppMessage(() => ({ title: `${STORE.name} · 社区好物，邻里一起买`, path: Routes.home }))
  useShareTimeline(() => ({ title: `${STORE.name} · 社区好物，邻里一起买` }))

  useDidShow(() => {
    void refreshCartBadge()
    // Back from the store picker: show the new choice.
    setStore(rememberedStore())
    void refreshRememberedStore().then(setStore)
  })

  usePullDownRefresh(() => {
    void loadAll().finally(() => Taro.stopPullDownRefresh())
  })

  useReachBottom(() => {
    void feed.loadMore()
  })

  const openCategory = (id: number) => {
    openCategoryLater(id)
    void Taro.switchTab({ url: Routes.category })
  }

  return (
    <View className='page-root home'>
      <View className='home__store' id='home-store'>
        <View className='home__store-pick' id='home-store-pick' onClick={() => void Taro.navigateTo({ url: Routes.storePicker })}>
          <Text className='home__store-label'>自提点</Text>
          <Text className='home__store-name'>{store ? store.name : '选择离你最近的自提点'}</Text>
          <Text className='home__store-arrow'>›</Text>
        </View>
        <View className='home__store-campaign' id='home-community' onClick={() => void Taro.navigateTo({ url: Routes.communityCampaigns })}>
          <Text>社区团购</Text>
        </View>
      </View>
      <View className='home__search-wrap'>
        <View id='home-search' className='home__search' onClick={() => void Taro.navigateTo({ url: Routes.search })}>
          <Image className='home__search-icon' src={searchIcon} />
          <Text className='home__search-placeholder'>搜索商品</Text>
        </View>
      </View>

      {landingStore ? (
        <View className='home__landing-store' id='home-landing-store'>
          <Text className='home__landing-store-name'>{landingStore.name} 欢迎你</Text>
          <Text className='home__landing-store-meta'>自提点 · {landingStore.address}{landingStore.hours ? ` · ${landingStore.hours}` : ''}</Text>
        </View>
      ) : null}

      {banners === null ? (
        <SkeletonBlock className='home__banner-skeleton' />
      ) : banners.length > 0 ? (
        <Swiper className='home__banners' indicatorDots indicatorActiveColor='#ffffff' indicatorColor='rgba(255,255,255,0.5)' autoplay circular interval={4000}>
          {banners.map((banner) => (
            <SwiperItem key={banner.id}>
              <Image
                className='home__banner-image banner-item'
                src={mediaUrl(banner.image)}
                mode='aspectFill'
                onClick={() => {
                  if (banner.productId) void Taro.navigateTo({ url: withQuery(Routes.product, { id: banner.productId }) })
                }}
              />
            </SwiperItem>
          ))}
        </Swiper>
      ) : null}

      {categories && categories.length > 0 ? (
        <View className='home__shortcuts'>
          {categories.slice(0, 10).map((category) => (
            <View key={category.id} className='home__shortcut category-shortcut' onClick={() => openCategory(category.id)}>
              <CategoryIcon category={category} />
              <Text className='home__shortcut-name'>{category.name}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className='home__promo-row'>
        <View id='home-coupon-centre' className='home__promo home__promo--coupons' onClick={() => void Taro.navigateTo({ url: Routes.couponCentre })}>
          <Text className='home__promo-title'>领券中心</Text>
          <Text className='home__promo-note'>先领券 再购物</Text>
        </View>
        <View id='home-red-packet' className='home__promo home__promo--packets' onClick={() => void Taro.navigateTo({ url: Routes.sendRedPacket })}>
          <Text className='home__promo-title'>发红包</Text>
          <Text className='home__promo-note'>请邻居吃点好的</Text>
        </View>
      </View>

      {flashSlot ? <FlashStrip slot={flashSlot} onBoundary={() => void loadFlash()} /> : null}

      {groupPicks.length > 0 ? <GroupStrip picks={groupPicks} /> : null}

      <View className='home__feed-title'>
        <Text className='home__feed-title-text'>为你推荐</Text>
      </View>

      {feed.initialLoading ? (
        <ProductGridSkeleton count={4} />
      ) : feed.items.length === 0 ? (
        <EmptyState
          kind={feed.failed ? 'error' : 'box'}
          title={feed.failed ? '加载失败' : '暂无商品'}
          description={feed.failed ? '请检查网络后重试' : '店主正在上新，稍后再来看看'}
          actionText={feed.failed ? '重新加载' : undefined}
          onAction={() => void loadAll()}
        />
      ) : (
        <>
          <ProductGrid products={feed.items} />
          <LoadMore loading={feed.loading} hasMore={feed.hasMore} onLoadMore={() => void feed.loadMore()} />
        </>
      )}
    </View>
  )
}
