import { Text, View } from '@tarojs/components'
import { splitYuan, type Fen } from '@linli/shared'
import './index.css'

export interface PriceProps {
  fen: Fen
  size?: 'sm' | 'md' | 'lg'
  className?: string
}

/** A red price with a small ¥ and small decimals: ¥19.90. */
export function Price({ fen, size = 'md', className = '' }: PriceProps) {
  const { yuan, cents } = splitYuan(fen)
  return (
    <View className={`price price--${size} ${className}`}>
      <Text className='price__symbol'>¥</Text>
      <Text className='price__yuan'>{yuan}</Text>
      <Text className='price__cents'>.{cents}</Text>
    </View>
  )
}

/** A grey, struck-through original price; hidden when it is not above the price. */
export function OriginalPrice({ fen, price, className = '' }: { fen: Fen; price?: Fen; className?: string }) {
  if (price !== undefined && fen <= price) return null
  const { yuan, cents } = splitYuan(fen)
  return <Text className={`original-price ${className}`}>¥{yuan}.{cents}</Text>
}
