import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { flashSlotState, type FlashSlotView } from '@linli/shared'
import { Countdown } from '../../components/countdown'
import { OriginalPrice, Price } from '../../components/price'
import { flashPageUrl, slotDeadline, slotTime } from '../../services/flash-sale'
import { mediaUrl } from '../../services/media'
import './flash-strip.css'

const STRIP_ITEMS = 4

/** 限时秒杀 on the home page: the current slot's time, a small countdown and its first items; a tap opens the flash page. */
export function FlashStrip({ slot, onBoundary }: { slot: FlashSlotView; onBoundary: () => void }) {
  const state = flashSlotState(slot)
  const deadline = slotDeadline(slot)
  const open = () => void Taro.navigateTo({ url: flashPageUrl(slot.id) })
  return (
    <View id='home-flash' className='home-flash' onClick={open}>
      <View className='home-flash__head'>
        <Text className='home-flash__title'>限时秒杀</Text>
        <Text className='home-flash__slot'>{slotTime(slot.startsAt)}场</Text>
        {deadline ? (
          <View className='home-flash__clock'>
            <Text className='home-flash__clock-label'>{state === 'live' ? '距结束' : '距开始'}</Text>
            <Countdown key={deadline} deadline={deadline} format='clock' className='home-flash__countdown' onEnd={onBoundary} />
          </View>
        ) : null}
        <Text className='home-flash__more'>更多 ›</Text>
      </View>
      <View className='home-flash__items'>
        {slot.items.slice(0, STRIP_ITEMS).map((item) => (
          <View key={item.id} className='home-flash__item' data-item-id={item.id}>
            <Image className='home-flash__cover' src={mediaUrl(item.cover)} mode='aspectFill' lazyLoad />
            <Price fen={item.flashPrice} size='sm' className='home-flash__price' />
            <OriginalPrice fen={item.originalPrice} price={item.flashPrice} className='home-flash__original' />
          </View>
        ))}
      </View>
    </View>
  )
}
