import type { INestApplicationContext } from '@nestjs/common';
import type { AddressView, OrderView, ProductDetailView } from '@linli/shared';
import { AddressesService } from '../../server/src/modules/addresses/addresses.service';
import { CatalogService } from '../../server/src/modules/catalog/catalog.service';
import { Sku } from '../../server/src/modules/catalog/entities/sku.entity';
import { Product } from '../../server/src/modules/catalog/entities/product.entity';
import { PickupStore } from '../../server/src/modules/orders/entities/pickup-store.entity';
import { OrderPlacementService } from '../../server/src/modules/orders/order-placement.service';
import { OrdersService } from '../../server/src/modules/orders/orders.service';
import { PickupStoresService } from '../../server/src/modules/orders/pickup-stores.service';
import { TransactionRunner } from '../../server/src/database/transaction-runner';

let seq = 0;

/** Builds test data through the real services, so every row obeys the same rules as in production. */
export class Factory {
  constructor(private readonly app: INestApplicationContext) {}

  private get catalog() {
    return this.app.get(CatalogService);
  }

  async category(name = `分类${++seq}`) {
    return this.catalog.createCategory({ name });
  }

  /** A product with one SKU per entry in `skus` (default: one SKU at ¥19.90, stock 100). */
  async product(opts: { title?: string; subtitle?: string; categoryId?: number; onShelf?: boolean; skus?: { price: number; originalPrice?: number; stock: number }[] } = {}): Promise<ProductDetailView> {
    const categoryId = opts.categoryId ?? (await this.category()).id;
    const skus = opts.skus ?? [{ price: 1990, stock: 100 }];
    const values = skus.map((_, i) => `款式${i + 1}`);
    return this.catalog.createProduct({
      categoryId, title: opts.title ?? `测试商品${++seq}`, subtitle: opts.subtitle ?? '测试', images: ['/media/test.svg'],
      specDimensions: [{ name: '规格', values }],
      skus: skus.map((s, i) => ({ specs: { 规格: values[i] }, price: s.price, originalPrice: s.originalPrice ?? s.price, stock: s.stock })),
      onShelf: opts.onShelf ?? true,
    });
  }

  async address(userId: number, overrides: Partial<AddressView> = {}): Promise<AddressView> {
    return this.app.get(AddressesService).create(userId, { name: '张三', phone: '13912345678', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号', ...overrides });
  }

  async order(userId: number, skuId: number, quantity = 1, addressId?: number): Promise<OrderView> {
    const address = addressId ?? ((await this.app.get(AddressesService).findForCheckout(userId)) ?? (await this.address(userId))).id;
    return this.app.get(OrdersService).create(userId, { lines: [{ skuId, quantity }], addressId: address, source: 'buy_now' });
  }

  /**
   * An order carrying an order-level discount (as a coupon will), placed through the real placement service with a
   * server-side adjustment. Test-only: no client route accepts a discount.
   */
  async discountedOrder(userId: number, lines: { skuId: number; quantity: number }[], discount: number): Promise<OrderView> {
    const address = (await this.app.get(AddressesService).findForCheckout(userId)) ?? (await this.address(userId));
    const order = await this.app.get(OrderPlacementService).place(userId, undefined, async (m) => {
      const resolved = await Promise.all(lines.map(async (l) => {
        const sku = await m.getRepository(Sku).findOneByOrFail({ id: l.skuId });
        return { sku, product: await m.getRepository(Product).findOneByOrFail({ id: sku.productId }), quantity: l.quantity };
      }));
      return {
        userId, kind: 'normal', fulfilment: { type: 'delivery', address }, source: 'test', lines: resolved,
        adjustments: [{ kind: 'order_discount', source: 'coupon', amount: discount, combinable: true, label: '测试优惠' }],
      };
    });
    return this.app.get(OrdersService).view(order);
  }

  async pickupStore(overrides: { name?: string; address?: string } = {}): Promise<PickupStore> {
    return this.app.get(PickupStoresService).create({ name: overrides.name ?? `自提点${++seq}`, address: overrides.address ?? '杭州市西湖区文三路100号' });
  }

  async markPaid(orderId: number): Promise<boolean> {
    return this.app.get(TransactionRunner).run((m) => this.app.get(OrdersService).markPaid(m, orderId, new Date(), 'test'));
  }

  async sku(id: number): Promise<Sku> {
    return this.app.get(TransactionRunner).dataSource.getRepository(Sku).findOneByOrFail({ id });
  }
}
