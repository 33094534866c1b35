import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AdminRole } from '../modules/admin-auth/entities/admin-user.entity';

export interface OperatorStanding {
  role: AdminRole;
  disabled: boolean;
  tokenVersion: number;
}

type Standing = 'active' | 'blocked' | 'unknown';

/** Shoppers looked up in one statement at most; more waiting in one turn take several. */
const LOOKUPS_PER_STATEMENT = 500;

/**
 * What the database says about an account right now, read on every authenticated request so that blocking a
 * shopper, disabling an operator or revoking tokens takes effect at once on every instance (no cache decides).
 *
 * Shopper lookups made in the same event-loop turn are answered by one statement (`WHERE id IN (…)`), read once the
 * turn's requests are parsed: in a flash rush every purchase needs one, and a statement per purchase spent most of
 * the rush's first second writing to the database socket while browsing waited.
 */
@Injectable()
export class AccountStanding {
  private waiting = new Map<number, { resolve: (s: Standing) => void; reject: (err: unknown) => void }[]>();
  private scheduled = false;

  constructor(private readonly dataSource: DataSource) {}

  shopper(userId: number): Promise<Standing> {
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(userId);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(userId, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.lookUpWaiting());
      }
    });
  }

  private async lookUpWaiting(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    this.scheduled = false;
    const ids = [...batch.keys()];
    for (let i = 0; i < ids.length; i += LOOKUPS_PER_STATEMENT) {
      const chunk = ids.slice(i, i + LOOKUPS_PER_STATEMENT);
      try {
        const rows = (await this.dataSource.query(`SELECT id, blocked FROM users WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk)) as { id: unknown; blocked: unknown }[];
        const found = new Map(rows.map((r) => [Number(r.id), Number(r.blocked) ? 'blocked' as const : 'active' as const]));
        for (const id of chunk) for (const w of batch.get(id)!) w.resolve(found.get(id) ?? 'unknown');
      } catch (err) {
        for (const id of chunk) for (const w of batch.get(id)!) w.reject(err);
      }
    }
  }

  async operator(adminId: number): Promise<OperatorStanding | null> {
    const rows = (await this.dataSource.query('SELECT role, disabled, token_version FROM admin_users WHERE id = ?', [adminId])) as
      { role: AdminRole; disabled: unknown; token_version: unknown }[];
    if (rows.length !== 1) return null;
    return { role: rows[0].role, disabled: !!Number(rows[0].disabled), tokenVersion: Number(rows[0].token_version) };
  }
}
