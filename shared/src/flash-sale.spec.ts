import { flashButtonState, flashSlotState, soldPercent } from './flash-sale';

describe('flash sale', () => {
  const item = { left: 5, perUserLimit: 1, myCount: 0, stopped: false };

  it('tells a slot ended, live or upcoming by the clock', () => {
    const slot = { startsAt: '2026-11-22T10:00:00Z', endsAt: '2026-11-22T12:00:00Z' };
    expect(flashSlotState(slot, Date.parse('2026-11-22T09:59:59Z'))).toBe('upcoming');
    expect(flashSlotState(slot, Date.parse('2026-11-22T10:00:00Z'))).toBe('live');
    expect(flashSlotState(slot, Date.parse('2026-11-22T12:00:00Z'))).toBe('ended');
  });

  it("picks the button's state: upcoming, buy, sold out, limit reached or ended", () => {
    expect(flashButtonState('upcoming', item)).toBe('upcoming');
    expect(flashButtonState('live', item)).toBe('buy');
    expect(flashButtonState('live', { ...item, left: 0 })).toBe('sold_out');
    expect(flashButtonState('live', { ...item, myCount: 1 })).toBe('limit_reached');
    expect(flashButtonState('live', { ...item, stopped: true })).toBe('ended');
    expect(flashButtonState('ended', item)).toBe('ended');
  });

  it('shows 100% only when nothing is left', () => {
    expect(soldPercent({ stockTotal: 100, left: 100 })).toBe(0);
    expect(soldPercent({ stockTotal: 100, left: 1 })).toBe(99);
    expect(soldPercent({ stockTotal: 3, left: 2 })).toBe(33);
    expect(soldPercent({ stockTotal: 100, left: 0 })).toBe(100);
  });
});
