import { useRef, useState } from 'react'
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import { formatYuan, type RedPacketView } from '@linli/shared'
import { EmptyState } from '../../../components/empty-state'
import { ShareSheet } from '../../../components/share-sheet'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes, paramValue } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { claimRedPacket, openRedPacket, packetUrl } from '../../../services/coupons'
import { mediaUrl } from '../../../services/media'
import { STORE } from '../../../store-info'
import { createShare, shareImageUrl } from '../../../services/referrals'
import { ApiError, IS_H5 } from '../../../services/request'
import { isLoggedIn } from '../../../services/session'
import { claimSummary, envelopeState, shareTitle, usageNote } from './packet-display'
import './index.css'

/**
 * The red envelope a share card opens. Opening needs a login and nothing else; the claimed amount becomes a coupon.
 * The list of claims marks 手气最佳 once every share of a lucky packet is taken.
 */
export default function RedPacketPage() {
  const router = useRouter()
  const code = paramValue(router.params.code)
  const [packet, setPacket] = useState<RedPacketView | null>(null)
  const [state, setState] = useState<'loading' | 'ready' | 'not-found' | 'failed'>('loading')
  const [opening, setOpening] = useState(false)
  const [justOpened, setJustOpened] = useState(false)

  const load = async () => {
    try {
      setPacket(await openRedPacket(code, { toast: false }))
      setState('ready')
    } catch (err) {
      setState(err instanceof ApiError && (err.status === 404 || err.status === 400) ? 'not-found' : 'failed')
    }
  }

  useDidShow(() => void load())

  const [sharing, setSharing] = useState(false)
  const shared = useRef<{ path: string; code: string } | null>(null)

  // The card carries a server-issued share code and the server's envelope image when the viewer may share it (the
  // sender or a claimer); WeChat waits for `promise`. Sharing grants nothing.
  useShareAppMessage(() => {
    const card = { title: packet ? shareTitle(packet) : `${STORE.name}红包`, path: packetUrl(code) }
    if (!packet || !isLoggedIn() || (!packet.isSender && !packet.myShare)) return card
    const issued = shared.current ? Promise.resolve(shared.current) : createShare('red_packet', packet.id, 'chat')
    return { ...card, promise: issued.then((s) => ({ ...card, path: s.path, imageUrl: shareImageUrl(s.code, 'card') })).catch(() => card) }
  })

  const open = async () => {
    if (opening || !packet) return
    if (!(await ensureLogin())) return
    setOpening(true)
    try {
      // The coin spins while the server pops a share; the envelope then opens.
      const [claimed] = await Promise.all([claimRedPacket(code), new Promise((r) => setTimeout(r, 700))])
      setPacket(claimed)
      setJustOpened(true)
    } catch {
      await load()
    } finally {
      setOpening(false)
    }
  }

  const share = () => {
    if (!IS_H5) return // weapp: the button's open-type shares the page (useShareAppMessage issues the code)
    setSharing(true) // H5: the share sheet with the link and the poster
  }
  const sheet = packet ? (
    <ShareSheet visible={sharing} onClose={() => setSharing(false)} target='red_packet' targetId={packet.id} onShare={(s) => (shared.current = { path: s.path, code: s.code })} />
  ) : null

  if (state !== 'ready' || !packet) {
    return (
      <View className='page-root red-packet-page'>
        {state === 'loading' ? <ListSkeleton rows={2} /> : (
          <EmptyState kind={state === 'failed' ? 'error' : 'box'} title={state === 'failed' ? '红包加载失败' : '红包不存在'} actionText={state === 'failed' ? '重新加载' : '去逛逛'}
            onAction={() => (state === 'failed' ? void load() : void Taro.switchTab({ url: Routes.home }))} />
        )}
      </View>
    )
  }

  const shown = envelopeState(packet, isLoggedIn())
  const avatar = packet.senderAvatar ? <Image className='envelope__avatar envelope__avatar--image' src={mediaUrl(packet.senderAvatar)} /> : <View className='envelope__avatar envelope__avatar--text'><Text>{packet.senderName.slice(0, 1)}</Text></View>

  if (shown !== 'opened') {
    return (
      <View className='page-root red-packet-page red-packet-page--closed'>
        <View className={`envelope ${opening ? 'envelope--opening' : ''}`} id='packet-envelope'>
          {avatar}
          <Text className='envelope__sender'>{packet.senderName}的红包</Text>
          <Text className='envelope__greeting'>{packet.greeting}</Text>
          {shown === 'blocked' ? (
            <Text className='envelope__blocked' id='packet-blocked'>{packet.claimBlockedReason ?? (packet.status === 'expired' ? '红包已过期' : '手慢了，红包派完了')}</Text>
          ) : (
            <View className={`envelope__open ${opening ? 'envelope__open--spinning' : ''}`} id='packet-open' onClick={() => void open()}>
              <Text>開</Text>
            </View>
          )}
          <Text className='envelope__details'>{claimSummary(packet)}</Text>
        </View>
        {packet.isSender ? <SenderBar packet={packet} onShare={share} /> : null}
        {shown === 'blocked' && packet.claims.length ? <ClaimList packet={packet} /> : null}
        <Text className='red-packet-page__note'>{usageNote(packet)}</Text>
        {sheet}
      </View>
    )
  }

  return (
    <View className={`page-root red-packet-page ${justOpened ? 'red-packet-page--just-opened' : ''}`}>
      <View className='opened__head'>
        {avatar}
        <Text className='opened__sender'>{packet.senderName}的红包</Text>
        <Text className='opened__greeting'>{packet.greeting}</Text>
        <View className='opened__amount' id='packet-amount'>
          <Text className='opened__amount-value'>{formatYuan(packet.myShare!.amount)}</Text>
          <Text className='opened__amount-unit'>元</Text>
        </View>
        <Text className='opened__hint'>已存入「我的优惠券」，下单时自动抵扣</Text>
        <View className='opened__actions'>
          <View className='opened__use' id='packet-use' onClick={() => void Taro.switchTab({ url: Routes.home })}><Text>去使用</Text></View>
          <View className='opened__wallet' onClick={() => void Taro.navigateTo({ url: Routes.myCoupons })}><Text>查看优惠券 ›</Text></View>
        </View>
      </View>
      {packet.isSender || packet.status === 'active' ? <SenderBar packet={packet} onShare={share} sender={packet.isSender} /> : null}
      <ClaimList packet={packet} />
      <Text className='red-packet-page__note'>{usageNote(packet)}</Text>
      {sheet}
    </View>
  )
}

function SenderBar({ packet, onShare, sender = true }: { packet: RedPacketView; onShare: () => void; sender?: boolean }) {
  if (packet.status !== 'active') return null
  return (
    <View className='sender-bar'>
      <Button className='sender-bar__share' id='packet-share' openType='share' onClick={onShare}>{sender ? '发给好友' : '分享给更多好友'}</Button>
      <Text className='sender-bar__note'>好友点开即可领取，无需分享或关注</Text>
    </View>
  )
}

export function ClaimList({ packet }: { packet: RedPacketView }) {
  return (
    <View className='claims' id='packet-claims'>
      <Text className='claims__summary'>{claimSummary(packet)}</Text>
      {packet.claims.map((c, i) => (
        <View key={`${c.claimedAt}-${i}`} className={`claims__row ${c.mine ? 'claims__row--mine' : ''}`}>
          {c.avatar ? <Image className='claims__avatar claims__avatar--image' src={mediaUrl(c.avatar)} /> : <View className='claims__avatar claims__avatar--text'><Text>{c.nickname.slice(0, 1)}</Text></View>}
          <View className='claims__who'>
            <Text className='claims__name'>{c.nickname}</Text>
            <Text className='claims__time'>{new Date(c.claimedAt).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false })}</Text>
          </View>
          <View className='claims__right'>
            <Text className='claims__amount'>{formatYuan(c.amount)}元</Text>
            {c.best ? <Text className='claims__best'>手气最佳</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
