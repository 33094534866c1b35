import Taro from '@tarojs/taro'
import { Image, ScrollView, Text, View } from '@tarojs/components'
import type { GroupBuyPickView } from '@linli/shared'
import { OriginalPrice, Price } from '../../components/price'
import { Routes, withQuery } from '../../routes'
import { mediaUrl } from '../../services/media'
import './group-strip.css'

/** 拼团 on the home page: open campaigns with 「N人团」, the group price and the struck single price; a tap opens the product. */
export function GroupStrip({ picks }: { picks: GroupBuyPickView[] }) {
  return (
    <View id='home-group' className='home-group'>
      <View className='home-group__head'>
        <Text className='home-group__title'>一起拼</Text>
        <Text className='home-group__sub'>邻居一起拼，人满就发货</Text>
      </View>
      <ScrollView className='home-group__scroll' scrollX enhanced showScrollbar={false}>
        <View className='home-group__row'>
          {picks.map((pick) => (
            <View
              key={pick.campaignId}
              className='home-group__item'
              data-product-id={pick.productId}
              onClick={() => void Taro.navigateTo({ url: withQuery(Routes.product, { id: pick.productId }) })}
            >
              <View className='home-group__cover-wrap'>
                <Image className='home-group__cover' src={mediaUrl(pick.cover)} mode='aspectFill' lazyLoad />
                <Text className='home-group__size'>{pick.groupSize}人团</Text>
              </View>
              <Text className='home-group__name ellipsis'>{pick.title}</Text>
              <View className='home-group__prices'>
                <Price fen={pick.groupPrice} size='sm' />
                <OriginalPrice fen={pick.price} price={pick.groupPrice} className='home-group__original' />
              </View>
            </View>
          ))}
        </View>
      </ScrollView>
    </View>
  )
}
