import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { MAX_LINE_QUANTITY, type ProductDetailView } from '@linli/shared'
import { mediaUrl } from '../../services/media'
import { ActionButton } from '../action-button'
import { BottomSheet } from '../bottom-sheet'
import { OriginalPrice, Price } from '../price'
import { Stepper } from '../stepper'
import { describeSelection, findSku, initialSelection, isValueDisabled, toggleValue, type SpecSelection } from './sku-selection'
import './index.css'

export type SkuPickerMode = 'cart' | 'buy' | 'group'

export interface SkuChoice {
  skuId: number
  quantity: number
}

export interface SkuPickerProps {
  visible: boolean
  product: Pick<ProductDetailView, 'title' | 'cover' | 'price' | 'specDimensions' | 'skus'>
  mode: SkuPickerMode
  /** SKU to start from, e.g. the last choice. */
  initialSkuId?: number
  onClose: () => void
  onConfirm: (choice: SkuChoice) => void
  /** Reports the selection while it changes, for the "已选" row of the page. */
  onSelectionChange?: (summary: string) => void
  /** Reports the SKU the selection points to (null while incomplete). */
  onSkuChange?: (skuId: number | null) => void
  /** A tag before the price, e.g. 「拼团价」; the SKU's original price then shows struck through beside it. */
  priceTag?: string
  /** Shown between the specs and the quantity (the group size chooser). */
  extra?: ReactNode
  /** A cap below stock, e.g. a per-shopper limit, with the note shown beside the stepper. */
  limit?: { max: number; note: string }
  confirmText?: string
}

const CONFIRM_TEXT: Record<SkuPickerMode, string> = { cart: '加入购物车', buy: '立即购买', group: '确定' }

/** The spec picker in a bottom sheet: chips per dimension, price and stock of the SKU, quantity. */
export function SkuPicker({ visible, product, mode, initialSkuId, onClose, onConfirm, onSelectionChange, onSkuChange, priceTag, extra, limit, confirmText: confirmOverride }: SkuPickerProps) {
  const { specDimensions: dimensions, skus } = product
  const [selection, setSelection] = useState<SpecSelection>(() => initialSelection(skus, initialSkuId))
  const [quantity, setQuantity] = useState(1)

  const sku = useMemo(() => findSku(skus, dimensions, selection), [skus, dimensions, selection])
  const cap = Math.min(MAX_LINE_QUANTITY, limit?.max ?? MAX_LINE_QUANTITY)
  const maxQuantity = sku ? Math.min(sku.stock, cap) : cap
  const summary = describeSelection(dimensions, selection)
  const canConfirm = sku !== null && sku.stock > 0

  useEffect(() => {
    setQuantity((q) => Math.max(1, Math.min(q, maxQuantity)))
  }, [maxQuantity])

  useEffect(() => {
    onSelectionChange?.(summary)
  }, [summary, onSelectionChange])

  const skuId = sku?.id ?? null
  useEffect(() => {
    onSkuChange?.(skuId)
  }, [skuId, onSkuChange])

  const confirmText = confirmLabel()

  function confirmLabel(): string {
    if (skus.every((s) => s.stock <= 0)) return '已售罄'
    if (!sku) return dimensions.some((d) => !selection[d.name]) ? summary : '该规格暂不可售'
    return sku.stock > 0 ? confirmOverride ?? CONFIRM_TEXT[mode] : '已售罄'
  }

  return (
    <BottomSheet visible={visible} onClose={onClose} className='sku-picker'>
      <View className='sku-picker__head'>
        <Image className='sku-picker__cover' src={mediaUrl(product.cover)} mode='aspectFill' />
        <View className='sku-picker__info'>
          <View className='sku-picker__prices'>
            {priceTag ? <Text className='sku-picker__price-tag'>{priceTag}</Text> : null}
            <Price fen={sku ? sku.price : product.price} size='lg' className='sku-picker__price' />
            {priceTag && sku ? <OriginalPrice fen={sku.originalPrice} price={sku.price} className='sku-picker__original' /> : null}
          </View>
          <Text className='sku-picker__stock'>{sku ? `库存 ${sku.stock} 件` : ' '}</Text>
          <Text className='sku-picker__chosen'>{sku ? `已选：${summary || '默认'}` : summary}</Text>
        </View>
      </View>

      <View className='sku-picker__body'>
        {dimensions.map((dimension) => (
          <View key={dimension.name} className='sku-picker__dimension'>
            <Text className='sku-picker__dimension-name'>{dimension.name}</Text>
            <View className='sku-picker__chips'>
              {dimension.values.map((value) => {
                const active = selection[dimension.name] === value
                const disabled = !active && isValueDisabled(skus, selection, dimension.name, value)
                return (
                  <View
                    key={value}
                    className={`sku-chip ${active ? 'sku-chip--active' : ''} ${disabled ? 'sku-chip--disabled' : ''}`}
                    data-dimension={dimension.name}
                    data-value={value}
                    aria-disabled={disabled}
                    onClick={() => {
                      if (!disabled) setSelection((s) => toggleValue(s, dimension.name, value))
                    }}
                  >
                    {value}
                  </View>
                )
              })}
            </View>
          </View>
        ))}

        {extra}

        <View className='sku-picker__quantity'>
          <Text className='sku-picker__dimension-name'>数量</Text>
          <View className='sku-picker__quantity-right'>
            {sku && sku.stock > 0 && sku.stock <= 10 ? <Text className='sku-picker__low'>仅剩 {sku.stock} 件</Text> : null}
            {limit && !(sku && sku.stock > 0 && sku.stock <= 10) ? <Text className='sku-picker__limit'>{limit.note}</Text> : null}
            <Stepper value={quantity} max={Math.max(1, maxQuantity)} disabled={!canConfirm} onChange={setQuantity} className='sku-quantity' />
          </View>
        </View>
      </View>

      <View className='sku-picker__footer'>
        <ActionButton
          id='sku-confirm'
          kind={mode === 'cart' ? 'secondary' : 'primary'}
          className='sku-picker__confirm'
          disabled={!canConfirm}
          onClick={() => {
            if (sku && canConfirm) onConfirm({ skuId: sku.id, quantity })
          }}
        >
          {confirmText}
        </ActionButton>
      </View>
    </BottomSheet>
  )
}
