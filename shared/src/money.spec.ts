import { formatYuan, parseYuan, splitYuan } from './money';

describe('money', () => {
  it('formats fen as yuan without float error', () => {
    expect(formatYuan(1990)).toBe('19.90');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-105)).toBe('-1.05');
    expect(splitYuan(123456)).toEqual({ yuan: '1234', cents: '56' });
  });

  it('refuses non-integer fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });

  it('parses yuan text', () => {
    expect(parseYuan('19.9')).toBe(1990);
    expect(parseYuan('19.90')).toBe(1990);
    expect(parseYuan('0.01')).toBe(1);
    expect(parseYuan('-2')).toBe(-200);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });
});
