import { useCallback, useState } from 'react'
import Taro, { useDidShow, useLoad, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import { ErrorCode, type ProductDetailView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { EmptyState } from '../../../components/empty-state'
import { OriginalPrice, Price } from '../../../components/price'
import { formatSales } from '../../../components/product-card'
import { DetailSkeleton } from '../../../components/skeleton'
import { SkuPicker, type SkuChoice, type SkuPickerMode } from '../../../components/sku-picker'
import { Routes, withQuery } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { addToCart, cartUnitCount, getCart } from '../../../services/cart'
import { getProduct } from '../../../services/catalog'
import { checkoutUrl } from '../../../services/checkout'
import { mediaUrl } from '../../../services/media'
import { ApiError } from '../../../services/request'
import { isLoggedIn } from '../../../services/session'
import homeIcon from '../../../assets/tab/home.png'
import cartIcon from '../../../assets/tab/cart.png'
import './index.css'

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed'

export default function ProductPage() {
  const router = useRouter()
  const productId = Number(router.params.id)
  const [product, setProduct] = useState<ProductDetailView | null>(null)
  const [state, setState] = useState<LoadState>('loading')
  const [imageIndex, setImageIndex] = useState(0)
  const [picker, setPicker] = useState<{ visible: boolean; mode: SkuPickerMode }>({ visible: false, mode: 'cart' })
  const [lastChoice, setLastChoice] = useState<SkuChoice | undefined>()
  const [selectionText, setSelectionText] = useState('')
  const [cartCount, setCartCount] = useState(0)

  const load = async () => {
    if (!Number.isInteger(productId) || productId <= 0) {
      setState('not-found')
      return
    }
    try {
      const detail = await getProduct(productId, { toast: false })
      setProduct(detail)
      setState('ready')
      void Taro.setNavigationBarTitle({ title: detail.title })
    } catch (err) {
      const notFound = err instanceof ApiError && (err.code === ErrorCode.ProductNotFound || err.status === 404)
      setState(notFound ? 'not-found' : 'failed')
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
    void load()
  })

  useDidShow(() => {
    void refreshCartCount()
  })

  useShareAppMessage(() => ({
    title: product ? product.title : '邻里优选',
    path: withQuery(Routes.product, { id: productId }),
    imageUrl: product ? mediaUrl(product.cover) : undefined,
  }))

  const openPicker = (mode: SkuPickerMode) => setPicker({ visible: true, mode })
  const closePicker = () => setPicker((p) => ({ ...p, visible: false }))
  const onSelectionChange = useCallback((text: string) => setSelectionText(text), [])

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

  return (
    <View className='page-root page-root--with-bar product'>
      <View className='product__gallery'>
        <Swiper className='product__swiper' circular onChange={(e) => setImageIndex(e.detail.current)}>
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
        <Text className='product__image-index'>
          {imageIndex + 1}/{images.length}
        </Text>
        {!product.onShelf ? <Text className='product__off-shelf-mark'>已下架</Text> : null}
      </View>

      <View className='product__price-block'>
        <View className='product__prices'>
          <Price fen={product.price} size='lg' className='product__price' />
          {product.skus.length > 1 ? <Text className='product__price-from'>起</Text> : null}
          <OriginalPrice fen={product.originalPrice} price={product.price} />
        </View>
        <Text className='product__sales'>{formatSales(product.sales)}</Text>
      </View>

      <View className='product__title-block'>
        <Text className='product__title'>{product.title}</Text>
        {product.subtitle ? <Text className='product__subtitle'>{product.subtitle}</Text> : null}
      </View>

      {product.onShelf ? (
        <View id='product-spec-row' className='product__row' onClick={() => openPicker('cart')}>
          <Text className='product__row-label'>已选</Text>
          <Text className='product__row-value'>{selectionText || '请选择规格'}</Text>
          <Text className='product__row-arrow'>›</Text>
        </View>
      ) : null}
      <View className='product__row'>
        <Text className='product__row-label'>服务</Text>
        <Text className='product__row-value product__row-value--muted'>{buyable ? '现货 · 邻里配送' : totalStock === 0 ? '暂时缺货' : '暂不可购买'}</Text>
      </View>

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

      <View className='bottom-bar product-bar'>
        <View className='product-bar__icon' onClick={() => void Taro.switchTab({ url: Routes.home })}>
          <Image className='product-bar__icon-image' src={homeIcon} />
          <Text className='product-bar__icon-text'>首页</Text>
        </View>
        <View id='product-cart' className='product-bar__icon' onClick={() => void Taro.switchTab({ url: Routes.cart })}>
          <Image className='product-bar__icon-image' src={cartIcon} />
          {cartCount > 0 ? <Text className='product-bar__badge cart-badge'>{cartCount > 99 ? '99+' : cartCount}</Text> : null}
          <Text className='product-bar__icon-text'>购物车</Text>
        </View>
        {product.onShelf ? (
          <View className='product-bar__buttons'>
            <ActionButton id='add-to-cart' kind='secondary' className='product-bar__button' disabled={!buyable} onClick={() => openPicker('cart')}>
              加入购物车
            </ActionButton>
            <ActionButton id='buy-now' className='product-bar__button' disabled={!buyable} onClick={() => openPicker('buy')}>
              {buyable ? '立即购买' : '已售罄'}
            </ActionButton>
          </View>
        ) : (
          <View className='product-bar__buttons'>
            <ActionButton id='off-shelf' kind='plain' className='product-bar__button' disabled>
              商品已下架
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
    </View>
  )
}
