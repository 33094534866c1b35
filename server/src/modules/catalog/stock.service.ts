import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@linli/shared';
import { EntityManager } from 'typeorm';
import { affectedRows } from '../../database/transaction-runner';
import { CatalogError } from './catalog.errors';
import { Product } from './entities/product.entity';
import { Sku } from './entities/sku.entity';

/**
 * Every stock movement goes through here, inside the caller's transaction.
 * Taking stock is one conditional UPDATE (`stock >= n`), so two buyers can never take the last unit twice.
 * Returning stock is unconditional: it must never be refused by a stock guard.
 */
@Injectable()
export class StockService {
  async take(manager: EntityManager, sku: { id: number; productId: number }, quantity: number): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Sku)
      .set({ stock: () => `stock - ${Number(quantity)}`, sales: () => `sales + ${Number(quantity)}` })
      .where('id = :id AND stock >= :quantity AND deleted_at IS NULL', { id: sku.id, quantity })
      .execute();
    if (affectedRows(result) !== 1) return false;
    await this.bumpProductSales(manager, sku.productId, quantity);
    return true;
  }

  async restore(manager: EntityManager, sku: { id: number; productId: number }, quantity: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Sku)
      .set({ stock: () => `stock + ${Number(quantity)}`, sales: () => `sales - ${Number(quantity)}` })
      .where('id = :id', { id: sku.id })
      .execute();
    await this.bumpProductSales(manager, sku.productId, -quantity);
  }

  /** An operator's adjustment: adds `delta` (may be negative) unless stock would go below zero. */
  async adjust(manager: EntityManager, skuId: number, delta: number): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(Sku)
      .set({ stock: () => `stock + ${Number(delta)}` })
      .where('id = :id AND stock + :delta >= 0 AND deleted_at IS NULL', { id: skuId, delta })
      .execute();
    if (affectedRows(result) !== 1) {
      const exists = await manager.getRepository(Sku).existsBy({ id: skuId });
      if (!exists) throw new CatalogError(ErrorCode.SkuNotFound, 'SKU 不存在');
      throw new CatalogError(ErrorCode.StockNegative, '库存不足以扣减');
    }
    return (await manager.getRepository(Sku).findOneByOrFail({ id: skuId })).stock;
  }

  private async bumpProductSales(manager: EntityManager, productId: number, delta: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Product)
      .set({ sales: () => `sales + ${Number(delta)}`, updatedAt: () => 'updated_at' })
      .where('id = :id', { id: productId })
      .execute();
  }
}
