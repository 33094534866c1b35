import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.css'

export interface CouponTicketProps {
  /** ¥10 or 8.5折. */
  face: string
  /** 满99可用 / 无门槛. */
  condition: string
  title: string
  /** Scope and validity lines on the right. */
  lines: string[]
  /** The button (立即领取 / 去使用 / 已领取 / 已抢光 / 已过期), or a check mark at checkout. */
  action?: ReactNode
  /** Greyed out: used, expired, sold out, or not usable for this order. */
  dim?: boolean
  /** Why it cannot be used here (checkout), shown under the ticket. */
  note?: string
  selected?: boolean
  id?: string
  className?: string
  onClick?: () => void
}

/** A coupon as shoppers know it: the amount on the left with its condition, the scope and validity on the right. */
export function CouponTicket({ face, condition, title, lines, action, dim = false, note, selected = false, id, className = '', onClick }: CouponTicketProps) {
  const [symbol, amount] = face.startsWith('¥') ? ['¥', face.slice(1)] : ['', face]
  return (
    <View id={id} className={`coupon-ticket ${dim ? 'coupon-ticket--dim' : ''} ${selected ? 'coupon-ticket--selected' : ''} ${className}`} onClick={onClick}>
      <View className='coupon-ticket__body'>
        <View className='coupon-ticket__left'>
          <View className='coupon-ticket__face'>
            {symbol ? <Text className='coupon-ticket__symbol'>{symbol}</Text> : null}
            <Text className='coupon-ticket__amount'>{amount}</Text>
          </View>
          <Text className='coupon-ticket__condition'>{condition}</Text>
        </View>
        <View className='coupon-ticket__right'>
          <Text className='coupon-ticket__title ellipsis'>{title}</Text>
          {lines.map((line) => (
            <Text key={line} className='coupon-ticket__line ellipsis'>{line}</Text>
          ))}
        </View>
        {action ? <View className='coupon-ticket__action'>{action}</View> : null}
      </View>
      {note ? <Text className='coupon-ticket__note'>{note}</Text> : null}
    </View>
  )
}

/** The small round button on a ticket. */
export function TicketButton({ label, disabled = false, onClick, id }: { label: string; disabled?: boolean; onClick?: () => void; id?: string }) {
  return (
    <View
      id={id}
      className={`ticket-button ${disabled ? 'ticket-button--disabled' : ''}`}
      onClick={(e) => {
        e.stopPropagation()
        if (!disabled) onClick?.()
      }}
    >
      <Text>{label}</Text>
    </View>
  )
}

/** "2026.12.31" from an ISO date, in China time. */
export function shortDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  return `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}`
}
