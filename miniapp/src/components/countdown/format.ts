/** 125000 ms → "02:05"; an hour or more → "1:02:05". Never negative. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  const mmss = `${pad(minutes)}:${pad(seconds)}`
  return hours > 0 ? `${hours}:${mmss}` : mmss
}

function pad(n: number): string {
  return n.toString().padStart(2, '0')
}

/**
 * The group-buy clock: always HH:MM:SS ("还差1人 剩余 05:02:09"); a day or more reads "1天 02:03:04".
 * Never negative; partial seconds round up.
 */
export function formatClock(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000))
  const days = Math.floor(totalSeconds / 86400)
  const hours = Math.floor((totalSeconds % 86400) / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  const hms = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`
  return days > 0 ? `${days}天 ${hms}` : hms
}
