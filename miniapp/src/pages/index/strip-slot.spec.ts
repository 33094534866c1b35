import type { FlashSlotView } from '@linli/shared'
import { stripSlot } from './index'

const at = (hhmm: string) => new Date(`2025-11-22T${hhmm}:00`).toISOString()
const now = (hhmm: string) => new Date(`2025-11-22T${hhmm}:00`).getTime()
const slot = (id: number, start: string, end: string, items: number): FlashSlotView =>
  ({ id, title: '', startsAt: at(start), endsAt: at(end), state: 'upcoming', items: Array.from({ length: items }, (_, i) => ({ id: i })) }) as unknown as FlashSlotView

describe('home flash strip', () => {
  it('shows the live slot that has items, not an empty live one', () => {
    const slots = [slot(1, '08:00', '10:00', 0), slot(2, '09:00', '11:00', 2), slot(3, '12:00', '14:00', 1)]
    expect(stripSlot(slots, now('09:30'))?.id).toBe(2)
    expect(stripSlot([slot(1, '08:00', '10:00', 0), slot(3, '12:00', '14:00', 1)], now('09:30'))?.id).toBe(3)
    expect(stripSlot([slot(1, '08:00', '10:00', 1)], now('11:00'))).toBeNull()
  })
})
