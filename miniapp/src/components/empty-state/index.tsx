import { Image, Text, View } from '@tarojs/components'
import { ActionButton } from '../action-button'
import emptyAddress from '../../assets/icons/empty-address.png'
import emptyBox from '../../assets/icons/empty-box.png'
import emptyCart from '../../assets/icons/empty-cart.png'
import emptyError from '../../assets/icons/empty-error.png'
import emptyOrder from '../../assets/icons/empty-order.png'
import emptySearch from '../../assets/icons/empty-search.png'
import './index.css'

export interface EmptyStateProps {
  title: string
  description?: string
  actionText?: string
  onAction?: () => void
  /** Picture above the title. */
  kind?: 'box' | 'cart' | 'order' | 'search' | 'address' | 'error'
  className?: string
}

const PICTURE: Record<NonNullable<EmptyStateProps['kind']>, string> = {
  box: emptyBox,
  cart: emptyCart,
  order: emptyOrder,
  search: emptySearch,
  address: emptyAddress,
  error: emptyError,
}

/** Nothing here yet, with a way forward. */
export function EmptyState({ title, description, actionText, onAction, kind = 'box', className = '' }: EmptyStateProps) {
  return (
    <View className={`empty-state ${className}`}>
      <Image className={`empty-state__picture empty-state__picture--${kind}`} src={PICTURE[kind]} />
      <Text className='empty-state__title'>{title}</Text>
      {description ? <Text className='empty-state__description'>{description}</Text> : null}
      {actionText && onAction ? (
        <ActionButton kind='outline' className='empty-state__action' onClick={onAction}>
          {actionText}
        </ActionButton>
      ) : null}
    </View>
  )
}
