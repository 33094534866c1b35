import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AdminRole } from '../modules/admin-auth/entities/admin-user.entity';

export interface OperatorStanding {
  role: AdminRole;
  disabled: boolean;
  tokenVersion: number;
}

/**
 * What the database says about an account right now, read on every authenticated request so that blocking a
 * shopper, disabling an operator or revoking tokens takes effect at once on every instance (no cache decides).
 */
@Injectable()
export class AccountStanding {
  constructor(private readonly dataSource: DataSource) {}

  async shopper(userId: number): Promise<'active' | 'blocked' | 'unknown'> {
    const rows = (await this.dataSource.query('SELECT blocked FROM users WHERE id = ?', [userId])) as { blocked: unknown }[];
    if (rows.length !== 1) return 'unknown';
    return Number(rows[0].blocked) ? 'blocked' : 'active';
  }

  async operator(adminId: number): Promise<OperatorStanding | null> {
    const rows = (await this.dataSource.query('SELECT role, disabled, token_version FROM admin_users WHERE id = ?', [adminId])) as
      { role: AdminRole; disabled: unknown; token_version: unknown }[];
    if (rows.length !== 1) return null;
    return { role: rows[0].role, disabled: !!Number(rows[0].disabled), tokenVersion: Number(rows[0].token_version) };
  }
}
