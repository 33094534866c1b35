/** WeChat Pay's `description` holds at most 127 bytes of UTF-8 (about 42 Chinese characters). */
export const PAY_DESCRIPTION_MAX_BYTES = 127;

/** Cuts text to whole characters within a byte budget, marking a cut with an ellipsis. */
export function fitBytes(text: string, max = PAY_DESCRIPTION_MAX_BYTES): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(`${out}${ch}…`) > max) break;
    out += ch;
  }
  return `${out}…`;
}

/** What the payment sheet and the shopper's WeChat bill say: `<store>-<first product>[等N件]`. */
export function payDescription(storeName: string, titles: string[]): string {
  const more = titles.length > 1 ? `等${titles.length}件` : '';
  const head = `${storeName}-`;
  const budget = PAY_DESCRIPTION_MAX_BYTES - Buffer.byteLength(head) - Buffer.byteLength(more);
  return `${head}${fitBytes(titles[0] ?? '商品', budget)}${more}`;
}
