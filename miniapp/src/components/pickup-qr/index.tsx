import { useMemo } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import QRCode from 'qrcode'
import './index.css'

/**
 * A QR code drawn with views (one per dark module), so it looks the same in weapp and H5 with no canvas.
 * The pickup code is 16 digits: a version-1 code, 21 × 21 modules.
 */
export function PickupQr({ value, size = 400 }: { value: string; size?: number }) {
  const rows = useMemo(() => {
    const qr = QRCode.create(value, { errorCorrectionLevel: 'M' })
    const n = qr.modules.size
    return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.modules.get(r, c) === 1))
  }, [value])
  // Inline sizes are not converted from design px like stylesheet sizes: pxTransform does it (rpx in weapp, rem in H5).
  const unit = Math.floor(size / (rows.length + 4))
  const cell = Taro.pxTransform(unit)
  return (
    <View className='pickup-qr' id='pickup-qr' style={{ padding: Taro.pxTransform(unit * 2), width: Taro.pxTransform(unit * rows.length) }}>
      {rows.map((row, r) => (
        <View key={r} className='pickup-qr__row' style={{ height: cell }}>
          {row.map((dark, c) => <View key={c} className={dark ? 'pickup-qr__cell pickup-qr__cell--dark' : 'pickup-qr__cell'} style={{ width: cell, height: cell }} />)}
        </View>
      ))}
    </View>
  )
}
