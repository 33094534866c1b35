import { Text, View } from '@tarojs/components'
import { STORE_STATE_LABEL, formatDistance } from '@linli/shared'
import { type StoreView, openStoreMap } from '../../services/community'
import './index.css'

interface Props {
  store: StoreView
  id?: string
  /** A line under the store, e.g. the pickup date. */
  note?: string
  /** Shown on the right: 切换 for a picker. */
  action?: string
  onAction?: () => void
  selected?: boolean
  onClick?: () => void
}

/** A pickup store: name, distance, address, hours, and a map link (openLocation). */
export function StoreCard({ store, id, note, action, onAction, selected, onClick }: Props) {
  return (
    <View id={id} className={`store-card${selected ? ' store-card--selected' : ''}`} onClick={onClick}>
      <View className='store-card__head'>
        <Text className='store-card__name'>{store.name}</Text>
        {store.state !== 'open' ? <Text className='store-card__state'>{STORE_STATE_LABEL[store.state]}</Text> : null}
        {store.distance !== null ? <Text className='store-card__distance'>{formatDistance(store.distance)}</Text> : null}
        {action ? (
          <Text className='store-card__action' onClick={(e) => { e.stopPropagation(); onAction?.() }}>{action}</Text>
        ) : null}
      </View>
      <Text className='store-card__line'>{store.address}</Text>
      <View className='store-card__foot'>
        <Text className='store-card__line'>营业 {store.hours}</Text>
        <Text className='store-card__map' onClick={(e) => { e.stopPropagation(); openStoreMap(store) }}>查看地图</Text>
      </View>
      {note ? <Text className='store-card__note'>{note}</Text> : null}
    </View>
  )
}
