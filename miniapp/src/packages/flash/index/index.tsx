import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { flashSlotState, type FlashItemView, type FlashSlotView } from '@linli/shared'
import { EmptyState } from '../../../components/empty-state'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes } from '../../../routes'
import {
  FLASH_STATE_CAPTION, addFlashReminder, currentSlot, slotStripLeft, flashConfirmUrl, getFlashReminders, idParam, listFlashSlots, removeFlashReminder, slotDay, slotDeadline, slotHour,
} from '../../../services/flash-sale'
import { ensureLogin } from '../../../services/auth'
import { IS_H5 } from '../../../services/request'
import { isLoggedIn } from '../../../services/session'
import { FlashClock } from '../components/flash-clock'
import { FlashItemCard } from '../components/flash-item-card'
import './index.css'

/** Wait a moment past a boundary before asking the server, so its clock has crossed it too. */
const BOUNDARY_GRACE_MS = 400

export default function FlashSalePage() {
  const router = useRouter()
  const [slots, setSlots] = useState<FlashSlotView[] | null>(null)
  const [reminders, setReminders] = useState<Set<number>>(new Set())
  const [failed, setFailed] = useState(false)
  const [selectedId, setSelectedId] = useState<number | null>(() => idParam(router.params.slot))
  // The shopper's own choice of tab survives reloads; otherwise the current slot is shown.
  const picked = useRef(idParam(router.params.slot) !== null)
  // Bumped at each slot boundary so the states are computed again.
  const [, setEpoch] = useState(0)

  const load = async () => {
    try {
      const list = [...(await listFlashSlots({ toast: false }))].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
      setSlots(list)
      setFailed(false)
      setSelectedId((id) => (picked.current && list.some((s) => s.id === id) ? id : (currentSlot(list)?.id ?? null)))
    } catch {
      setFailed(true)
    }
  }

  // On open, and on coming back from a purchase (the stock and the shopper's count changed).
  useDidShow(() => {
    void load()
    if (isLoggedIn()) void getFlashReminders({ toast: false }).then((v) => setReminders(new Set(v.itemIds)), () => undefined)
  })

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  // At the next start or end of any slot: flip the captions and buttons at once, then refetch.
  useEffect(() => {
    if (!slots) return
    const now = Date.now()
    const next = slots
      .flatMap((s) => [Date.parse(s.startsAt), Date.parse(s.endsAt)])
      .filter((t) => t > now)
      .sort((a, b) => a - b)[0]
    if (next === undefined) return
    const timer = setTimeout(() => {
      setEpoch((e) => e + 1)
      void load()
    }, Math.min(next - now + BOUNDARY_GRACE_MS, 2 ** 31 - 1))
    return () => clearTimeout(timer)
    // `load` only uses refs and state setters, so it need not be a dependency.
  }, [slots])

  const selected = slots?.find((s) => s.id === selectedId) ?? null
  // The tab strip scrolls the chosen slot into the middle once it is on screen (and whenever the choice changes).
  const [stripLeft, setStripLeft] = useState(0)
  const selectedIndex = slots && selected ? slots.indexOf(selected) : -1
  useEffect(() => {
    if (selectedIndex < 0) return
    const timer = setTimeout(() => setStripLeft(slotStripLeft(selectedIndex, Taro.getSystemInfoSync().windowWidth)), 60)
    return () => clearTimeout(timer)
  }, [selectedIndex])
  const selectedState = selected ? flashSlotState(selected) : null
  const deadline = selected ? slotDeadline(selected) : null

  const choose = (slot: FlashSlotView) => {
    picked.current = true
    setSelectedId(slot.id)
  }

  const buy = (item: FlashItemView) => void Taro.navigateTo({ url: flashConfirmUrl(item.id) })

  /** 提醒我: consent to the template in WeChat (weapp), then the server sends one message at the slot's start. */
  const remind = async (item: FlashItemView) => {
    if (!(await ensureLogin())) return
    try {
      if (reminders.has(item.id)) {
        await removeFlashReminder(item.id)
        setReminders((r) => new Set([...r].filter((id) => id !== item.id)))
        void Taro.showToast({ title: '已取消提醒', icon: 'none' })
        return
      }
      const { templateId } = await getFlashReminders({ toast: false })
      if (!templateId) {
        void Taro.showToast({ title: '暂未开通开抢提醒', icon: 'none' })
        return
      }
      if (!IS_H5) {
        const answer = (await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] } as never)) as Record<string, string>
        if (answer[templateId] !== 'accept') {
          void Taro.showToast({ title: '允许通知后才能在开抢时提醒你', icon: 'none' })
          return
        }
      }
      const view = await addFlashReminder(item.id)
      setReminders(new Set(view.itemIds))
      void Taro.showToast({ title: '开抢时会通过微信提醒你', icon: 'none' })
    } catch {
      // The request wrapper has shown the reason (or the shopper closed WeChat's consent sheet).
    }
  }

  if (slots === null) {
    return (
      <View className='page-root flash'>
        <View className='flash__head flash__head--loading' />
        {failed ? (
          <EmptyState kind='error' title='秒杀场次加载失败' actionText='重新加载' onAction={() => void load()} />
        ) : (
          <ListSkeleton rows={3} />
        )}
      </View>
    )
  }

  if (slots.length === 0) {
    return (
      <View className='page-root flash'>
        <EmptyState title='暂无秒杀场次' description='下一场秒杀即将上线，敬请期待' actionText='去逛逛' onAction={() => void Taro.switchTab({ url: Routes.home })} />
      </View>
    )
  }

  return (
    <View className='page-root flash'>
      <View className='flash__head'>
        <View className='flash__brand'>
          <Text className='flash__brand-title'>限时秒杀</Text>
          <Text className='flash__brand-note'>每日好货 · 限量低价 · 抢完即止</Text>
        </View>
        <ScrollView className='flash__slots' scrollX scrollWithAnimation enhanced showScrollbar={false} scrollLeft={stripLeft}>
          <View className='flash__slots-row'>
            {slots.map((slot) => {
              const state = flashSlotState(slot)
              const active = slot.id === selectedId
              const day = slotDay(slot.startsAt)
              return (
                <View
                  key={slot.id}
                  id={`flash-slot-${slot.id}`}
                  className={`flash-slot flash-slot--${state} ${active ? 'flash-slot--active' : ''}`}
                  data-slot-id={slot.id}
                  onClick={() => choose(slot)}
                >
                  <View className='flash-slot__when'>
                    {day ? <Text className='flash-slot__day'>{day}</Text> : null}
                    <Text className='flash-slot__time'>{slotHour(slot.startsAt)}</Text>
                  </View>
                  <Text className='flash-slot__caption'>{FLASH_STATE_CAPTION[state]}</Text>
                </View>
              )
            })}
          </View>
        </ScrollView>
      </View>

      {selected && selectedState ? (
        <View className={`flash__bar flash__bar--${selectedState}`} id='flash-countdown'>
          <Text className='flash__bar-text'>
            {selectedState === 'live' ? '抢购中，先抢先得' : selectedState === 'upcoming' ? '即将开抢，敬请期待' : '本场已结束'}
          </Text>
          {deadline ? (
            <View className='flash__bar-clock'>
              <Text className='flash__bar-label'>{selectedState === 'live' ? '距结束' : '距开始'}</Text>
              <FlashClock key={deadline} deadline={deadline} />
            </View>
          ) : (
            <Text className='flash__bar-label'>下次早点来哦</Text>
          )}
        </View>
      ) : null}

      {selected && selected.items.length > 0 ? (
        <View className='flash__items'>
          {selected.items.map((item) => (
            <FlashItemCard
              key={item.id}
              item={item}
              slotState={selectedState ?? selected.state}
              onBuy={buy}
              reminded={reminders.has(item.id)}
              onRemind={(it) => void remind(it)}
            />
          ))}
          <Text className='flash__end-note'>— 好货限量，抢完即止 —</Text>
        </View>
      ) : (
        <EmptyState title='本场暂无商品' description='去看看其他场次吧' />
      )}
    </View>
  )
}
