import { Image, Text, View } from '@tarojs/components'
import { FLASH_BUTTON_LABEL, flashButtonState, soldPercent, type FlashItemView, type FlashSlotState } from '@linli/shared'
import { OriginalPrice, Price } from '../../../components/price'
import { specsText } from '../../../services/flash-sale'
import { mediaUrl } from '../../../services/media'
import './flash-item-card.css'

export interface FlashItemCardProps {
  item: FlashItemView
  /** The slot's state now (computed on the phone, so it flips at the boundary). */
  slotState: FlashSlotState
  onBuy: (item: FlashItemView) => void
  /** Upcoming items: whether 提醒我 is set, and what tapping it does. */
  reminded?: boolean
  onRemind?: (item: FlashItemView) => void
}

/** One flash item: cover, title, specs, the flash price, the sold bar and the button (立即抢购 / 即将开始 / 已抢光 / 已达上限). */
export function FlashItemCard({ item, slotState, onBuy, reminded = false, onRemind }: FlashItemCardProps) {
  const button = flashButtonState(slotState, item)
  const buyable = button === 'buy'
  const percent = soldPercent(item)
  const specs = specsText(item.specs)
  const buy = () => {
    if (buyable) onBuy(item)
  }
  return (
    <View className={`flash-item ${buyable ? '' : 'flash-item--inactive'}`} data-item-id={item.id} onClick={buy}>
      <View className='flash-item__cover-wrap'>
        <Image className='flash-item__cover' src={mediaUrl(item.cover)} mode='aspectFill' lazyLoad />
        {button === 'sold_out' ? <Text className='flash-item__stamp'>已抢光</Text> : null}
      </View>
      <View className='flash-item__body'>
        <Text className='flash-item__title'>{item.title}</Text>
        <View className='flash-item__meta'>
          {specs ? <Text className='flash-item__specs'>{specs}</Text> : null}
          <Text className='flash-item__limit'>限购{item.perUserLimit}件</Text>
        </View>
        <View className='flash-item__prices'>
          <Text className='flash-item__tag'>秒杀价</Text>
          <Price fen={item.flashPrice} size='lg' className='flash-item__price' />
          <OriginalPrice fen={item.originalPrice} price={item.flashPrice} />
        </View>
        <View className='flash-item__bottom'>
          {slotState === 'upcoming' ? (
            <Text className='flash-item__stock'>限量{item.stockTotal}件</Text>
          ) : (
            <View className='flash-item__progress'>
              <View className='flash-item__bar'>
                <View className='flash-item__bar-fill' style={{ width: `${percent}%` }} />
              </View>
              <Text className='flash-item__sold'>已抢{percent}%</Text>
            </View>
          )}
          {button === 'upcoming' && onRemind ? (
            <View
              className={`flash-item__btn flash-item__btn--remind ${reminded ? 'flash-item__btn--reminded' : ''}`}
              data-state={reminded ? 'reminded' : 'remind'}
              role='button'
              onClick={(e) => {
                e.stopPropagation()
                onRemind(item)
              }}
            >
              <Text>{reminded ? '已设提醒' : '提醒我'}</Text>
            </View>
          ) : (
          <View
            className={`flash-item__btn flash-item__btn--${button}`}
            data-state={button}
            role='button'
            aria-disabled={!buyable}
            onClick={(e) => {
              e.stopPropagation()
              buy()
            }}
          >
            <Text>{FLASH_BUTTON_LABEL[button]}</Text>
          </View>
          )}
        </View>
      </View>
    </View>
  )
}
