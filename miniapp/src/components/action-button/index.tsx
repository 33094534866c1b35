import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.css'

export interface ActionButtonProps {
  id?: string
  kind?: 'primary' | 'secondary' | 'plain' | 'outline'
  size?: 'normal' | 'small'
  disabled?: boolean
  loading?: boolean
  onClick?: () => void
  className?: string
  children: ReactNode
}

/**
 * Our buttons are Views: Taro's H5 Button keeps a `disabled="false"` attribute and
 * weui margins that fight custom styles, and these need no open-type.
 */
export function ActionButton({ id, kind = 'primary', size = 'normal', disabled = false, loading = false, onClick, className = '', children }: ActionButtonProps) {
  const inactive = disabled || loading
  return (
    <View
      id={id}
      className={`action-btn action-btn--${kind} action-btn--${size} ${disabled ? 'is-disabled' : ''} ${loading ? 'is-loading' : ''} ${className}`}
      aria-disabled={inactive}
      role='button'
      onClick={(e) => {
        e.stopPropagation()
        if (!inactive) onClick?.()
      }}
    >
      {loading ? <View className='action-btn__spinner' /> : null}
      {children}
    </View>
  )
}
