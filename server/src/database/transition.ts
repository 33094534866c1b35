import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { affectedRows } from './transaction-runner';

/**
 * The one way a state column moves: `UPDATE … SET status = :to, … WHERE <key> AND status IN (:from) [AND extra]`.
 * True only for the caller whose UPDATE changed the row, so racing requests, sweeps on several instances and
 * replayed notifications act exactly once; the loser sees false and does nothing more.
 * `key` names the row by entity properties (usually `{ id }`); `extra` is a further SQL condition on column names.
 * Each machine's allowed `from` states come from its table in `shared/`.
 */
export async function transition<E extends ObjectLiteral & { status: string }>(
  m: EntityManager,
  entity: EntityTarget<E>,
  key: Partial<E>,
  from: readonly E['status'][],
  to: E['status'],
  changes: Partial<E> = {},
  extra?: string,
): Promise<boolean> {
  return (await transitionAll(m, entity, key, from, to, changes, extra)) === 1;
}

/** The same for every row matching `key` (a failed group's paid seats at once); returns how many moved. */
export async function transitionAll<E extends ObjectLiteral & { status: string }>(
  m: EntityManager,
  entity: EntityTarget<E>,
  key: Partial<E>,
  from: readonly E['status'][],
  to: E['status'],
  changes: Partial<E> = {},
  extra?: string,
): Promise<number> {
  if (!from.length) return 0;
  const qb = m.createQueryBuilder().update(entity).set({ ...changes, status: to } as never).where(key as ObjectLiteral).andWhere('status IN (:...transitionFrom)', { transitionFrom: from });
  if (extra) qb.andWhere(extra);
  return affectedRows(await qb.execute());
}
