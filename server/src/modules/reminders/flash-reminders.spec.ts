import { chinaTime, thing } from './flash-reminders.service';

describe('subscription message fields', () => {
  it('keeps a thing within 20 characters', () => {
    expect(thing('烟台红富士苹果')).toBe('烟台红富士苹果');
    const long = '新疆阿克苏冰糖心苹果特级大果十斤装脆甜多汁产地直发';
    expect(Array.from(thing(long))).toHaveLength(20);
    expect(thing(long).endsWith('…')).toBe(true);
  });

  it('writes times in China time', () => {
    expect(chinaTime(new Date('2026-11-30T02:00:00Z'))).toBe('2026-11-30 10:00');
    expect(chinaTime(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01 00:30');
  });
});
