import { Text, View } from '@tarojs/components'
import './index.css'

export interface StepperProps {
  value: number
  min?: number
  max: number
  disabled?: boolean
  onChange: (value: number) => void
  className?: string
}

/** − n + with both ends clamped. */
export function Stepper({ value, min = 1, max, disabled = false, onChange, className = '' }: StepperProps) {
  const canDecrease = !disabled && value > min
  const canIncrease = !disabled && value < max
  return (
    <View className={`stepper ${disabled ? 'stepper--disabled' : ''} ${className}`}>
      <View
        className={`stepper__btn stepper-minus ${canDecrease ? '' : 'is-disabled'}`}
        onClick={(e) => {
          e.stopPropagation()
          if (canDecrease) onChange(value - 1)
        }}
      >
        <Text>−</Text>
      </View>
      <Text className='stepper__value stepper-value'>{value}</Text>
      <View
        className={`stepper__btn stepper-plus ${canIncrease ? '' : 'is-disabled'}`}
        onClick={(e) => {
          e.stopPropagation()
          if (canIncrease) onChange(value + 1)
        }}
      >
        <Text>+</Text>
      </View>
    </View>
  )
}
