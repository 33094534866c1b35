import { useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { CartItemView, CartView } from '@linli/shared'
import { EmptyState } from '../../components/empty-state'
import { GuessYouLike } from '../../components/guess-you-like'
import { ListSkeleton } from '../../components/skeleton'
import { Routes, withQuery } from '../../routes'
import { ensureLogin } from '../../services/auth'
import { getCart, removeCartItem, removeCartItems, selectCartItems, updateCartItem } from '../../services/cart'
import { checkoutUrl } from '../../services/checkout'
import { IS_H5 } from '../../services/request'
import { isLoggedIn } from '../../services/session'
import { CartPanel } from './cart-panel'
import './index.css'

type LoadState = 'loading' | 'ready' | 'logged-out' | 'failed'

export default function CartPage() {
  const [cart, setCart] = useState<CartView | null>(null)
  const [state, setState] = useState<LoadState>('loading')
  const busy = useRef(false)

  const load = async () => {
    if (!isLoggedIn() && IS_H5) {
      setState('logged-out')
      return
    }
    if (!(await ensureLogin())) {
      setState('logged-out')
      return
    }
    try {
      setCart(await getCart())
      setState('ready')
    } catch {
      setState(isLoggedIn() ? 'failed' : 'logged-out')
    }
  }

  useDidShow(() => {
    void load()
  })

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  /** Runs one cart change at a time and shows the server's answer. */
  const change = async (action: () => Promise<CartView>) => {
    if (busy.current) return
    busy.current = true
    try {
      setCart(await action())
    } catch {
      // The request wrapper has shown the message; reload to show the true state.
      void load()
    } finally {
      busy.current = false
    }
  }

  const confirmRemove = async (items: CartItemView[], content: string) => {
    const { confirm } = await Taro.showModal({ title: '提示', content, confirmColor: '#E93B3D' })
    if (!confirm) return
    await change(() => (items.length === 1 ? removeCartItem(items[0].id) : removeCartItems(items.map((i) => i.id))))
  }

  const checkout = () => {
    if (!cart) return
    const lines = cart.items.filter((i) => i.selected && i.available).map((i) => ({ skuId: i.skuId, quantity: i.quantity }))
    if (lines.length === 0) {
      void Taro.showToast({ title: '请选择要结算的商品', icon: 'none' })
      return
    }
    void Taro.navigateTo({ url: checkoutUrl(lines, 'cart') })
  }

  const goShopping = () => void Taro.switchTab({ url: Routes.home })

  return (
    <View className={`page-root cart-page ${cart && cart.items.length > 0 ? 'page-root--with-bar' : ''}`}>
      {state === 'loading' && !cart ? <ListSkeleton rows={3} /> : null}

      {state === 'logged-out' ? (
        <>
          <EmptyState
            kind='cart'
            title='登录后查看购物车'
            description='登录后可同步购物车中的商品'
            actionText='去登录'
            onAction={() => void ensureLogin().then((ok) => (ok ? load() : undefined))}
          />
          <GuessYouLike />
        </>
      ) : null}

      {state === 'failed' && !cart ? (
        <EmptyState kind='error' title='购物车加载失败' actionText='重新加载' onAction={() => void load()} />
      ) : null}

      {cart && state !== 'logged-out' ? (
        cart.items.length === 0 ? (
          <>
            <EmptyState kind='cart' title='购物车还是空的' description='去挑几件喜欢的商品吧' actionText='去逛逛' onAction={goShopping} />
            <GuessYouLike />
          </>
        ) : (
          <CartPanel
            cart={cart}
            barClassName={IS_H5 ? 'bottom-bar--above-h5-tabbar' : ''}
            onToggle={(item, selected) => void change(() => updateCartItem(item.id, { selected }))}
            onToggleAll={(selected) =>
              void change(() => selectCartItems(selected, cart.items.filter((i) => i.available).map((i) => i.id)))
            }
            onQuantity={(item, quantity) => void change(() => updateCartItem(item.id, { quantity }))}
            onRemove={(item) => void confirmRemove([item], '确定删除这件商品吗？')}
            onClearUnavailable={(items) => void confirmRemove(items, `确定清空 ${items.length} 件失效商品吗？`)}
            onOpenProduct={(item) => void Taro.navigateTo({ url: withQuery(Routes.product, { id: item.productId }) })}
            onCheckout={checkout}
          />
        )
      ) : null}
    </View>
  )
}
