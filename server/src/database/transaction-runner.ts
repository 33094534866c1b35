import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

const RETRYABLE_MYSQL = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * Opens the transaction at the edge of a use case and hands its manager down.
 * - MySQL: retries a transaction that lost a deadlock (InnoDB rolled it back whole).
 * - SQLite: the embedded database has one connection per process, which cannot hold two
 *   transactions, so writers in this process queue here; other processes are kept out by SQLite's own lock.
 */
@Injectable()
export class TransactionRunner {
  private sqliteTail: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {}

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.runWithRetry(work);
    const result = this.sqliteTail.then(() => this.dataSource.transaction(work));
    this.sqliteTail = result.catch(() => undefined);
    return result;
  }

  private async runWithRetry<T>(work: (manager: EntityManager) => Promise<T>, attempt = 1): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (err) {
      const code = err instanceof QueryFailedError ? (err.driverError as { code?: string } | undefined)?.code : undefined;
      if (attempt < 4 && code && RETRYABLE_MYSQL.has(code)) {
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
        return this.runWithRetry(work, attempt + 1);
      }
      throw err;
    }
  }
}

/** Affected-row count of an UPDATE/DELETE on both drivers. */
export function affectedRows(result: { affected?: number | null }): number {
  return result.affected ?? 0;
}
