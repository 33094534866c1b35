import { chinaDay } from './daily-report.service';

describe('chinaDay', () => {
  it('is the China calendar day, from 00:00 to 24:00 China time', () => {
    // 2026-11-30 16:30Z is 2026-12-01 00:30 in China.
    const day = chinaDay(new Date('2026-11-30T16:30:00Z'));
    expect(day.date).toBe('2026-12-01');
    expect(day.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(day.end.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(chinaDay(new Date('2026-11-30T15:59:59.999Z')).date).toBe('2026-11-30');
  });
});
