import { View } from '@tarojs/components'
import './index.css'

export interface CheckCircleProps {
  checked: boolean
  disabled?: boolean
  onChange?: (checked: boolean) => void
  className?: string
}

/** The round red check used by the cart and the address list. */
export function CheckCircle({ checked, disabled = false, onChange, className = '' }: CheckCircleProps) {
  return (
    <View
      className={`check-circle ${checked ? 'check-circle--checked' : ''} ${disabled ? 'check-circle--disabled' : ''} ${className}`}
      role='checkbox'
      aria-checked={checked}
      aria-disabled={disabled}
      onClick={(e) => {
        e.stopPropagation()
        if (!disabled) onChange?.(!checked)
      }}
    >
      <View className='check-circle__box'>{checked ? <View className='check-circle__tick' /> : null}</View>
    </View>
  )
}
