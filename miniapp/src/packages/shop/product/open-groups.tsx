import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { GroupView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { Countdown } from '../../../components/countdown'
import { MemberAvatar } from '../../../components/group-seats'
import { peopleNeeded } from '../../../components/group-seats/group-display'
import './open-groups.css'

const COLLAPSED = 2

export interface OpenGroupsProps {
  groups: GroupView[]
  onOpen: (group: GroupView) => void
  /** A group's time ran out while shown: ask the server again. */
  onExpired: () => void
}

/** 「N人在拼单，可直接参与」: open groups, nearest to full first, each with its leader, who is still needed and the clock. */
export function OpenGroups({ groups, onOpen, onExpired }: OpenGroupsProps) {
  const [expanded, setExpanded] = useState(false)
  if (groups.length === 0) return null
  const people = groups.reduce((sum, g) => sum + g.members.length, 0)
  const shown = expanded ? groups : groups.slice(0, COLLAPSED)

  return (
    <View className='open-groups' id='open-groups'>
      <View className='open-groups__head'>
        <Text className='open-groups__title'>{people}人在拼单，可直接参与</Text>
        {groups.length > COLLAPSED ? (
          <Text className='open-groups__more' onClick={() => setExpanded((v) => !v)}>
            {expanded ? '收起' : `查看全部${groups.length}个团 ›`}
          </Text>
        ) : null}
      </View>
      {shown.map((group) => {
        const leader = group.members.find((m) => m.isLeader) ?? group.members[0]
        return (
          <View key={group.id} className='open-group' data-group-id={group.id} onClick={() => onOpen(group)}>
            {leader ? <MemberAvatar member={leader} className='open-group__avatar' /> : null}
            <Text className='open-group__name ellipsis'>{leader?.nickname ?? '邻里用户'}</Text>
            <View className='open-group__status'>
              <Text className='open-group__need'>
                还差<Text className='open-group__need-count'>{peopleNeeded(group)}人</Text>拼成
              </Text>
              {group.expiresAt ? (
                <View className='open-group__clock'>
                  <Text className='open-group__clock-label'>剩余</Text>
                  <Countdown deadline={group.expiresAt} format='clock' className='open-group__countdown' onEnd={onExpired} />
                </View>
              ) : null}
            </View>
            <ActionButton size='small' className='open-group__join' onClick={() => onOpen(group)}>
              {group.mine ? '查看' : '去参团'}
            </ActionButton>
          </View>
        )
      })}
    </View>
  )
}
