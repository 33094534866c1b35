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
