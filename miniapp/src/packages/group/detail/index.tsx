import { useRef, useState } from 'react'
import Taro, { useDidShow, useLoad, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import { ErrorCode, type Fen, type GroupBuyCampaignView, type GroupView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { Countdown } from '../../../components/countdown'
import { EmptyState } from '../../../components/empty-state'
import { GroupSeats } from '../../../components/group-seats'
import { groupHeadline, groupShareTitle } from '../../../components/group-seats/group-display'
import { GroupSkuSheet, type GroupChoice } from '../../../components/group-sku-sheet'
import { groupPageLabels } from '../../../components/group-sku-sheet/price-labels'
import { Price } from '../../../components/price'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes, withQuery } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { arriveWithShare, createShare, shareCodeFrom, shareImageUrl } from '../../../services/referrals'
import { getGroup, getProductGroupBuy, groupCheckoutUrl, groupPageUrl } from '../../../services/group-buy'
import { mediaUrl } from '../../../services/media'
import { STORE } from '../../../store-info'
import { getOrder } from '../../../services/order'
import { ApiError, IS_H5 } from '../../../services/request'
import { isLoggedIn } from '../../../services/session'
import { groupAction } from './join-state'
import { inviteHeadline, shareLink } from './invite'
import './index.css'

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed'

const STEPS = ['开团/参团', '邀请好友', '人满成团', '未成团退款']

/** The group page: where a share lands. Who is in, who is still needed, the clock, and 参与拼团 or 邀请好友参团. */
export default function GroupPage() {
  const router = useRouter()
  const groupId = Number(router.params.id)
  const [group, setGroup] = useState<GroupView | null>(null)
  const [campaign, setCampaign] = useState<GroupBuyCampaignView | null>(null)
  const [state, setState] = useState<LoadState>('loading')
  const [sheet, setSheet] = useState(false)
  /** A member's own unit price, from their order (their size and role). */
  const [myUnitPrice, setMyUnitPrice] = useState<Fen | null>(null)
  /** What happened to the H5 invite: shown under the button, never over it. */
  const [inviteNote, setInviteNote] = useState<{ copied: boolean; link: string } | null>(null)
  /** 参与拼团 was tapped logged out (H5): open the sheet once back from login, if the group still takes this shopper. */
  const joinAfterLogin = useRef(false)

  const load = async (): Promise<{ group: GroupView; campaign: GroupBuyCampaignView | null } | null> => {
    if (!Number.isInteger(groupId) || groupId <= 0) {
      setState('not-found')
      return null
    }
    try {
      const latest = await getGroup(groupId, { toast: false })
      const offer = await getProductGroupBuy(latest.productId, { toast: false }).catch(() => null)
      const current = offer?.campaign && offer.campaign.id === latest.campaignId ? offer.campaign : null
      const myOrder = latest.mine ? await getOrder(latest.mine.orderId, { toast: false }).catch(() => null) : null
      setMyUnitPrice(myOrder?.lines[0]?.unitPrice ?? null)
      setGroup(latest)
      setCampaign(current)
      setState('ready')
      return { group: latest, campaign: current }
    } catch (err) {
      const notFound = err instanceof ApiError && (err.code === ErrorCode.GroupNotFound || err.status === 404)
      setState(notFound ? 'not-found' : 'failed')
      return null
    }
  }

  useLoad(() => {
    // Opened through a friend's share: the visit is reported, and the code kept for binding at login.
    arriveWithShare(shareCodeFrom(router.params))
  })

  // On open, and back from login, checkout or the order: members join and groups close meanwhile.
  useDidShow(() => {
    void (async () => {
      const loaded = await load()
      if (joinAfterLogin.current && isLoggedIn()) {
        joinAfterLogin.current = false
        if (loaded && groupAction(loaded.group, loaded.campaign).kind === 'join') setSheet(true)
      }
    })()
  })

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  // The invitation carries a server-issued share code when the shopper is logged in (WeChat waits for `promise`).
  useShareAppMessage(() => {
    const card = { title: group ? groupShareTitle(group) : `${STORE.name}拼团，一起拼更便宜`, path: groupPageUrl(groupId), imageUrl: group ? mediaUrl(group.cover) : undefined }
    if (!isLoggedIn()) return card
    return { ...card, promise: createShare('group', groupId, 'chat').then((s) => ({ ...card, path: s.path, imageUrl: shareImageUrl(s.code, 'card') })).catch(() => card) }
  })

  const join = async () => {
    if (!isLoggedIn()) {
      joinAfterLogin.current = true
      if (!(await ensureLogin())) return // H5: the login page opens and brings the shopper back here
      joinAfterLogin.current = false
      // weapp logged in silently: the group now knows who is looking (own group, already in it…).
      const loaded = await load()
      if (!loaded || groupAction(loaded.group, loaded.campaign).kind !== 'join') return
    }
    setSheet(true)
  }

  const confirmJoin = (choice: GroupChoice) => {
    if (!group || !campaign) return
    setSheet(false)
    void Taro.navigateTo({ url: groupCheckoutUrl({ campaignId: campaign.id, skuId: choice.skuId, quantity: choice.quantity, groupId: group.id }) })
  }

  const invite = () => {
    // weapp: the button's open-type shares the page. H5 has no share sheet: copy the link instead.
    if (!IS_H5) return
    const link = shareLink(window.location.href)
    // The note under the button says what happened; if the browser refuses the clipboard it shows the link to copy by hand.
    // The browser's clipboard directly: Taro's setClipboardData pops a toast in the middle of the screen, over the button.
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined
    const copying = clipboard ? clipboard.writeText(link) : Promise.reject(new Error('no clipboard'))
    void copying.then(
      () => setInviteNote({ copied: true, link }),
      () => setInviteNote({ copied: false, link }),
    )
  }

  const openProduct = () => group && void Taro.navigateTo({ url: withQuery(Routes.product, { id: group.productId }) })
  const openMyOrder = () => group?.mine && void Taro.navigateTo({ url: withQuery(Routes.orderDetail, { id: group.mine.orderId }) })

  if (state !== 'ready' || !group) {
    return (
      <View className='page-root'>
        {state === 'loading' ? <ListSkeleton rows={2} /> : null}
        {state === 'not-found' || state === 'failed' ? (
          <EmptyState
            kind={state === 'failed' ? 'error' : 'box'}
            title={state === 'failed' ? '加载失败' : '拼团不存在或已结束'}
            actionText={state === 'failed' ? '重新加载' : '去首页逛逛'}
            onAction={() => (state === 'failed' ? void load() : void Taro.switchTab({ url: Routes.home }))}
          />
        ) : null}
      </View>
    )
  }

  const headline = groupHeadline(group)
  const action = groupAction(group, campaign)
  const prices = groupPageLabels(group, campaign, myUnitPrice)
  const invitation = inviteHeadline(group)

  return (
    <View className='page-root group-page'>
      <View className={`group-page__banner group-page__banner--${headline.tone}`}>
        <View className='group-page__status-row'>
          <Text id='group-status' className='group-page__status'>
            {invitation ?? headline.title}
          </Text>
          {headline.virtual ? <Text className='group-page__virtual'>模拟成团</Text> : null}
        </View>
        <Text id='group-note' className='group-page__note'>
          {headline.note}
        </Text>
        {group.status === 'open' ? <Text className='group-page__note group-page__note--sub'>邀请好友参团，人满即成团发货</Text> : null}
      </View>

      <View className='card group-page__product' onClick={openProduct}>
        <Image className='group-page__cover' src={mediaUrl(group.cover)} mode='aspectFill' />
        <View className='group-page__product-body'>
          <Text className='group-page__title'>{group.productTitle}</Text>
          <View className='group-page__tags'>
            <Text className='group-page__size'>{group.size}人团</Text>
            <Text className='group-page__tag-text'>拼团包邮 · 未成团自动退款</Text>
          </View>
          <View className='group-page__prices'>
            <Text className='group-page__price-label' id='group-price-tag'>
              {prices.priceTag}
            </Text>
            <Price fen={prices.price} size='md' className='group-page__price' />
            {prices.singlePrice ? <Text className='group-page__single'>{prices.singlePrice}</Text> : null}
          </View>
        </View>
      </View>

      <View className='card group-page__seats-card'>
        {group.status === 'open' && group.expiresAt ? (
          <View className='group-page__clock' id='group-countdown'>
            <Text className='group-page__clock-label'>剩余</Text>
            <Countdown
              deadline={group.expiresAt}
              format='clock'
              className='group-page__countdown'
              // The server closes the group at its deadline: give the sweep a moment, then ask.
              onEnd={() => setTimeout(() => void load(), 2000)}
            />
            <Text className='group-page__clock-label'>结束</Text>
          </View>
        ) : null}

        <GroupSeats group={group} showNames className='group-page__seats' />

        <View className='group-page__actions'>
          {action.kind === 'invite' ? (
            <Button id='group-invite' className='group-page__invite' openType='share' onClick={invite}>
              邀请好友参团
            </Button>
          ) : null}
          {action.kind === 'invite' && inviteNote ? (
            <View id='group-invite-note' className={`group-page__invite-note ${inviteNote.copied ? '' : 'group-page__invite-note--manual'}`}>
              <Text>{inviteNote.copied ? '链接已复制，发给好友一起拼' : '浏览器未允许复制，请长按下面的链接复制'}</Text>
              {inviteNote.copied ? null : (
                <Text className='group-page__invite-link' userSelect>
                  {inviteNote.link}
                </Text>
              )}
            </View>
          ) : null}
          {action.kind === 'join' ? (
            <ActionButton id='group-join' className='group-page__main' onClick={() => void join()}>
              {prices.joinButton}
            </ActionButton>
          ) : null}
          {action.kind === 'blocked' ? (
            <>
              <Text id='group-blocked' className='group-page__blocked'>
                {action.reason}
              </Text>
              <ActionButton kind='plain' className='group-page__main' disabled>
                参与拼团
              </ActionButton>
            </>
          ) : null}
          {action.kind === 'pay' ? (
            <ActionButton id='group-pay' className='group-page__main' onClick={openMyOrder}>
              去支付，开团成功
            </ActionButton>
          ) : null}
          {action.kind === 'closed' || action.kind === 'blocked' ? (
            <ActionButton id='group-open-new' kind={action.kind === 'closed' ? 'primary' : 'outline'} className='group-page__main' onClick={openProduct}>
              我也开一个团
            </ActionButton>
          ) : null}
          {group.mine ? (
            <ActionButton id='group-my-order' kind='plain' className='group-page__main' onClick={openMyOrder}>
              查看我的订单
            </ActionButton>
          ) : null}
        </View>
      </View>

      <View className='card group-page__rules'>
        <Text className='group-page__rules-title'>拼团玩法</Text>
        <View className='group-page__steps'>
          {STEPS.map((step, i) => (
            <View key={step} className='group-page__step'>
              <Text className='group-page__step-no'>{i + 1}</Text>
              <Text className='group-page__step-text'>{step}</Text>
            </View>
          ))}
        </View>
      </View>

      {campaign && action.kind === 'join' ? (
        <GroupSkuSheet
          visible={sheet}
          campaign={campaign}
          product={{ title: group.productTitle, cover: group.cover }}
          joinSize={group.size}
          onClose={() => setSheet(false)}
          onConfirm={confirmJoin}
        />
      ) : null}
    </View>
  )
}
