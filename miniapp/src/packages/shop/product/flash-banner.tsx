import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { FlashItemView, FlashSlotView } from '@linli/shared'
import { Countdown } from '../../../components/countdown'
import { OriginalPrice, Price } from '../../../components/price'
import { flashPageUrl } from '../../../services/flash-sale'
import './flash-banner.css'

/** A product live in a flash sale: 秒杀价, the struck normal price, the countdown to the slot's end, and the way into the sale. */
export function FlashBanner({ slot, item, onEnd }: { slot: FlashSlotView; item: FlashItemView; onEnd: () => void }) {
  const sold = item.stockTotal > 0 ? Math.round(((item.stockTotal - item.left) * 100) / item.stockTotal) : 0
  return (
    <View className='flash-banner' id='product-flash' onClick={() => void Taro.navigateTo({ url: flashPageUrl(slot.id) })}>
      <View className='flash-banner__left'>
        <Text className='flash-banner__tag'>秒杀价</Text>
        <Price fen={item.flashPrice} size='lg' className='flash-banner__price' />
        <OriginalPrice fen={item.originalPrice} price={item.flashPrice} className='flash-banner__original' />
      </View>
      <View className='flash-banner__right'>
        <Text className='flash-banner__title'>限时秒杀 · 已抢{sold}%</Text>
        <View className='flash-banner__clock'>
          <Text className='flash-banner__clock-label'>距结束</Text>
          <Countdown deadline={slot.endsAt} format='clock' className='flash-banner__countdown' onEnd={onEnd} />
        </View>
        <Text className='flash-banner__go' id='product-flash-go'>
          {item.left > 0 ? '去抢购 ›' : '已抢光 ›'}
        </Text>
      </View>
    </View>
  )
}
