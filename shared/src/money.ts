/** Money is always an integer number of fen (分). These helpers never use floats for arithmetic. */
export type Fen = number;

export function assertFen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer fen amount: ${value}`);
  return value;
}

/** 1990 → "19.90"; -5 → "-0.05". */
export function formatYuan(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${cents.toString().padStart(2, '0')}`;
}

/** Splits a price for display: 1990 → { yuan: "19", cents: "90" }. */
export function splitYuan(fen: Fen): { yuan: string; cents: string } {
  const [yuan, cents] = formatYuan(fen).split('.');
  return { yuan, cents };
}

/** Parses "19.9" / "19.90" / "19" into fen, or returns null when malformed. */
export function parseYuan(text: string): Fen | null {
  const m = /^(-)?(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
