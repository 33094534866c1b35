import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { GROUP_STATUS_LABEL, ORDER_STATUS_LABEL, type GroupView } from '@linli/shared'
import { Countdown } from '../../../components/countdown'
import { GroupSeats } from '../../../components/group-seats'
import { peopleNeeded } from '../../../components/group-seats/group-display'
import { Price } from '../../../components/price'
import { groupPageUrl } from '../../../services/group-buy'
import { mediaUrl } from '../../../services/media'
import './group-card.css'

/** One group in 我的拼团: the product, the state, who is in, and my order's state. Taps through to the group page. */
export function GroupCard({ group, onExpired }: { group: GroupView; onExpired?: () => void }) {
  const open = () => void Taro.navigateTo({ url: groupPageUrl(group.id) })
  const need = peopleNeeded(group)
  return (
    <View className='group-card' data-group-id={group.id} data-status={group.status} onClick={open}>
      <View className='group-card__head'>
        <Text className='group-card__role'>{group.mine?.role === 'leader' ? '我开的团' : '我参的团'}</Text>
        <View className='group-card__status-wrap'>
          {group.virtual ? <Text className='group-card__virtual'>模拟成团</Text> : null}
          <Text className={`group-card__status group-status--${group.status}`}>{GROUP_STATUS_LABEL[group.status]}</Text>
        </View>
      </View>
      <View className='group-card__body'>
        <Image className='group-card__cover' src={mediaUrl(group.cover)} mode='aspectFill' />
        <View className='group-card__info'>
          <Text className='group-card__title'>{group.productTitle}</Text>
          <View className='group-card__meta'>
            <Text className='group-card__size'>{group.size}人团</Text>
            <Text className='group-card__members'>{group.status === 'failed' ? '未成团，已自动退款' : `已拼 ${group.members.length}/${group.size} 人`}</Text>
          </View>
          <View className='group-card__price-row'>
            <Text className='group-card__price-label'>拼团价</Text>
            <Price fen={group.unitPrice} size='sm' />
          </View>
        </View>
      </View>
      <View className='group-card__foot'>
        <GroupSeats group={group} size='sm' max={6} className='group-card__seats' />
        {group.status === 'open' && group.expiresAt ? (
          <View className='group-card__clock'>
            <Text className='group-card__clock-label'>还差{need}人 · 剩余</Text>
            <Countdown deadline={group.expiresAt} format='clock' className='group-card__countdown' onEnd={onExpired} />
          </View>
        ) : group.mine ? (
          <Text className='group-card__order'>我的订单：{ORDER_STATUS_LABEL[group.mine.orderStatus]}</Text>
        ) : null}
      </View>
    </View>
  )
}
