import { useRef, useState } from 'react'
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { BATCH_STATUS_LABEL, normalizePickupCode } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { ShareSheet } from '../../../components/share-sheet'
import { EmptyState } from '../../../components/empty-state'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes } from '../../../routes'
import { shareImageUrl } from '../../../services/referrals'
import { ApiError } from '../../../services/request'
import { type BatchView, type MyStoreRole, type StaffMember, type VerifiedPickup, type WaitingOrder, confirmArrival, createStaffInvite, leaderBatches, listStaff, myStoreRole, overdueNotice, removeStaff, subscribeOverdueNotice, type OverdueNotice, searchWaiting, verifyPickup, waitingOrders } from '../../../services/community'
import './index.css'

type VerifyResult = { ok: true; pickup: VerifiedPickup } | { ok: false; message: string }

/** 团长工作台: verify pickups (scan or type), today's batches with arrival and shortages, orders waiting, staff invites. */
export default function LeaderPage() {
  const [role, setRole] = useState<MyStoreRole | null>(null)
  const [batches, setBatches] = useState<BatchView[]>([])
  const [waiting, setWaiting] = useState<WaitingOrder[]>([])
  const [code, setCode] = useState('')
  const [verifying, setVerifying] = useState(false)
  const [result, setResult] = useState<VerifyResult | null>(null)
  const [short, setShort] = useState<Record<string, number>>({})
  const [invite, setInvite] = useState<string | null>(null)
  const [sharing, setSharing] = useState(false)
  const shared = useRef<{ path: string; code: string } | null>(null)

  // 分享本店: the card opens the shop's home page greeting the visitor with this pickup store.
  useShareAppMessage(() => ({
    title: role?.store ? `${role.store.name}：社区好物，到店自提` : '社区好物，到店自提',
    path: shared.current?.path ?? Routes.home,
    imageUrl: shared.current ? shareImageUrl(shared.current.code, 'card') : undefined,
  }))
  const [staff, setStaff] = useState<StaffMember[]>([])
  const [tail, setTail] = useState('')
  const [overdue, setOverdue] = useState<OverdueNotice | null>(null)

  const load = async () => {
    try {
      const me = await myStoreRole()
      setRole(me)
      if (!me.role) return
      setWaiting(await waitingOrders())
      if (me.role === 'leader') {
        setBatches(await leaderBatches())
        setStaff(await listStaff())
        setOverdue(await overdueNotice().catch(() => null))
      }
    } catch {
      // The wrapper showed why.
    }
  }

  useDidShow(() => {
    void load()
  })

  const verify = async (raw: string) => {
    const digits = normalizePickupCode(raw)
    if (!digits) {
      setResult({ ok: false, message: '请输入16位取货码' })
      return
    }
    setVerifying(true)
    try {
      const pickup = await verifyPickup(digits)
      setResult({ ok: true, pickup })
      setCode('')
      setWaiting(await waitingOrders())
    } catch (err) {
      setResult({ ok: false, message: err instanceof ApiError ? err.message : '核销失败，请重试' })
    } finally {
      setVerifying(false)
    }
  }

  const scan = async () => {
    try {
      const { result: scanned } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await verify(scanned)
    } catch {
      // Cancelled, or no camera (H5): the code box stays.
    }
  }

  const arrive = async (batch: BatchView) => {
    const shortages = batch.totals.map((t) => ({ skuId: t.skuId, quantity: short[`${batch.id}:${t.skuId}`] ?? 0 })).filter((s) => s.quantity > 0)
    const { confirm } = await Taro.showModal({ title: '确认到货', content: shortages.length ? `有${shortages.reduce((n, s) => n + s.quantity, 0)}件缺货，将自动原路退款` : '全部到齐，通知顾客取货' })
    if (!confirm) return
    try {
      await confirmArrival(batch.id, shortages)
      await load()
    } catch {
      // shown
    }
  }

  const newInvite = async () => {
    try {
      setInvite((await createStaffInvite()).code)
    } catch {
      // shown
    }
  }

  const search = async (digits: string) => {
    if (digits && !/^\d{4,11}$/.test(digits)) {
      void Taro.showToast({ title: '请输入手机号后4位或更多', icon: 'none' })
      return
    }
    try {
      setWaiting(await searchWaiting(digits))
    } catch {
      // shown
    }
  }

  const dropStaff = async (member: StaffMember) => {
    const { confirm } = await Taro.showModal({ title: '移除店员', content: `移除后 ${member.name} 不能再为本店核销` })
    if (!confirm) return
    try {
      await removeStaff(member.userId)
      setStaff(await listStaff())
    } catch {
      // shown
    }
  }

  if (!role) return <ListSkeleton />
  if (!role.role || !role.store) {
    return (
      <EmptyState title='你还不是团长或店员' description='开一家自提点，邻居下单你赚佣金；店员请向团长索取邀请码' className='leader__empty'
        actionText='申请当团长' onAction={() => void Taro.navigateTo({ url: Routes.leaderApply })} />
    )
  }

  return (
    <View className='page-root leader'>
      <View className='leader__store'>
        <Text className='leader__store-name' id='leader-store'>{role.store.name}</Text>
        <Text className='leader__store-meta'>{role.role === 'leader' ? '团长' : '店员'} · {role.store.address}</Text>
        <View className='leader__share' id='leader-share' onClick={() => setSharing(true)}>
          <Text>分享本店</Text>
        </View>
      </View>
      <ShareSheet visible={sharing} onClose={() => setSharing(false)} target='store' targetId={role.store.id} onShare={(s) => (shared.current = { path: s.path, code: s.code })} />

      <View className='leader__card'>
        <Text className='leader__title'>核销取货</Text>
        <ActionButton id='leader-scan' className='leader__scan' onClick={() => void scan()}>扫码核销</ActionButton>
        <View className='leader__code-row'>
          <Input id='leader-code' className='leader__code' type='number' maxlength={16} placeholder='或输入16位取货码' value={code} onInput={(e) => setCode(e.detail.value)} />
          <ActionButton id='leader-verify' kind='outline' size='small' loading={verifying} onClick={() => void verify(code)}>核销</ActionButton>
        </View>
        {result ? (
          result.ok ? (
            <View className='leader__result leader__result--ok' id='leader-result'>
              <Text className='leader__result-title'>核销成功 · {result.pickup.buyer}</Text>
              {result.pickup.lines.map((l, i) => <Text key={i} className='leader__result-line'>{l.title} {l.spec} × {l.quantity}</Text>)}
            </View>
          ) : (
            <View className='leader__result leader__result--fail' id='leader-result'>
              <Text className='leader__result-title'>不能核销</Text>
              <Text className='leader__result-line'>{result.message}</Text>
            </View>
          )
        ) : null}
      </View>

      {role.role === 'leader' ? (
        <View className='leader__card'>
          <Text className='leader__title'>到货确认</Text>
          {batches.length === 0 ? <Text className='leader__muted'>暂无配货单</Text> : null}
          {batches.map((b) => (
            <View key={b.id} className='leader__batch' id={`leader-batch-${b.id}`}>
              <View className='leader__batch-head'>
                <Text className='leader__batch-title'>{b.campaignTitle} · 自提日 {b.pickupDate}</Text>
                <Text className={`leader__badge leader__badge--${b.status}`}>{BATCH_STATUS_LABEL[b.status]}</Text>
              </View>
              {b.totals.map((t) => (
                <View key={t.skuId} className='leader__sku'>
                  <Text className='leader__sku-name'>{t.title} {t.spec} × {t.quantity}</Text>
                  {b.status === 'shipping' ? (
                    <View className='leader__short'>
                      <Text className='leader__muted'>缺</Text>
                      <Input className='leader__short-input' type='number' value={String(short[`${b.id}:${t.skuId}`] ?? 0)}
                        onInput={(e) => setShort({ ...short, [`${b.id}:${t.skuId}`]: Math.max(0, Math.min(t.quantity, Number(e.detail.value) || 0)) })} />
                    </View>
                  ) : null}
                </View>
              ))}
              {b.status === 'arrived' && b.shortages?.length ? <Text className='leader__muted'>缺货已自动退款：{b.shortages.map((s) => `${b.totals.find((t) => t.skuId === s.skuId)?.title ?? s.skuId} × ${s.quantity}`).join('，')}</Text> : null}
              {b.status === 'shipping' ? <ActionButton id={`leader-arrive-${b.id}`} size='small' className='leader__arrive' onClick={() => void arrive(b)}>确认到货</ActionButton> : null}
              {b.status === 'pending' ? <Text className='leader__muted'>仓库备货中，{b.orderCount} 单</Text> : null}
            </View>
          ))}
        </View>
      ) : null}

      <View className='leader__card'>
        <Text className='leader__title'>待自提（{waiting.length}）</Text>
        <View className='leader__code-row leader__search'>
          <Input id='leader-phone-tail' className='leader__code' type='number' maxlength={11} placeholder='顾客手机号后4位' value={tail} onInput={(e) => setTail(e.detail.value)} onConfirm={() => void search(tail)} />
          <ActionButton id='leader-search' kind='outline' size='small' onClick={() => void search(tail)}>查找</ActionButton>
        </View>
        {role.role === 'leader' && overdue?.templateId && process.env.TARO_ENV === 'weapp' ? (
          <View className='leader__waiting' id='leader-overdue-notice'>
            <Text className='leader__muted'>{`超过${overdue.overdueDays}天未取时微信通知我${overdue.credits ? `（还可通知${overdue.credits}次）` : ''}`}</Text>
            <ActionButton kind='outline' size='small' onClick={() => void subscribeOverdueNotice(overdue.templateId).then((n) => n && setOverdue(n), () => undefined)}>订阅</ActionButton>
          </View>
        ) : null}
        {waiting.length === 0 ? <Text className='leader__muted'>{tail ? '没有找到该手机号的待取订单' : '没有待取的订单'}</Text> : null}
        {waiting.map((w) => (
          <View key={w.orderId} className='leader__waiting'>
            <Text>{w.buyer}{w.phone ? ` ${w.phone}` : ''} · {w.quantity} 件</Text>
            <Text className={w.overdue ? 'leader__overdue' : 'leader__muted'}>{w.overdue ? '超时未取' : `单号尾号 ${w.orderNo.slice(-4)}`}</Text>
          </View>
        ))}
      </View>

      {role.role === 'leader' ? (
        <View className='leader__card'>
          <Text className='leader__title'>店员与佣金</Text>
          <View className='leader__menu' onClick={() => void Taro.navigateTo({ url: Routes.leaderReport })} id='leader-report'>
            <Text>销售战报</Text>
            <Text className='leader__muted'>今日订单与热卖 ›</Text>
          </View>
          <View className='leader__menu' onClick={() => void newInvite()} id='leader-invite'>
            <Text>邀请店员</Text>
            <Text className='leader__muted'>{invite ? `邀请码 ${invite}（24小时内有效，仅限一次）` : '生成一次性邀请码 ›'}</Text>
          </View>
          {staff.map((m) => (
            <View key={m.userId} className='leader__waiting' id={`leader-staff-${m.userId}`}>
              <Text>店员 {m.name}</Text>
              <Text className='leader__overdue' onClick={() => void dropStaff(m)}>移除</Text>
            </View>
          ))}
          <View className='leader__menu' onClick={() => void Taro.navigateTo({ url: Routes.distributor })}>
            <Text>我的佣金</Text>
            <Text className='leader__muted'>›</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}
