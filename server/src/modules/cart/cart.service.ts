import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CartItemView, CartView, ErrorCode, MAX_LINE_QUANTITY } from '@linli/shared';
import { EntityManager, In, Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { Product } from '../catalog/entities/product.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { CartItem } from './entities/cart-item.entity';

export class CartError extends AppError {}

/** The number of distinct SKUs a cart may hold. */
export const CART_MAX_ITEMS = 100;

@Injectable()
export class CartService {
  constructor(
    @InjectRepository(CartItem) private readonly items: Repository<CartItem>,
    @InjectRepository(Sku) private readonly skus: Repository<Sku>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    private readonly tx: TransactionRunner,
  ) {}

  async view(userId: number): Promise<CartView> {
    const items = await this.items.find({ where: { userId }, order: { updatedAt: 'DESC', id: 'DESC' } });
    const skus = items.length ? await this.skus.find({ where: { id: In(items.map((i) => i.skuId)) }, withDeleted: true }) : [];
    const products = skus.length ? await this.products.find({ where: { id: In([...new Set(skus.map((s) => s.productId))]) }, withDeleted: true }) : [];
    const skuById = new Map(skus.map((s) => [s.id, s]));
    const productById = new Map(products.map((p) => [p.id, p]));
    const views: CartItemView[] = items.map((item) => {
      const sku = skuById.get(item.skuId);
      const product = sku ? productById.get(sku.productId) : undefined;
      const reason = !sku || !product || sku.deletedAt || product.deletedAt ? '商品已失效' : !product.onShelf ? '商品已下架' : sku.stock < item.quantity ? (sku.stock === 0 ? '已售罄' : `库存仅剩${sku.stock}件`) : null;
      return {
        id: item.id, skuId: item.skuId, productId: product?.id ?? 0, title: product?.title ?? '商品已失效', cover: product?.cover ?? '',
        specs: sku?.specs ?? {}, price: sku?.price ?? 0, quantity: item.quantity, selected: item.selected, stock: sku?.stock ?? 0,
        available: reason === null, unavailableReason: reason,
      };
    });
    const chosen = views.filter((v) => v.selected && v.available);
    return { items: views, selectedCount: chosen.reduce((n, v) => n + v.quantity, 0), selectedTotal: chosen.reduce((sum, v) => sum + v.price * v.quantity, 0) };
  }

  /** Adds to the line for this SKU (creating it), checked against shelf status and stock. */
  async add(userId: number, skuId: number, quantity: number): Promise<CartView> {
    await this.tx.run(async (m) => {
      const sku = await this.requireBuyableSku(m, skuId);
      const repo = m.getRepository(CartItem);
      const existing = await repo.findOneBy({ userId, skuId });
      const wanted = (existing?.quantity ?? 0) + quantity;
      if (wanted > MAX_LINE_QUANTITY) throw new CartError(ErrorCode.CartLimitExceeded, `单件商品最多购买${MAX_LINE_QUANTITY}件`);
      if (wanted > sku.stock) throw new CartError(ErrorCode.StockInsufficient, sku.stock === 0 ? '该规格已售罄' : `库存仅剩${sku.stock}件`);
      if (existing) {
        await repo.update({ id: existing.id }, { quantity: wanted, selected: true });
      } else {
        if ((await repo.countBy({ userId })) >= CART_MAX_ITEMS) throw new CartError(ErrorCode.CartLimitExceeded, `购物车最多放${CART_MAX_ITEMS}种商品`);
        await repo.insert({ userId, skuId, quantity, selected: true });
      }
    });
    return this.view(userId);
  }

  async update(userId: number, itemId: number, change: { quantity?: number; selected?: boolean }): Promise<CartView> {
    await this.tx.run(async (m) => {
      const repo = m.getRepository(CartItem);
      const item = await repo.findOneBy({ id: itemId, userId });
      if (!item) throw new CartError(ErrorCode.CartItemNotFound, '购物车中没有该商品');
      if (change.quantity !== undefined && change.quantity > item.quantity) {
        const sku = await this.requireBuyableSku(m, item.skuId);
        if (change.quantity > sku.stock) throw new CartError(ErrorCode.StockInsufficient, `库存仅剩${sku.stock}件`);
      }
      const changes = { ...(change.quantity !== undefined ? { quantity: change.quantity } : {}), ...(change.selected !== undefined ? { selected: change.selected } : {}) };
      // Nothing asked for, nothing written (an empty update would still move updated_at).
      if (Object.keys(changes).length) await repo.update({ id: item.id }, changes);
    });
    return this.view(userId);
  }

  async select(userId: number, selected: boolean, itemIds?: number[]): Promise<CartView> {
    await this.tx.run((m) => m.getRepository(CartItem).update(itemIds ? { userId, id: In(itemIds) } : { userId }, { selected }));
    return this.view(userId);
  }

  async remove(userId: number, itemIds: number[]): Promise<CartView> {
    const result = await this.tx.run((m) => m.getRepository(CartItem).delete({ userId, id: In(itemIds) }));
    if (!result.affected) throw new CartError(ErrorCode.CartItemNotFound, '购物车中没有该商品');
    return this.view(userId);
  }

  /** After an order from the cart: drop the bought SKUs, inside the order's transaction. */
  async removeSkus(m: EntityManager, userId: number, skuIds: number[]): Promise<void> {
    if (skuIds.length) await m.getRepository(CartItem).delete({ userId, skuId: In(skuIds) });
  }

  private async requireBuyableSku(m: EntityManager, skuId: number): Promise<Sku> {
    const sku = await m.getRepository(Sku).findOneBy({ id: skuId });
    const product = sku ? await m.getRepository(Product).findOneBy({ id: sku.productId }) : null;
    if (!sku || !product) throw new CartError(ErrorCode.SkuNotFound, '商品规格不存在');
    if (!product.onShelf) throw new CartError(ErrorCode.ProductOffShelf, '商品已下架');
    return sku;
  }
}
