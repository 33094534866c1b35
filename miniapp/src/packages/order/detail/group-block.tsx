import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { GroupView, OrderStatus } from '@linli/shared'
import { GroupSeats } from '../../../components/group-seats'
import { groupHeadline } from '../../../components/group-seats/group-display'
import { getGroup, groupPageUrl } from '../../../services/group-buy'
import './group-block.css'

/** A group order's 拼团 block: the group's state and members, tapping through to the group page. */
export function GroupBlock({ groupId, orderStatus }: { groupId: number; orderStatus: OrderStatus }) {
  const [group, setGroup] = useState<GroupView | null>(null)

  // Again whenever the order moves on (paid → grouping → paid or refunding).
  useEffect(() => {
    let alive = true
    getGroup(groupId, { toast: false })
      .then((g) => alive && setGroup(g))
      .catch(() => undefined)
    return () => {
      alive = false
    }
  }, [groupId, orderStatus])

  const headline = group ? groupHeadline(group) : null
  return (
    <View className='card group-block' id='order-group' onClick={() => void Taro.navigateTo({ url: groupPageUrl(groupId) })}>
      <View className='group-block__head'>
        <Text className='group-block__title'>拼团信息</Text>
        {headline ? (
          <Text className={`group-block__status group-block__status--${headline.tone}`}>
            {headline.title}
            {headline.virtual ? '（模拟成团）' : ''}
          </Text>
        ) : null}
        <Text className='group-block__link'>查看拼团 ›</Text>
      </View>
      {group ? (
        <View className='group-block__body'>
          <GroupSeats group={group} size='sm' max={8} />
          <Text className='group-block__note'>{headline?.note}</Text>
        </View>
      ) : null}
    </View>
  )
}
