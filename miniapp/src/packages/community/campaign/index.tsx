import { useRef, useState } from 'react'
import Taro, { useDidShow, useLoad, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { OrderPreviewView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { BottomSheet } from '../../../components/bottom-sheet'
import { CouponPicker, CouponRow } from '../../../components/coupon-picker'
import { EmptyState } from '../../../components/empty-state'
import { ShareSheet } from '../../../components/share-sheet'
import { Price } from '../../../components/price'
import { ListSkeleton } from '../../../components/skeleton'
import { Stepper } from '../../../components/stepper'
import { StoreCard } from '../../../components/store-card'
import { Routes, withQuery } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { type CampaignView, type StoreView, arrivalTemplate, askArrivalConsent, buyCampaign, getStore, listCampaigns, previewCampaignOrder, recordArrivalConsent, rememberStore, rememberedStore } from '../../../services/community'
import { mediaUrl } from '../../../services/media'
import { newRequestKey } from '../../../services/order'
import { payOrder } from '../../../services/payment'
import { arriveWithShare, queryOf, resolveShare, shareCodeFrom, shareImageUrl } from '../../../services/referrals'
import './index.css'

function chinaTimeText(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

/** 2026-12-02 → 12月2日. */
function pickupDayText(date: string): string {
  const [, m, d] = date.split('-').map(Number)
  return `${m}月${d}日`
}

/** 社区团购: the campaigns selling at the shopper's store; buy for pickup there (no freight, no address), then pay. */
export default function CampaignPage() {
  const [store, setStore] = useState<StoreView | null>(null)
  const [campaigns, setCampaigns] = useState<CampaignView[] | null>(null)
  const [quantities, setQuantities] = useState<Record<string, number>>({})
  const [buying, setBuying] = useState<string | null>(null)
  const [templateId, setTemplateId] = useState<string | null>(null)
  const keys = useRef<Record<string, string>>({})
  /** A campaign that allows coupons confirms in a sheet first: the price with the coupon the shopper picks. */
  const [confirming, setConfirming] = useState<{ c: CampaignView; item: CampaignView['items'][number]; preview: OrderPreviewView } | null>(null)
  const [pickingCoupon, setPickingCoupon] = useState(false)

  const router = useRouter()
  /** The campaign a share opened (it goes first, marked), once the code is resolved. */
  const [focus, setFocus] = useState<number | null>(null)
  const arriving = useRef(true)
  const [sharing, setSharing] = useState<CampaignView | null>(null)
  const shared = useRef<{ path: string; code: string; title: string } | null>(null)
  const moments = useRef<{ code: string; query: string } | null>(null)

  const load = () => {
    const chosen = rememberedStore()
    setStore(chosen)
    if (!chosen) {
      setCampaigns([])
      return
    }
    void listCampaigns(chosen.id).then((list) => setCampaigns(list.filter((c) => c.phase === 'selling')), () => setCampaigns([]))
    void arrivalTemplate().then((t) => setTemplateId(t.templateId), () => undefined)
  }

  // A shared campaign (`id`, and the code `s` or a mini program code's `scene`): the server says which campaign and
  // which store; a visitor without a pickup store takes that store (they can change it in the picker).
  useLoad(() => {
    const code = shareCodeFrom(router.params)
    arriveWithShare(code)
    const id = Number(router.params.id)
    if (Number.isSafeInteger(id) && id > 0) setFocus(id)
    if (!code) {
      // useDidShow, which follows, loads.
      arriving.current = false
      return
    }
    void (async () => {
      try {
        const r = await resolveShare(code)
        if (r.target !== 'campaign') return
        setFocus(r.targetId)
        if (!rememberedStore() && r.storeId) {
          const s = await getStore(r.storeId)
          if (s.state === 'open') rememberStore(s)
        }
      } catch {
        // A forged or stale code: the page lists the visitor's campaigns as usual.
      } finally {
        arriving.current = false
        load()
      }
    })()
  })

  useDidShow(() => {
    // The first show waits for the share to resolve; later ones (back from the store picker) reload.
    if (!arriving.current) load()
  })

  // 分享团购: the card carries the server's code for the campaign chosen in the sheet; the menu shares the page.
  useShareAppMessage(() => ({
    title: shared.current?.title ?? '社区团购 · 邻里一起买，到店自提',
    path: shared.current?.path ?? Routes.communityCampaigns,
    imageUrl: shared.current ? shareImageUrl(shared.current.code, 'card') : undefined,
  }))
  useShareTimeline(() => ({
    title: shared.current?.title ?? '社区团购 · 邻里一起买，到店自提',
    query: moments.current?.query ?? '',
    imageUrl: moments.current ? shareImageUrl(moments.current.code, 'card') : undefined,
  }))

  const buy = async (c: CampaignView, item: CampaignView['items'][number], couponId?: number) => {
    if (!store || buying) return
    const key = `${c.id}:${item.skuId}`
    // Consent for 到店提醒 inside the tap, before anything awaits the network.
    const consented = await askArrivalConsent(templateId)
    if (!(await ensureLogin())) return
    setBuying(key)
    keys.current[key] ??= newRequestKey()
    try {
      const order = await buyCampaign({ campaignId: c.id, skuId: item.skuId, quantity: quantities[key] ?? 1, storeId: store.id, requestKey: keys.current[key], couponId })
      delete keys.current[key]
      setConfirming(null)
      await recordArrivalConsent(order.id, consented)
      const outcome = await payOrder(order.id)
      if (outcome === 'failed' || outcome === 'unsupported') void Taro.navigateTo({ url: withQuery(Routes.orderDetail, { id: order.id }) })
    } catch {
      // The toast says why (sold out, limit, cut-off).
    } finally {
      setBuying(null)
    }
  }

  /** The confirm sheet's price; `couponId` undefined lets the server pick the best coupon, null is none. */
  const confirm = async (c: CampaignView, item: CampaignView['items'][number], couponId?: number | null) => {
    if (!store || buying) return
    if (!(await ensureLogin())) return
    const key = `${c.id}:${item.skuId}`
    setBuying(key)
    try {
      const preview = await previewCampaignOrder({ campaignId: c.id, skuId: item.skuId, quantity: quantities[key] ?? 1, storeId: store.id, couponId })
      setConfirming({ c, item, preview })
    } catch {
      // The toast says why.
    } finally {
      setBuying(null)
    }
  }

  const pickStore = () => void Taro.navigateTo({ url: Routes.storePicker })

  if (campaigns === null) return <ListSkeleton rows={3} />
  if (!store) {
    return <EmptyState kind='box' title='先选择自提点' description={focus ? '好友分享的团购在自提点取货，选好自提点就能看到' : '社区团购的商品次日送到你选的自提点'} actionText='选择自提点' onAction={pickStore} />
  }
  // The shared campaign first; when it is not selling at this store, a line says so.
  const focused = focus ? campaigns.find((c) => c.id === focus) : undefined
  const ordered = focused ? [focused, ...campaigns.filter((c) => c !== focused)] : campaigns

  return (
    <View className='page-root campaign'>
      <StoreCard id='campaign-store' store={store} action='切换' onAction={pickStore} />
      {focus && !focused ? <Text className='campaign__gone' id='campaign-shared-gone'>好友分享的团购已截单或不在本店，看看本店其他团购吧</Text> : null}
      {campaigns.length === 0 ? <EmptyState kind='box' title='本店暂无进行中的团购' description='明天再来看看吧' /> : null}
      {ordered.map((c) => (
        <View key={c.id} className={c === focused ? 'campaign__group campaign__group--shared' : 'campaign__group'}>
          <View className='campaign__head' id={`campaign-${c.id}`}>
            {c === focused ? <Text className='campaign__shared' id='campaign-shared'>好友分享</Text> : null}
            <View className='campaign__head-row'>
              <Text className='campaign__title'>{c.title}</Text>
              <View className='campaign__share' id={`campaign-share-${c.id}`} onClick={() => setSharing(c)}>
                <Text>分享</Text>
              </View>
            </View>
            <Text className='campaign__meta'>{chinaTimeText(c.cutoffAt)} 截单 · {pickupDayText(c.pickupDate)} 到店自提 · 免运费{c.couponsAllowed ? ' · 可用券' : ''}</Text>
          </View>
          {c.items.map((item) => {
            const key = `${c.id}:${item.skuId}`
            const max = Math.max(1, Math.min(item.left, item.perUserLimit))
            return (
              <View key={item.itemId} className='campaign__item' id={`campaign-item-${item.skuId}`}>
                <Image className='campaign__cover' src={mediaUrl(item.cover)} mode='aspectFill' />
                <View className='campaign__body'>
                  <View>
                    <Text className='campaign__item-title'>{item.title}</Text>
                    {item.spec ? <Text className='campaign__spec'>{item.spec}</Text> : null}
                  </View>
                  <View className='campaign__row'>
                    <View className='campaign__row'>
                      <Price fen={item.price} />
                      {item.originalPrice > item.price ? <Text className='campaign__was'>¥{(item.originalPrice / 100).toFixed(2)}</Text> : null}
                    </View>
                    <Text className='campaign__left'>{item.left > 0 ? `仅剩${item.left}件 · 限购${item.perUserLimit}` : '已抢光'}</Text>
                  </View>
                  <View className='campaign__buy'>
                    <Stepper value={quantities[key] ?? 1} max={max} disabled={item.left <= 0} onChange={(n) => setQuantities({ ...quantities, [key]: n })} />
                    <ActionButton id={`campaign-buy-${item.skuId}`} size='small' disabled={item.left <= 0} loading={buying === key && !confirming} onClick={() => void (c.couponsAllowed ? confirm(c, item) : buy(c, item))}>立即抢购</ActionButton>
                  </View>
                </View>
              </View>
            )
          })}
        </View>
      ))}

      {sharing ? (
        <ShareSheet
          visible
          onClose={() => setSharing(null)}
          target='campaign'
          targetId={sharing.id}
          storeId={store.id}
          onShare={(sh) => (shared.current = { path: sh.path, code: sh.code, title: `${sharing.title} · 社区团购，到店自提` })}
          onMomentsShare={(sh) => (moments.current = { code: sh.code, query: queryOf(sh.path) ?? '' })}
        />
      ) : null}

      {confirming ? (
        <BottomSheet visible={!pickingCoupon} onClose={() => setConfirming(null)} className='campaign-confirm'>
          <View className='campaign-confirm__body' id='campaign-confirm'>
            <Text className='campaign-confirm__title'>确认订单</Text>
            <Text className='campaign-confirm__line'>{confirming.item.title} × {confirming.preview.lines[0]?.quantity ?? 1}</Text>
            <Text className='campaign-confirm__note'>{pickupDayText(confirming.c.pickupDate)} 到「{store.name}」自提 · 免运费</Text>
            {confirming.preview.coupons ? (
              <View className='campaign-confirm__coupon'>
                <CouponRow coupons={confirming.preview.coupons} discount={confirming.preview.discount} onOpen={() => setPickingCoupon(true)} />
              </View>
            ) : null}
            <View className='campaign-confirm__total'>
              <Text>实付款：</Text>
              <Price fen={confirming.preview.total} size='lg' className='campaign-confirm-total' />
            </View>
            <ActionButton id='campaign-confirm-submit' loading={buying !== null} onClick={() => void buy(confirming.c, confirming.item, confirming.preview.coupons?.selectedId ?? undefined)}>提交订单</ActionButton>
          </View>
        </BottomSheet>
      ) : null}
      {confirming?.preview.coupons ? (
        <CouponPicker
          visible={pickingCoupon}
          coupons={confirming.preview.coupons}
          onClose={() => setPickingCoupon(false)}
          onChoose={(id) => {
            setPickingCoupon(false)
            void confirm(confirming.c, confirming.item, id)
          }}
        />
      ) : null}
    </View>
  )
}
