import { Text, View } from '@tarojs/components'
import { formatYuan, type CheckoutCouponsView } from '@linli/shared'
import { BottomSheet } from '../bottom-sheet'
import { CheckCircle } from '../check-circle'
import { CouponTicket, shortDate } from '../coupon-ticket'
import './index.css'

/** The checkout row: the coupon in use and what it takes off, or how many could be used. */
export function CouponRow({ coupons, discount, onOpen }: { coupons: CheckoutCouponsView; discount: number; onOpen: () => void }) {
  const value = coupons.selectedId
    ? `-¥${formatYuan(discount)}`
    : coupons.usable.length ? `${coupons.usable.length}张可用` : '暂无可用'
  return (
    <View className='coupon-row' id='checkout-coupon' onClick={onOpen}>
      <Text className='coupon-row__label'>优惠券</Text>
      {coupons.selectedId && coupons.selectedId === coupons.bestId ? <Text className='coupon-row__tag'>已选最优</Text> : null}
      <Text className={`coupon-row__value ${coupons.selectedId ? 'coupon-row__value--on' : ''}`} id='checkout-coupon-value'>{value}</Text>
      <Text className='coupon-row__arrow'>›</Text>
    </View>
  )
}

/** The sheet to change the coupon: usable ones (the best first), none, and the unusable ones with the reason. */
export function CouponPicker({ visible, coupons, onClose, onChoose }: { visible: boolean; coupons: CheckoutCouponsView; onClose: () => void; onChoose: (id: number | null) => void }) {
  return (
    <BottomSheet visible={visible} onClose={onClose} className='coupon-picker'>
      <Text className='coupon-picker__title'>选择优惠券</Text>
      <View className='coupon-picker__list'>
        <Text className='coupon-picker__group'>可用优惠券（{coupons.usable.length}）</Text>
        {coupons.usable.map((c) => (
          <CouponTicket
            key={c.id}
            id={`pick-coupon-${c.id}`}
            face={c.face}
            condition={c.condition}
            title={c.title}
            lines={[`本单可省¥${formatYuan(c.discount)}`, `有效期至${shortDate(c.validTo)}`]}
            selected={coupons.selectedId === c.id}
            action={<CheckCircle checked={coupons.selectedId === c.id} />}
            onClick={() => onChoose(c.id)}
          />
        ))}
        <View className='coupon-picker__none' id='pick-coupon-none' onClick={() => onChoose(null)}>
          <Text>不使用优惠券</Text>
          <CheckCircle checked={coupons.selectedId === null} />
        </View>
        {coupons.unusable.length ? <Text className='coupon-picker__group'>不可用优惠券（{coupons.unusable.length}）</Text> : null}
        {coupons.unusable.map((c) => (
          <CouponTicket
            key={c.id}
            className='coupon-unusable'
            face={c.face}
            condition={c.condition}
            title={c.title}
            lines={[c.scopeText, `有效期至${shortDate(c.validTo)}`]}
            dim
            note={c.reason}
          />
        ))}
      </View>
    </BottomSheet>
  )
}
