import { Button, Text, View } from '@tarojs/components'
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

const GLYPH: Record<NonNullable<EmptyStateProps['kind']>, string> = {
  box: '∅',
  cart: '¥',
  order: '≡',
  search: '?',
  address: '⌂',
  error: '!',
}

/** Nothing here yet, with a way forward. */
export function EmptyState({ title, description, actionText, onAction, kind = 'box', className = '' }: EmptyStateProps) {
  return (
    <View className={`empty-state ${className}`}>
      <View className={`empty-state__picture empty-state__picture--${kind}`}>
        <Text className='empty-state__glyph'>{GLYPH[kind]}</Text>
      </View>
      <Text className='empty-state__title'>{title}</Text>
      {description ? <Text className='empty-state__description'>{description}</Text> : null}
      {actionText && onAction ? (
        <Button className='empty-state__action' onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  )
}
