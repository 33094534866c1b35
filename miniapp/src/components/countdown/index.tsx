import { useEffect, useRef, useState } from 'react'
import { Text } from '@tarojs/components'
import { formatClock, formatCountdown } from './format'

export interface CountdownProps {
  /** ISO time the countdown runs to. */
  deadline: string
  onEnd?: () => void
  className?: string
  /** `auto`: mm:ss, with hours when needed (payment deadlines); `clock`: always HH:MM:SS (group-buy). */
  format?: 'auto' | 'clock'
}

/** A ticking countdown that calls `onEnd` once when it reaches zero. */
export function Countdown({ deadline, onEnd, className = '', format = 'auto' }: CountdownProps) {
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

  return <Text className={`countdown ${className}`}>{format === 'clock' ? formatClock(remaining) : formatCountdown(remaining)}</Text>
}
