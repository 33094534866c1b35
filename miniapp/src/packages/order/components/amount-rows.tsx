import { Text, View } from '@tarojs/components'
import { formatYuan, type Fen } from '@linli/shared'
import { Price } from '../../../components/price'
import './amount-rows.css'

export interface Amounts {
  subtotal: Fen
  freight: Fen
  discount: Fen
  total: Fen
}

/** 商品金额 / 运费 / 优惠 / 实付, all as the server computed them. */
export function AmountRows({ amounts, totalLabel = '实付款' }: { amounts: Amounts; totalLabel?: string }) {
  return (
    <View className='amount-rows'>
      <View className='amount-row'>
        <Text className='amount-row__label'>商品金额</Text>
        <Text className='amount-row__value amount-subtotal'>¥{formatYuan(amounts.subtotal)}</Text>
      </View>
      <View className='amount-row'>
        <Text className='amount-row__label'>运费</Text>
        <Text className='amount-row__value amount-freight'>{amounts.freight === 0 ? '免运费' : `+¥${formatYuan(amounts.freight)}`}</Text>
      </View>
      <View className='amount-row'>
        <Text className='amount-row__label'>优惠</Text>
        <Text className='amount-row__value amount-row__value--discount amount-discount'>-¥{formatYuan(amounts.discount)}</Text>
      </View>
      <View className='amount-row amount-row--total'>
        <Text className='amount-row__label'>{totalLabel}</Text>
        <Price fen={amounts.total} className='amount-total' />
      </View>
    </View>
  )
}
