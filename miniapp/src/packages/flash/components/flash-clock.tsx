import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { clockParts } from '../../../services/flash-sale'
import './flash-clock.css'

export interface FlashClockProps {
  /** ISO time the clock runs to. */
  deadline: string
  /** Called once when it reaches zero. */
  onEnd?: () => void
  /** `dark`: white digits on dark boxes (on a light strip); `light`: red digits on white boxes (on red). */
  tone?: 'dark' | 'light'
  className?: string
}

/** HH:MM:SS in three boxes, ticking every second; hours may pass 24. */
export function FlashClock({ deadline, onEnd, tone = 'dark', className = '' }: FlashClockProps) {
  const target = new Date(deadline).getTime()
  const [remaining, setRemaining] = useState(() => target - Date.now())
  const onEndRef = useRef(onEnd)
  onEndRef.current = onEnd

  useEffect(() => {
    let ended = false
    const tick = () => {
      const left = target - Date.now()
      setRemaining(left)
      if (left <= 0 && !ended) {
        ended = true
        clearInterval(timer)
        onEndRef.current?.()
      }
    }
    const timer = setInterval(tick, 1000)
    tick()
    return () => clearInterval(timer)
  }, [target])

  const [h, m, s] = clockParts(remaining)
  return (
    <View className={`flash-clock flash-clock--${tone} ${className}`}>
      <Text className='flash-clock__box'>{h}</Text>
      <Text className='flash-clock__colon'>:</Text>
      <Text className='flash-clock__box'>{m}</Text>
      <Text className='flash-clock__colon'>:</Text>
      <Text className='flash-clock__box'>{s}</Text>
    </View>
  )
}
