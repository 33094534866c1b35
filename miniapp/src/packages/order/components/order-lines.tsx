import { Image, Text, View } from '@tarojs/components'
import type { OrderLineView } from '@linli/shared'
import { Price } from '../../../components/price'
import { formatSpecs } from '../../../components/sku-picker/sku-selection'
import { mediaUrl } from '../../../services/media'
import './order-lines.css'

/** Order or preview lines: cover, title, specs, unit price × quantity. */
export function OrderLines({ lines, problems = {} }: { lines: OrderLineView[]; problems?: Record<number, string> }) {
  return (
    <View className='order-lines'>
      {lines.map((line) => (
        <View key={line.skuId} className={`order-line ${problems[line.skuId] ? 'order-line--problem' : ''}`} data-sku-id={line.skuId}>
          <Image className='order-line__cover' src={mediaUrl(line.cover)} mode='aspectFill' />
          <View className='order-line__body'>
            <Text className='order-line__title'>{line.title}</Text>
            <Text className='order-line__specs'>{formatSpecs(line.specs)}</Text>
            {problems[line.skuId] ? <Text className='order-line__problem'>{problems[line.skuId]}</Text> : null}
          </View>
          <View className='order-line__right'>
            <Price fen={line.unitPrice} size='sm' className='order-line__price' />
            <Text className='order-line__quantity'>×{line.quantity}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
