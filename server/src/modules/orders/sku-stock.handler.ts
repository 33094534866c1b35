import { Injectable, OnModuleInit } from '@nestjs/common';
import { ORDER_KINDS } from '@linli/shared';
import { EntityManager } from 'typeorm';
import { StockService } from '../catalog/stock.service';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import { OrderLifecycle } from './order-lifecycle';

/**
 * The one place SKU stock comes back for orders: a cancelled or expired order gives back all its lines, a refund of
 * goods that never left the store gives back its lines. Kinds that keep their own stock (the flash sale) never took
 * SKU stock, so none comes back for them; their own handlers return theirs.
 */
@Injectable()
export class SkuStockHandler implements OnModuleInit {
  constructor(private readonly lifecycle: OrderLifecycle, private readonly stock: StockService) {}

  onModuleInit(): void {
    this.lifecycle.on('cancelled', 'sku stock back', (m, { order }) => this.returnAll(m, order));
    this.lifecycle.on('expired', 'sku stock back', (m, { order }) => this.returnAll(m, order));
    this.lifecycle.on('refunded', 'sku stock back (unshipped)', async (m, { order, refund }) => {
      if (refund.restock && usesSkuStock(order)) await this.returnLines(m, refund.lines);
    });
  }

  private async returnAll(m: EntityManager, order: Order): Promise<void> {
    if (usesSkuStock(order)) await this.returnLines(m, await m.getRepository(OrderLine).findBy({ orderId: order.id }));
  }

  private async returnLines(m: EntityManager, lines: { skuId: number; productId: number; quantity: number }[]): Promise<void> {
    for (const line of lines) await this.stock.restore(m, { id: line.skuId, productId: line.productId }, line.quantity);
  }
}

function usesSkuStock(order: Pick<Order, 'kind'>): boolean {
  return ORDER_KINDS[order.kind].stock === 'sku';
}
