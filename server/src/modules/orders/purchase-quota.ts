import { Injectable } from '@nestjs/common';
import { Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import { affectedRows } from '../../database/transaction-runner';

/** How many units a shopper holds under one promotion's per-user limit (scope such as `group:12`). */
@Entity('purchase_quotas')
export class PurchaseQuota {
  @PrimaryColumn({ type: 'varchar', length: 32 }) scope: string;

  @PrimaryColumn({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ type: 'int', default: 0 }) used: number;
}

/**
 * Per-user purchase limits that hold under concurrency and across instances: the counter row is created once,
 * then moved by one conditional UPDATE (`used + n <= limit`), so two parallel orders cannot both pass the limit.
 */
@Injectable()
export class PurchaseQuotaService {
  async take(m: EntityManager, scope: string, userId: number, quantity: number, limit: number): Promise<boolean> {
    await m.createQueryBuilder().insert().into(PurchaseQuota).values({ scope, userId, used: 0 }).orIgnore().execute();
    const result = await m
      .createQueryBuilder()
      .update(PurchaseQuota)
      .set({ used: () => `used + ${Number(quantity)}` })
      .where('scope = :scope AND user_id = :userId AND used + :quantity <= :limit', { scope, userId, quantity, limit })
      .execute();
    return affectedRows(result) === 1;
  }

  /** Gives units back (a cancelled or refunded order). Runs once per order: the caller won that order's transition. */
  async give(m: EntityManager, scope: string, userId: number, quantity: number): Promise<void> {
    await m.createQueryBuilder().update(PurchaseQuota).set({ used: () => `used - ${Number(quantity)}` }).where('scope = :scope AND user_id = :userId', { scope, userId }).execute();
  }

  async used(m: EntityManager, scope: string, userId: number): Promise<number> {
    return (await m.getRepository(PurchaseQuota).findOneBy({ scope, userId }))?.used ?? 0;
  }
}
