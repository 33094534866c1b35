import fc from 'fast-check';
import { PAY_DESCRIPTION_MAX_BYTES, payDescription } from './pay-description';

describe('payDescription', () => {
  it('names the store and the first product, and counts the rest', () => {
    expect(payDescription('邻里优选', ['红富士苹果 5斤'])).toBe('邻里优选-红富士苹果 5斤');
    expect(payDescription('邻里优选', ['红富士苹果', '香蕉', '橙子'])).toBe('邻里优选-红富士苹果等3件');
    expect(payDescription('邻里优选', [])).toBe('邻里优选-商品');
  });

  it('always fits WeChat Pay\'s 127 bytes without cutting a character, keeping the store and the count', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }).filter((s) => s.length > 0), fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { minLength: 1, maxLength: 5 }), (store, titles) => {
      const d = payDescription(store, titles);
      expect(Buffer.byteLength(d)).toBeLessThanOrEqual(PAY_DESCRIPTION_MAX_BYTES);
      expect(d.startsWith(`${store}-`)).toBe(true);
      if (titles.length > 1) expect(d.endsWith(`等${titles.length}件`)).toBe(true);
      expect(d).not.toContain('\uFFFD');
    }));
    expect(Buffer.byteLength(payDescription('邻里优选', ['苹'.repeat(100)]))).toBeLessThanOrEqual(127);
  });
});
