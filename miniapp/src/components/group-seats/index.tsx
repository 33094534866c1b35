import { Image, Text, View } from '@tarojs/components'
import type { GroupMemberView, GroupView } from '@linli/shared'
import { mediaUrl } from '../../services/media'
import { seatSlots } from './group-display'
import './index.css'

export interface GroupSeatsProps {
  group: Pick<GroupView, 'status' | 'size' | 'members' | 'seatsLeft' | 'virtual'>
  size?: 'md' | 'sm'
  /** How many slots fit in the row. */
  max?: number
  /** Names under the avatars (the group page); empty seats read 待加入. */
  showNames?: boolean
  className?: string
}

/** The members of a group in a row, the leader marked 「团长」, and a dashed seat for everyone still needed. */
export function GroupSeats({ group, size = 'md', max = 10, showNames = false, className = '' }: GroupSeatsProps) {
  return (
    <View className={`group-seats group-seats--${size} ${showNames ? 'group-seats--named' : ''} ${className}`}>
      {seatSlots(group, max).map((slot, i) => {
        if (slot.kind === 'member') return <MemberSeat key={`m${i}`} member={slot.member} showName={showNames} />
        if (slot.kind === 'more') {
          return (
            <View key='more' className='group-seat group-seat--more'>
              <Text className='group-seat__more'>+{slot.count}</Text>
            </View>
          )
        }
        return (
          <View key={`e${i}`} className={`group-seat group-seat--empty ${slot.muted ? 'group-seat--muted' : ''}`}>
            <Text className='group-seat__question'>?</Text>
            {showNames ? <Text className='group-seat__name group-seat__name--empty'>{slot.muted ? '' : '待加入'}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}

export function MemberAvatar({ member, className = '' }: { member: Pick<GroupMemberView, 'avatar' | 'nickname'>; className?: string }) {
  return member.avatar ? (
    <Image className={`member-avatar ${className}`} src={mediaUrl(member.avatar)} mode='aspectFill' />
  ) : (
    <View className={`member-avatar member-avatar--text ${className}`}>
      <Text>{member.nickname.slice(0, 1)}</Text>
    </View>
  )
}

function MemberSeat({ member, showName }: { member: GroupMemberView; showName: boolean }) {
  return (
    <View className={`group-seat group-seat--member ${member.isLeader ? 'group-seat--leader' : ''}`} data-nickname={member.nickname}>
      <MemberAvatar member={member} className='group-seat__avatar' />
      {member.isLeader ? <Text className='group-seat__leader'>团长</Text> : null}
      {showName ? <Text className='group-seat__name ellipsis'>{member.nickname}</Text> : null}
    </View>
  )
}
