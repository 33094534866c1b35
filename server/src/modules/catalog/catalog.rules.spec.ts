import * as fc from 'fast-check';
import { checkSkuSpecs, fold, keywordGrams, likePattern, textGrams } from './catalog.rules';

const dims = [
  { name: '重量', values: ['500g', '1kg'] },
  { name: '口味', values: ['原味', '微辣'] },
];

describe('checkSkuSpecs', () => {
  it('accepts a full, consistent set', () => {
    expect(
      checkSkuSpecs(dims, [
        { specs: { 重量: '500g', 口味: '原味' }, price: 1990, originalPrice: 2990 },
        { specs: { 重量: '1kg', 口味: '微辣' }, price: 3590, originalPrice: 3590 },
      ]),
    ).toEqual([]);
  });

  it('accepts a product with no spec dimensions and one SKU', () => {
    expect(checkSkuSpecs([], [{ specs: {}, price: 100, originalPrice: 100 }])).toEqual([]);
  });

  it('reports missing dimensions, unknown values, duplicates and bad prices', () => {
    const problems = checkSkuSpecs(dims, [
      { specs: { 重量: '500g' }, price: 100, originalPrice: 100 },
      { specs: { 重量: '2kg', 口味: '原味' }, price: 100, originalPrice: 100 },
      { specs: { 重量: '1kg', 口味: '原味' }, price: 100, originalPrice: 100 },
      { specs: { 重量: '1kg', 口味: '原味' }, price: 100, originalPrice: 50 },
    ]);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/SKU 1 的规格应为/);
    expect(problems.join('\n')).toMatch(/2kg/);
    expect(problems.join('\n')).toMatch(/SKU 4 与其他 SKU 规格重复/);
    expect(problems.join('\n')).toMatch(/SKU 4 的原价不能低于售价/);
  });

  it('requires at least one SKU and non-empty, unique dimensions', () => {
    expect(checkSkuSpecs([{ name: '颜色', values: [] }], [])).toEqual(expect.arrayContaining(['规格「颜色」没有可选值', '至少需要一个 SKU']));
    expect(checkSkuSpecs([dims[0], dims[0]], [])).toContain('规格名称重复');
  });
});

describe('likePattern', () => {
  it('escapes wildcards', () => {
    expect(likePattern('100%_a!')).toBe('%100!%!_a!!%');
  });
});

describe('search grams', () => {
  it('cuts folded text into characters and pairs, and a keyword into its pairs', () => {
    expect(textGrams('Ａb苹果')).toEqual(['a', 'ab', 'b', 'b苹', '苹', '苹果', '果']);
    expect(keywordGrams('苹果汁')).toEqual(['苹果', '果汁']);
    expect(keywordGrams('果')).toEqual(['果']);
    expect(textGrams('汁 x')).toEqual(['汁', '汁␣', '␣', '␣x', 'x']);
  });

  it('never loses a match: every gram of a keyword contained in the folded text is in its grams', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.nat(), fc.nat(), (text, a, b) => {
      const chars = Array.from(fold(text));
      const [from, to] = [a % (chars.length + 1), b % (chars.length + 1)].sort((x, y) => x - y);
      const keyword = chars.slice(from, to).join('');
      if (!keyword) return;
      const grams = new Set(textGrams(text));
      expect(keywordGrams(keyword).every((g) => grams.has(g))).toBe(true);
    }));
  });
});
