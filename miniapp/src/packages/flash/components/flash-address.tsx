import { Image, Text, View } from '@tarojs/components'
import type { AddressView } from '@linli/shared'
import { formatAddress, maskPhone } from '../../../services/address'
import pinIcon from '../../../assets/icons/pin.png'
import './flash-address.css'

/** The delivery address of a flash order, tappable to choose another or add one. */
export function FlashAddress({ address, onClick }: { address: AddressView | null; onClick: () => void }) {
  return (
    <View id='flash-address' className='flash-address' onClick={onClick}>
      <View className='flash-address__pin'>
        <Image className='flash-address__pin-icon' src={pinIcon} />
      </View>
      {address ? (
        <View className='flash-address__body'>
          <View className='flash-address__person'>
            <Text className='flash-address__name'>{address.name}</Text>
            <Text className='flash-address__phone'>{maskPhone(address.phone)}</Text>
            {address.isDefault ? <Text className='flash-address__default'>默认</Text> : null}
          </View>
          <Text className='flash-address__detail'>{formatAddress(address)}</Text>
        </View>
      ) : (
        <View className='flash-address__body'>
          <Text className='flash-address__empty'>添加收货地址</Text>
          <Text className='flash-address__hint'>秒杀商品需先填写收货地址</Text>
        </View>
      )}
      <Text className='flash-address__arrow'>›</Text>
    </View>
  )
}
