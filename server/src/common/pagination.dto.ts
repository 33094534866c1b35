import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { IsId, OptionalNonNull } from './validation';

export class PageQuery {
  @ApiPropertyOptional({ default: 1 }) @OptionalNonNull() @Type(() => Number) @IsInt() @Min(1) @Max(10000)
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @OptionalNonNull() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  pageSize = 20;

  get skip(): number {
    return (this.page - 1) * this.pageSize;
  }
}

/** A list ordered by id, newest first: `before` (the previous page's `nextCursor`) replaces the growing offset. */
export class KeysetPageQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Keyset cursor: only items with a smaller id (the nextCursor of the previous page); page is then ignored' })
  @OptionalNonNull() @Type(() => Number) @IsId()
  before?: number;
}

/** Beyond this many rows an operator list says "10000+" instead of counting a whole large table on every page. */
export const COUNT_CAP = 10_000;

/**
 * Applies the page window to a query ordered by `alias.id DESC`: keyset when a cursor is given, offset otherwise
 * (old clients). Returns the rows and the next cursor.
 */
export async function keysetPage<T extends ObjectLiteral & { id: number }>(qb: SelectQueryBuilder<T>, alias: string, query: KeysetPageQuery): Promise<{ rows: T[]; nextCursor: number | null }> {
  const q = qb.clone().orderBy(`${alias}.id`, 'DESC').limit(query.pageSize);
  if (query.before) q.andWhere(`${alias}.id < :keysetBefore`, { keysetBefore: query.before });
  else q.offset(query.skip);
  const rows = await q.getMany();
  return { rows, nextCursor: rows.length === query.pageSize ? rows[rows.length - 1].id : null };
}

/** Counts the query's rows, stopping at COUNT_CAP + 1 so the cost stays bounded on a large table. */
export async function cappedCount(qb: SelectQueryBuilder<ObjectLiteral>): Promise<{ total: number; totalCapped: boolean }> {
  const [sql, params] = qb.clone().select('1', 'one').orderBy().offset(undefined).limit(COUNT_CAP + 1).getQueryAndParameters();
  const [row] = await qb.connection.query(`SELECT COUNT(*) AS n FROM (${sql}) capped`, params);
  const n = Number(row.n);
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}
