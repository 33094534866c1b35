import { useState } from 'react'
import Taro, { useLoad } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EmptyState } from '../../../components/empty-state'
import { ListSkeleton } from '../../../components/skeleton'
import { StoreCard } from '../../../components/store-card'
import { Routes } from '../../../routes'
import { type StoreView, rememberStore, rememberedStore, storesNearMe } from '../../../services/community'
import './index.css'

/** 选择自提点: nearest first with the shopper's location, by district when they refuse. The choice is kept on this device. */
export default function StorePickerPage() {
  const [stores, setStores] = useState<StoreView[] | null>(null)
  const [located, setLocated] = useState(false)
  const [failed, setFailed] = useState(false)
  const current = rememberedStore()

  const load = async () => {
    try {
      const found = await storesNearMe()
      setStores(found.stores)
      setLocated(found.located)
      setFailed(false)
    } catch {
      setFailed(true)
      setStores([])
    }
  }

  useLoad(() => {
    void load()
  })

  const choose = (store: StoreView) => {
    if (store.state !== 'open') {
      void Taro.showToast({ title: '该自提点暂停营业，请选择其他自提点', icon: 'none' })
      return
    }
    rememberStore(store)
    // Opened from a share or a link there is nothing to go back to: home shows the choice.
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.switchTab({ url: Routes.home })
  }

  if (stores === null) return <ListSkeleton rows={3} />
  if (stores.length === 0) {
    return <EmptyState kind={failed ? 'error' : 'box'} title={failed ? '加载失败' : '附近暂无自提点'} actionText={failed ? '重新加载' : undefined} onAction={() => void load()} />
  }

  return (
    <View className='page-root stores'>
      <Text className='stores__hint' id='stores-hint'>{located ? '按距离由近到远排列' : '未获取到位置，按区域排列'}</Text>
      {stores.map((s, i) => (
        <View key={s.id}>
          {!located && (i === 0 || stores[i - 1].district !== s.district) ? <Text className='stores__district'>{s.district || '其他'}</Text> : null}
          <StoreCard id={`store-${s.id}`} store={s} selected={current?.id === s.id} onClick={() => choose(s)} />
        </View>
      ))}
    </View>
  )
}
