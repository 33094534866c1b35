import { Image, Text, View } from '@tarojs/components'
import type { AddressView } from '@linli/shared'
import { formatAddress, maskPhone } from '../../../services/address'
import pinIcon from '../../../assets/icons/pin.png'
import './address-card.css'

type AddressLike = Pick<AddressView, 'name' | 'phone' | 'province' | 'city' | 'district' | 'detail'>

/** The delivery address block of checkout and order detail. */
export function AddressCard({ address, onClick, id }: { address: AddressLike | null; onClick?: () => void; id?: string }) {
  return (
    <View id={id} className={`address-card ${onClick ? 'address-card--tappable' : ''}`} onClick={onClick}>
      <View className='address-card__pin'>
        <Image className='address-card__pin-icon' src={pinIcon} />
      </View>
      {address ? (
        <View className='address-card__body'>
          <View className='address-card__person'>
            <Text className='address-card__name'>{address.name}</Text>
            <Text className='address-card__phone'>{maskPhone(address.phone)}</Text>
          </View>
          <Text className='address-card__detail'>{formatAddress(address)}</Text>
        </View>
      ) : (
        <View className='address-card__body'>
          <Text className='address-card__empty'>添加收货地址</Text>
        </View>
      )}
      {onClick ? <Text className='address-card__arrow'>›</Text> : null}
      <View className='address-card__stripe' />
    </View>
  )
}
