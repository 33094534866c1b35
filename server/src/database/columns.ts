import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';

/** Integer fen in an INT column; refuses anything that is not a safe integer. */
export const fenTransformer: ValueTransformer = {
  to: (value: unknown) => {
    if (value === null || value === undefined || typeof value === 'function') return value;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`money must be integer fen, got ${String(value)}`);
    return value;
  },
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

export function MoneyColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'int', default: 0, transformer: fenTransformer, ...options });
}

/** Booleans come back as 0/1 from both drivers. */
export const boolTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Boolean(Number(value))),
};

export function BoolColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'boolean', transformer: boolTransformer, ...options });
}

/** JSON kept as text so it behaves the same on MySQL and SQLite. */
export function JsonColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'simple-json', ...options });
}

export const CreatedAt = () => CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 });
export const UpdatedAt = () => UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 });

/** What an unreadable stored instant (an invalid or zero date) reads as: lists keep answering, and the row can be corrected. */
export const UNREADABLE_DATE = new Date(0);

/**
 * Instants in DATETIME columns. Writing refuses an invalid Date or a year outside 1000-9999 (what MySQL's DATETIME
 * holds; SQLite would store a year −1 as text no reader parses). Reading turns an unparsable value into
 * UNREADABLE_DATE, so one bad row cannot make every list that reads it fail.
 */
export const dateTransformer: ValueTransformer = {
  to: (value: unknown) => {
    if (!(value instanceof Date)) return value;
    const year = value.getUTCFullYear();
    if (Number.isNaN(value.getTime()) || year < 1000 || year > 9999) throw new TypeError(`date out of range: ${String(value)}`);
    return value;
  },
  from: (value: unknown) => (value instanceof Date && Number.isNaN(value.getTime()) ? new Date(UNREADABLE_DATE) : value),
};

export function DateColumn(name: string, options: ColumnOptions = {}): PropertyDecorator {
  return Column({ name, type: 'datetime', precision: 3, nullable: true, transformer: dateTransformer, ...options });
}
