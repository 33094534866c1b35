import type { SpecDimension } from '@linli/shared';

export interface SkuSpecInput {
  specs: Record<string, string>;
  price: number;
  originalPrice: number;
}

/**
 * Checks that every SKU names exactly the product's spec dimensions with allowed values,
 * that no two SKUs share a combination, and that prices make sense. Returns problems, empty when valid.
 */
export function checkSkuSpecs(dimensions: SpecDimension[], skus: SkuSpecInput[]): string[] {
  const problems: string[] = [];
  const names = dimensions.map((d) => d.name);
  if (new Set(names).size !== names.length) problems.push('规格名称重复');
  for (const d of dimensions) {
    if (d.values.length === 0) problems.push(`规格「${d.name}」没有可选值`);
    if (new Set(d.values).size !== d.values.length) problems.push(`规格「${d.name}」的值重复`);
  }
  if (skus.length === 0) problems.push('至少需要一个 SKU');
  const seen = new Set<string>();
  skus.forEach((sku, i) => {
    const keys = Object.keys(sku.specs);
    if (keys.length !== names.length || !names.every((n) => keys.includes(n))) {
      problems.push(`SKU ${i + 1} 的规格应为：${names.join('、') || '无'}`);
      return;
    }
    for (const d of dimensions) {
      if (!d.values.includes(sku.specs[d.name])) problems.push(`SKU ${i + 1} 的「${d.name}」取值「${sku.specs[d.name]}」不在可选值中`);
    }
    const combo = names.map((n) => sku.specs[n]).join('|');
    if (seen.has(combo)) problems.push(`SKU ${i + 1} 与其他 SKU 规格重复`);
    seen.add(combo);
    if (sku.originalPrice < sku.price) problems.push(`SKU ${i + 1} 的原价不能低于售价`);
  });
  return problems;
}

/** The LIKE escape character: '!' behaves the same in MySQL and SQLite string literals (a backslash does not). */
export const LIKE_ESCAPE = '!';

/** Escapes LIKE wildcards in a search keyword. */
export function likePattern(keyword: string): string {
  return `%${keyword.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}

/**
 * Search grams: the text folded like the database's case-insensitive LIKE (NFKC, lower case), cut into
 * every single character and every pair of neighbouring characters. A keyword's grams (its pairs, or the one
 * character of a one-character keyword) are all present in any text that contains it, so intersecting the
 * gram index gives a small superset of the matches; the LIKE check then settles each candidate.
 */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Folded, with spaces shown as '␣': MySQL collations ignore trailing spaces in keys (PAD SPACE), which would make
 * '汁 ' and '汁' the same gram.
 */
function gramChars(text: string): string[] {
  return Array.from(fold(text).replace(/ /g, '\u2423'));
}

export function textGrams(...texts: string[]): string[] {
  const grams = new Set<string>();
  for (const text of texts) {
    const chars = gramChars(text);
    chars.forEach((c, i) => {
      grams.add(c);
      if (i + 1 < chars.length) grams.add(c + chars[i + 1]);
    });
  }
  return [...grams];
}

export function keywordGrams(keyword: string): string[] {
  const chars = gramChars(keyword);
  if (chars.length <= 1) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
}
