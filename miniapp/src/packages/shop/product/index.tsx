import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow, useLoad, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import { ErrorCode, type ShareView, type FlashItemView, type FlashSlotView, type GroupBuyProductView, type GroupView, type ProductDetailView, type ReviewSummaryView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { Countdown } from '../../../components/countdown'
import { EmptyState } from '../../../components/empty-state'
import { productGroupShareTitle } from '../../../components/group-seats/group-display'
import { GroupSkuSheet, type GroupChoice } from '../../../components/group-sku-sheet'
import { baseGroupPrice } from '../../../components/group-sku-sheet/group-pricing'
import { productGroupLabels } from '../../../components/group-sku-sheet/price-labels'
import { OriginalPrice, Price } from '../../../components/price'
import { formatSales } from '../../../components/product-card'
import { DetailSkeleton } from '../../../components/skeleton'
import { ShareSheet } from '../../../components/share-sheet'
import { SkuPicker, type SkuChoice, type SkuPickerMode } from '../../../components/sku-picker'
import { Routes, withQuery } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { addToCart, cartUnitCount, getCart } from '../../../services/cart'
import { getProduct } from '../../../services/catalog'
import { checkoutUrl } from '../../../services/checkout'
import { getProductGroupBuy, groupCheckoutUrl, groupPageUrl } from '../../../services/group-buy'
import { mediaUrl } from '../../../services/media'
import { arriveWithShare, queryOf, resolveShare, shareCodeFrom, shareImageUrl } from '../../../services/referrals'
import { ApiError } from '../../../services/request'
import { getReviewSummary } from '../../../services/review'
import { listFlashSlots, liveFlashItemFor } from '../../../services/flash-sale'
import { isLoggedIn } from '../../../services/session'
import homeIcon from '../../../assets/tab/home.png'
import cartIcon from '../../../assets/tab/cart.png'
import cartAddIcon from '../../../assets/icons/cart-add.png'
import { getProductCoupons, type ProductCoupons } from '../../../services/coupons'
import serviceIcon from '../../../assets/icons/service.png'
import { ServiceEntry } from '../../../components/service-entry'
import { OpenGroups } from './open-groups'
import { ReviewBlock } from './review-block'
import { FlashBanner } from './flash-banner'
import { STORE } from '../../../store-info'
import { AfterCouponPrice, ProductCouponRow } from './product-coupons'
import './index.css'

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed'

export default function ProductPage() {
  const router = useRouter()
  // A mini program code opens the page with only `scene`: the share code says which product.
  const [productId, setProductId] = useState(Number(router.params.id))
  const [product, setProduct] = useState<ProductDetailView | null>(null)
  const [state, setState] = useState<LoadState>('loading')
  const [imageIndex, setImageIndex] = useState(0)
  const [picker, setPicker] = useState<{ visible: boolean; mode: SkuPickerMode }>({ visible: false, mode: 'cart' })
  const [lastChoice, setLastChoice] = useState<SkuChoice | undefined>()
  const [selectionText, setSelectionText] = useState('')
  const [cartCount, setCartCount] = useState(0)
  const [groupBuy, setGroupBuy] = useState<GroupBuyProductView | null>(null)
  const [groupSheet, setGroupSheet] = useState(false)
  const [shareSheet, setShareSheet] = useState(false)
  const shared = useRef<{ path: string; code: string } | null>(null)
  const [coupons, setCoupons] = useState<ProductCoupons | null>(null)
  const [reviews, setReviews] = useState<ReviewSummaryView | null>(null)
  const [flash, setFlash] = useState<{ slot: FlashSlotView; item: FlashItemView } | null>(null)
  const loadedOnce = useRef(false)

  const load = async () => {
    let id = productId
    const code = shareCodeFrom(router.params)
    if ((!Number.isInteger(id) || id <= 0) && code) {
      id = await resolveShare(code).then((r) => (r.target === 'product' ? r.targetId : 0)).catch(() => 0)
      setProductId(id)
    }
    if (!Number.isInteger(id) || id <= 0) {
      setState('not-found')
      return
    }
    try {
      const [detail] = await Promise.all([getProduct(id, { toast: false }), loadGroupBuy(id), loadReviews(id), loadFlash(id), loadCoupons(id)])
      setProduct(detail)
      setState('ready')
      loadedOnce.current = true
      void Taro.setNavigationBarTitle({ title: detail.title })
    } catch (err) {
      const notFound = err instanceof ApiError && (err.code === ErrorCode.ProductNotFound || err.status === 404)
      setState(notFound ? 'not-found' : 'failed')
    }
  }

  /** The campaign and its open groups; the page works without them (no group-buy shown). */
  const loadGroupBuy = async (id = productId) => {
    try {
      setGroupBuy(await getProductGroupBuy(id, { toast: false }))
    } catch {
      setGroupBuy(null)
    }
  }

  /** The coupon row and 券后价; the page works without them. */
  const loadCoupons = async (id = productId) => {
    try {
      setCoupons(await getProductCoupons(id))
    } catch {
      setCoupons(null)
    }
  }

  /** A live flash sale of this product, if any (the page works without it). */
  const loadFlash = async (id = productId) => {
    try {
      setFlash(liveFlashItemFor(await listFlashSlots({ toast: false }), id))
    } catch {
      setFlash(null)
    }
  }

  /** Reviews are shown when they load; the page works without them. */
  const loadReviews = async (id = productId) => {
    try {
      setReviews(await getReviewSummary(id, { toast: false }))
    } catch {
      setReviews(null)
    }
  }

  const refreshCartCount = async () => {
    if (!isLoggedIn()) return
    try {
      setCartCount(cartUnitCount(await getCart()))
    } catch {
      // The badge is a nicety; keep the old number.
    }
  }

  useLoad(() => {
    // Opened through a friend's share: the visit is reported, and the code kept for binding at login.
    arriveWithShare(shareCodeFrom(router.params))
    void load()
  })

  useDidShow(() => {
    void refreshCartCount()
    // Back from a group page, checkout or login: groups fill and close, and `mine` depends on who is looking.
    if (loadedOnce.current) {
      void loadGroupBuy()
      void loadFlash()
      void loadCoupons()
    }
  })

  const campaign = groupBuy?.campaign ?? null
  const groupActive = campaign?.state === 'active' && campaign.skus.length > 0

  useShareAppMessage(() => ({
    title: product ? (groupActive && campaign ? productGroupShareTitle(product.title, campaign.groupSize, baseGroupPrice(campaign)) : product.title) : STORE.name,
    // The path carries the server's share code when the shopper shared through the sheet.
    path: shared.current?.path ?? withQuery(Routes.product, { id: productId }),
    // The server's 5:4 card (photo, title, price) when shared through the sheet.
    imageUrl: shared.current ? shareImageUrl(shared.current.code, 'card') : product ? mediaUrl(product.cover) : undefined,
  }))

  // Moments (朋友圈): the page opens in WeChat's single-page mode with this query; the code when one was issued.
  const moments = useRef<ShareView | null>(null)
  useShareTimeline(() => ({
    title: product ? product.title : STORE.name,
    query: queryOf(moments.current?.path) ?? `id=${productId}`,
    imageUrl: moments.current ? shareImageUrl(moments.current.code, 'card') : product ? mediaUrl(product.cover) : undefined,
  }))

  const openShare = async () => {
    if (await ensureLogin()) setShareSheet(true)
  }

  const openPicker = (mode: SkuPickerMode) => setPicker({ visible: true, mode })
  const closePicker = () => setPicker((p) => ({ ...p, visible: false }))
  const onSelectionChange = useCallback((text: string) => setSelectionText(text), [])

  const confirmGroup = async (choice: GroupChoice) => {
    if (!campaign) return
    if (!(await ensureLogin())) return
    setGroupSheet(false)
    void Taro.navigateTo({ url: groupCheckoutUrl({ campaignId: campaign.id, skuId: choice.skuId, quantity: choice.quantity, groupSize: choice.groupSize }) })
  }

  const openGroup = (group: GroupView) => void Taro.navigateTo({ url: groupPageUrl(group.id) })

  const confirm = async (choice: SkuChoice) => {
    setLastChoice(choice)
    if (!(await ensureLogin())) return
    closePicker()
    if (picker.mode === 'buy') {
      void Taro.navigateTo({ url: checkoutUrl([choice], 'buy_now') })
      return
    }
    try {
      const cart = await addToCart(choice.skuId, choice.quantity)
      setCartCount(cartUnitCount(cart))
      void Taro.showToast({ title: '已加入购物车', icon: 'success' })
    } catch {
      // The request wrapper has shown the reason.
    }
  }

  if (state === 'loading') return <DetailSkeleton />
  if (state === 'not-found' || state === 'failed' || !product) {
    return (
      <View className='page-root'>
        <EmptyState
          kind={state === 'failed' ? 'error' : 'box'}
          title={state === 'failed' ? '加载失败' : '商品不存在或已删除'}
          actionText={state === 'failed' ? '重新加载' : '去首页逛逛'}
          onAction={() => (state === 'failed' ? void load() : void Taro.switchTab({ url: Routes.home }))}
        />
      </View>
    )
  }

  const images = product.images.length > 0 ? product.images : [product.cover]
  const buyable = product.onShelf && product.skus.some((s) => s.stock > 0)
  const totalStock = product.skus.reduce((sum, s) => sum + s.stock, 0)
  const groupPrice = campaign ? baseGroupPrice(campaign) : 0
  const groupBuyable = groupActive && campaign !== null && campaign.stockLeft > 0 && campaign.skus.some((s) => s.stock > 0)
  const showGroupBar = product.onShelf && groupActive
  const upcoming = product.onShelf && campaign?.state === 'upcoming' ? campaign : null
  const labels = campaign ? productGroupLabels(campaign, product) : null

  return (
    <View className='page-root page-root--with-bar product'>
      <View className='product__gallery'>
        <Swiper
          className='product__swiper'
          circular
          indicatorDots={images.length > 1}
          indicatorColor='rgba(255, 255, 255, 0.5)'
          indicatorActiveColor='#ffffff'
          onChange={(e) => setImageIndex(e.detail.current)}
        >
          {images.map((src, i) => (
            <SwiperItem key={`${src}-${i}`}>
              <Image
                className='product__image'
                src={mediaUrl(src)}
                mode='aspectFill'
                onClick={() => void Taro.previewImage({ current: mediaUrl(src), urls: images.map(mediaUrl) })}
              />
            </SwiperItem>
          ))}
        </Swiper>
        <Text className='product__image-index' id='product-image-index'>
          {imageIndex + 1}/{images.length}
        </Text>
        {!product.onShelf ? <Text className='product__off-shelf-mark'>已下架</Text> : null}
      </View>

      {flash && product.onShelf ? <FlashBanner slot={flash.slot} item={flash.item} onEnd={() => void loadFlash()} /> : null}

      {showGroupBar && campaign ? (
        <View className='product__price-block product__price-block--group' id='product-group-price'>
          <View className='product__prices'>
            <Text className='product__group-tag'>{labels!.headlineTag}</Text>
            <Price fen={groupPrice} size='lg' className='product__group-price' />
            {labels!.from ? <Text className='product__price-from'>起</Text> : null}
            <Text className='product__group-size'>{campaign.groupSize}人团</Text>
            <Text className='product__single-price' id='product-single-price'>
              {labels!.singlePrice}
            </Text>
          </View>
          <Text className='product__sales'>{formatSales(product.sales)}</Text>
        </View>
      ) : (
        <View className='product__price-block'>
          <View className='product__prices'>
            <Price fen={product.price} size='lg' className='product__price' />
            {product.skus.length > 1 ? <Text className='product__price-from'>起</Text> : null}
            <OriginalPrice fen={product.originalPrice} price={product.price} />
            <AfterCouponPrice coupons={coupons} price={product.price} />
          </View>
          <Text className='product__sales'>{formatSales(product.sales)}</Text>
        </View>
      )}

      {upcoming ? (
        <View className='product__group-upcoming' id='product-group-upcoming'>
          <Text className='product__group-upcoming-title'>拼团即将开始</Text>
          <Text className='product__group-upcoming-text'>
            {labels!.upcoming}
          </Text>
          <View className='product__group-upcoming-clock'>
            <Text className='product__group-upcoming-label'>距开始</Text>
            <Countdown deadline={upcoming.startsAt} format='clock' onEnd={() => void loadGroupBuy()} />
          </View>
        </View>
      ) : null}

      <View className='product__title-block'>
        <View className='product__title-row'>
          <Text className='product__title'>{product.title}</Text>
          <View id='product-share' className='product__share' onClick={() => void openShare()}>
            <Text className='product__share-icon'>↗</Text>
            <Text className='product__share-text'>分享</Text>
          </View>
        </View>
        {product.subtitle ? <Text className='product__subtitle'>{product.subtitle}</Text> : null}
      </View>

      {showGroupBar && campaign ? (
        <View id='product-group-row' className='product__row product__row--promo' onClick={() => groupBuyable && setGroupSheet(true)}>
          <Text className='product__row-label'>拼团</Text>
          <View className='product__row-value product__promos'>
            <Text className='product__promo'>{campaign.groupSize}人成团</Text>
            {labels!.leaderChip ? <Text className='product__promo' id='product-leader-price'>{labels!.leaderChip}</Text> : null}
            {labels!.tierChip ? <Text className='product__promo' id='product-tier-price'>{labels!.tierChip}</Text> : null}
            {labels!.newCustomerChip ? <Text className='product__promo'>{labels!.newCustomerChip}</Text> : null}
          </View>
          <Text className='product__row-arrow'>›</Text>
        </View>
      ) : null}
      {product.onShelf ? <ProductCouponRow coupons={coupons} onChanged={() => void loadCoupons()} /> : null}
      {product.onShelf ? (
        <View id='product-spec-row' className='product__row' onClick={() => openPicker('cart')}>
          <Text className='product__row-label'>已选</Text>
          <Text className='product__row-value'>{selectionText || '请选择规格'}</Text>
          <Text className='product__row-arrow'>›</Text>
        </View>
      ) : null}
      <View className='product__row' id='product-guarantees'>
        <Text className='product__row-label'>保障</Text>
        <View className='product__row-value product__guarantees'>
          {STORE.guarantees.map((g) => (
            <Text key={g} className='product__guarantee'>
              ✓ {g}
            </Text>
          ))}
        </View>
      </View>
      <View className='product__row'>
        <Text className='product__row-label'>服务</Text>
        <Text className='product__row-value product__row-value--muted'>
          {buyable ? (showGroupBar ? '现货 · 本店配送 · 拼团包邮 · 未成团自动退款' : '现货 · 本店配送') : totalStock === 0 ? '暂时缺货' : '暂不可购买'}
        </Text>
      </View>

      {showGroupBar && groupBuy ? <OpenGroups groups={groupBuy.openGroups} onOpen={openGroup} onExpired={() => void loadGroupBuy()} /> : null}

      {reviews ? <ReviewBlock summary={reviews} /> : null}

      {product.attributes.length > 0 ? (
        <View className='product__attributes' id='product-attributes'>
          <Text className='product__attributes-title'>规格参数</Text>
          {product.attributes.map((a) => (
            <View key={a.name} className='product__attribute'>
              <Text className='product__attribute-name'>{a.name}</Text>
              <Text className='product__attribute-value'>{a.value}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className='product__detail'>
        <View className='product__detail-title'>
          <Text>商品详情</Text>
        </View>
        {product.detail.length === 0 ? <Text className='product__detail-text muted'>暂无详情</Text> : null}
        {product.detail.map((block, i) =>
          block.type === 'text' ? (
            <Text key={i} className='product__detail-text'>
              {block.text}
            </Text>
          ) : (
            <Image key={i} className='product__detail-image' src={mediaUrl(block.url)} mode='widthFix' lazyLoad />
          ),
        )}
      </View>

      <View className={`bottom-bar product-bar ${showGroupBar ? 'product-bar--group' : ''}`}>
        <View className='product-bar__icon' onClick={() => void Taro.switchTab({ url: Routes.home })}>
          <Image className='product-bar__icon-image' src={homeIcon} />
          <Text className='product-bar__icon-text'>首页</Text>
        </View>
        <ServiceEntry id='product-service' className='product-bar__icon'>
          <Image className='product-bar__icon-image' src={serviceIcon} />
          <Text className='product-bar__icon-text'>客服</Text>
        </ServiceEntry>
        <View id='product-cart' className='product-bar__icon' onClick={() => void Taro.switchTab({ url: Routes.cart })}>
          <Image className='product-bar__icon-image' src={cartIcon} />
          {cartCount > 0 ? <Text className='product-bar__badge cart-badge'>{cartCount > 99 ? '99+' : cartCount}</Text> : null}
          <Text className='product-bar__icon-text'>购物车</Text>
        </View>
        {!product.onShelf ? (
          <View className='product-bar__buttons'>
            <ActionButton id='off-shelf' kind='plain' className='product-bar__button' disabled>
              商品已下架
            </ActionButton>
          </View>
        ) : showGroupBar && campaign ? (
          <>
            <View
              id='add-to-cart'
              className={`product-bar__icon ${buyable ? '' : 'is-disabled'}`}
              aria-disabled={!buyable}
              onClick={() => buyable && openPicker('cart')}
            >
              <Image className='product-bar__icon-image' src={cartAddIcon} />
              <Text className='product-bar__icon-text'>加购</Text>
            </View>
            <View className='product-bar__buttons'>
              <ActionButton id='buy-now' kind='secondary' className='product-bar__button product-bar__button--stacked' disabled={!buyable} onClick={() => openPicker('buy')}>
                <Text className='product-bar__button-price'>{labels!.singleButtonPrice}</Text>
                <Text className='product-bar__button-label'>{buyable ? '单独购买' : '已售罄'}</Text>
              </ActionButton>
              <ActionButton id='group-start' className='product-bar__button product-bar__button--stacked' disabled={!groupBuyable} onClick={() => setGroupSheet(true)}>
                <Text className='product-bar__button-price' id='group-start-price'>{labels!.startPrice}</Text>
                <Text className='product-bar__button-label'>{groupBuyable ? '发起拼团' : '拼团已抢光'}</Text>
              </ActionButton>
            </View>
          </>
        ) : (
          <View className='product-bar__buttons'>
            <ActionButton id='add-to-cart' kind='secondary' className='product-bar__button' disabled={!buyable} onClick={() => openPicker('cart')}>
              加入购物车
            </ActionButton>
            <ActionButton id='buy-now' className='product-bar__button' disabled={!buyable} onClick={() => openPicker('buy')}>
              {buyable ? '立即购买' : '已售罄'}
            </ActionButton>
          </View>
        )}
      </View>

      {product.onShelf ? (
        <SkuPicker
          visible={picker.visible}
          mode={picker.mode}
          product={product}
          initialSkuId={lastChoice?.skuId}
          onClose={closePicker}
          onConfirm={(choice) => void confirm(choice)}
          onSelectionChange={onSelectionChange}
        />
      ) : null}
      <ShareSheet
        visible={shareSheet}
        onClose={() => setShareSheet(false)}
        target='product'
        targetId={productId}
        onShare={(share) => {
          shared.current = { path: share.path, code: share.code }
        }}
        onMomentsShare={(share) => {
          moments.current = share
        }}
      />
      {showGroupBar && campaign ? (
        <GroupSkuSheet
          visible={groupSheet}
          campaign={campaign}
          product={product}
          dimensions={product.specDimensions}
          onClose={() => setGroupSheet(false)}
          onConfirm={(choice) => void confirmGroup(choice)}
        />
      ) : null}
    </View>
  )
}
