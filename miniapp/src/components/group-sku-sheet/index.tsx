import { useCallback, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatYuan, type GroupBuyCampaignView, type SpecDimension } from '@linli/shared'
import { SkuPicker } from '../sku-picker'
import { baseGroupPrice, groupDimensions, groupSkus, sizeOptions, tierDiscountOf } from './group-pricing'
import './index.css'

export interface GroupChoice {
  skuId: number
  quantity: number
  /** The size chosen when opening a group. */
  groupSize: number
}

export interface GroupSkuSheetProps {
  visible: boolean
  campaign: GroupBuyCampaignView
  product: { title: string; cover: string }
  /** Joining a group of this size; absent when opening one (the leader may choose a size). */
  joinSize?: number
  /** The product's dimensions, to order the chips as the product page does. */
  dimensions?: SpecDimension[]
  onClose: () => void
  onConfirm: (choice: GroupChoice) => void
}

/** The SKU sheet in group mode: only the campaign's SKUs at group prices, the size for a leader, 团长优惠, the per-shopper limit. */
export function GroupSkuSheet({ visible, campaign, product, joinSize, dimensions, onClose, onConfirm }: GroupSkuSheetProps) {
  const isLeader = joinSize === undefined
  const [size, setSize] = useState(joinSize ?? campaign.groupSize)
  const tierDiscount = tierDiscountOf(campaign, size)
  const skus = useMemo(() => groupSkus(campaign, tierDiscount, isLeader), [campaign, tierDiscount, isLeader])
  const dims = useMemo(() => groupDimensions(campaign.skus, dimensions), [campaign.skus, dimensions])
  const [skuId, setSkuId] = useState<number | null>(null)
  const onSkuChange = useCallback((id: number | null) => setSkuId(id), [])
  // Size chips show the chosen SKU's price (the cheapest before a choice).
  const chosenGroupPrice = campaign.skus.find((s) => s.skuId === skuId)?.groupPrice ?? baseGroupPrice(campaign)
  const sizes = isLeader ? sizeOptions(campaign, chosenGroupPrice, true) : []
  const leaderDiscount = isLeader && campaign.leaderDiscount > 0

  const extra =
    sizes.length > 1 || leaderDiscount ? (
      <View className='group-sheet'>
        {sizes.length > 1 ? (
          <View className='group-sheet__sizes'>
            <Text className='sku-picker__dimension-name'>拼团人数</Text>
            <View className='sku-picker__chips'>
              {sizes.map((option) => (
                <View
                  key={option.size}
                  className={`sku-chip group-size-chip ${option.size === size ? 'sku-chip--active' : ''}`}
                  data-size={option.size}
                  onClick={() => setSize(option.size)}
                >
                  {option.label} ¥{formatYuan(option.unitPrice)}
                </View>
              ))}
            </View>
            <Text className='group-sheet__hint'>人数越多越便宜，人满即成团</Text>
          </View>
        ) : null}
        {leaderDiscount ? (
          <View className='group-sheet__leader' id='group-leader-discount'>
            <Text className='group-sheet__leader-tag'>团长优惠</Text>
            <Text className='group-sheet__leader-text'>开团每件再减¥{formatYuan(campaign.leaderDiscount)}，已计入价格</Text>
          </View>
        ) : null}
      </View>
    ) : null

  return (
    <SkuPicker
      visible={visible}
      mode='group'
      product={{ title: product.title, cover: product.cover, price: skus.length ? Math.min(...skus.map((s) => s.price)) : 0, specDimensions: dims, skus }}
      priceTag={isLeader ? `${size}人团 · 拼团价` : `${size}人团 · 参团价`}
      extra={extra}
      limit={{ max: campaign.perUserLimit, note: `每人限购${campaign.perUserLimit}件` }}
      onClose={onClose}
      onSkuChange={onSkuChange}
      onConfirm={(choice) => onConfirm({ ...choice, groupSize: size })}
    />
  )
}
