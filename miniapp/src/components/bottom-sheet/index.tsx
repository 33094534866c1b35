import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.css'

export interface BottomSheetProps {
  visible: boolean
  onClose: () => void
  children: ReactNode
  className?: string
}

/** A panel that slides up from the bottom over a dimmed page. */
export function BottomSheet({ visible, onClose, children, className = '' }: BottomSheetProps) {
  if (!visible) return null
  return (
    <View className={`bottom-sheet ${className}`} catchMove>
      <View className='bottom-sheet__mask' onClick={onClose} />
      <View className='bottom-sheet__panel'>
        <View className='bottom-sheet__close' onClick={onClose}>×</View>
        {children}
      </View>
    </View>
  )
}
