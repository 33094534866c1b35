import { chinaDay, drawReport } from './daily-report.service';

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

describe('drawReport', () => {
  it('draws a 750×1000 PNG for an empty day and for long titles and many buyers', () => {
    const empty = drawReport({ date: '2026-12-01', storeName: '文三路店', orders: 0, shoppers: 0, units: 0, topProducts: [], waitingOrders: 0, waitingUnits: 0, recentBuyers: [] });
    expect(empty.subarray(1, 4).toString()).toBe('PNG');
    expect(empty.readUInt32BE(16)).toBe(750);
    expect(empty.readUInt32BE(20)).toBe(1000);
    const busy = drawReport({
      date: '2026-12-01', storeName: '邻里·文三路店', orders: 128, shoppers: 96, units: 300, waitingOrders: 40, waitingUnits: 77,
      topProducts: Array.from({ length: 5 }, (_, i) => ({ title: `超长的商品名称超长的商品名称超长的商品名称${i}`, quantity: 50 - i })),
      recentBuyers: Array.from({ length: 8 }, () => '小**'),
    });
    expect(busy.subarray(1, 4).toString()).toBe('PNG');
  });
});
