import { Image, Text, View } from '@tarojs/components'
import { MAX_LINE_QUANTITY, type CartItemView, type CartView } from '@linli/shared'
import { ActionButton } from '../../components/action-button'
import { CheckCircle } from '../../components/check-circle'
import { Price } from '../../components/price'
import { formatSpecs } from '../../components/sku-picker/sku-selection'
import { Stepper } from '../../components/stepper'
import { mediaUrl } from '../../services/media'
import './cart-panel.css'

export interface CartPanelProps {
  cart: CartView
  onToggle: (item: CartItemView, selected: boolean) => void
  onToggleAll: (selected: boolean) => void
  onQuantity: (item: CartItemView, quantity: number) => void
  onRemove: (item: CartItemView) => void
  onClearUnavailable: (items: CartItemView[]) => void
  onOpenProduct: (item: CartItemView) => void
  onCheckout: () => void
  /** Lifts the bottom bar above the H5 tab bar. */
  barClassName?: string
}

/**
 * The cart's list and its 结算 bar. Everything shown comes from the server's CartView:
 * the total is `selectedTotal`, never added up here.
 */
export function CartPanel(props: CartPanelProps) {
  const { cart, onToggleAll, onCheckout, onClearUnavailable, barClassName = '' } = props
  const available = cart.items.filter((i) => i.available)
  const unavailable = cart.items.filter((i) => !i.available)
  const allSelected = available.length > 0 && available.every((i) => i.selected)

  return (
    <View className='cart-panel'>
      {available.length > 0 ? (
        <View className='cart-panel__group'>
          {available.map((item) => (
            <CartItemRow key={item.id} item={item} {...props} />
          ))}
        </View>
      ) : null}

      {unavailable.length > 0 ? (
        <View className='cart-panel__group cart-panel__group--unavailable'>
          <View className='cart-panel__group-head'>
            <Text>失效商品 {unavailable.length} 件</Text>
            <Text id='cart-clear-unavailable' className='cart-panel__clear' onClick={() => onClearUnavailable(unavailable)}>
              清空失效商品
            </Text>
          </View>
          {unavailable.map((item) => (
            <CartItemRow key={item.id} item={item} {...props} />
          ))}
        </View>
      ) : null}

      <View className={`bottom-bar cart-bar ${barClassName}`}>
        <View id='cart-select-all' className='cart-bar__all' onClick={() => available.length > 0 && onToggleAll(!allSelected)}>
          <CheckCircle checked={allSelected} disabled={available.length === 0} onChange={onToggleAll} />
          <Text className='cart-bar__all-text'>全选</Text>
        </View>
        <View className='cart-bar__total'>
          <Text className='cart-bar__total-label'>合计：</Text>
          <Price fen={cart.selectedTotal} className='cart-total' />
        </View>
        <ActionButton id='cart-checkout' className='cart-bar__checkout' disabled={cart.selectedCount === 0} onClick={onCheckout}>
          结算{cart.selectedCount > 0 ? `(${cart.selectedCount})` : ''}
        </ActionButton>
      </View>
    </View>
  )
}

function CartItemRow({ item, onToggle, onQuantity, onRemove, onOpenProduct }: { item: CartItemView } & CartPanelProps) {
  const maxQuantity = Math.max(1, Math.min(item.stock, MAX_LINE_QUANTITY))
  return (
    <View
      className={`cart-item ${item.available ? '' : 'cart-item--unavailable'}`}
      data-item-id={item.id}
      data-sku-id={item.skuId}
    >
      <CheckCircle
        checked={item.available && item.selected}
        disabled={!item.available}
        onChange={(selected) => onToggle(item, selected)}
        className='cart-item__check'
      />
      <View className='cart-item__cover-wrap' onClick={() => onOpenProduct(item)}>
        <Image className='cart-item__cover' src={mediaUrl(item.cover)} mode='aspectFill' />
        {!item.available ? <Text className='cart-item__cover-tag'>失效</Text> : null}
      </View>
      <View className='cart-item__body'>
        <Text className='cart-item__title' onClick={() => onOpenProduct(item)}>
          {item.title}
        </Text>
        <Text className='cart-item__specs'>{formatSpecs(item.specs)}</Text>
        {!item.available ? <Text className='cart-item__reason'>{item.unavailableReason ?? '暂不可购买'}</Text> : null}
        <View className='cart-item__bottom'>
          <Price fen={item.price} size='sm' />
          {item.available ? (
            <Stepper value={item.quantity} max={maxQuantity} onChange={(q) => onQuantity(item, q)} className='cart-item__stepper' />
          ) : (
            <Text className='cart-item__quantity'>×{item.quantity}</Text>
          )}
        </View>
      </View>
      <Text className='cart-item__remove' onClick={() => onRemove(item)}>
        删除
      </Text>
    </View>
  )
}
