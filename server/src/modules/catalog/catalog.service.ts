import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CategoryView, ErrorCode, Page, ProductDetailView, ProductSummaryView } from '@linli/shared';
import { Brackets, EntityManager, In, IsNull, Repository, SelectQueryBuilder } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import {
  AdminProductQuery, CategoryDto, ProductInputDto, ProductQuery, toCategoryView, toProductDetail, toProductSummary,
} from './catalog.dto';
import { CatalogError } from './catalog.errors';
import { LIKE_ESCAPE, checkSkuSpecs, keywordGrams, likePattern, textGrams } from './catalog.rules';
import { Banner } from './entities/banner.entity';
import { Category } from './entities/category.entity';
import { Product } from './entities/product.entity';
import { ProductSearchGram } from './entities/product-search-gram.entity';
import { Sku } from './entities/sku.entity';
import { StockService } from './stock.service';

const SORTS: Record<ProductQuery['sort'], [string, 'ASC' | 'DESC']> = {
  newest: ['p.id', 'DESC'],
  price_asc: ['p.minPrice', 'ASC'],
  price_desc: ['p.minPrice', 'DESC'],
  sales: ['p.sales', 'DESC'],
};

export interface BannerView {
  id: number;
  title: string;
  image: string;
  productId: number | null;
}

@Injectable()
export class CatalogService {
  constructor(
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Sku) private readonly skus: Repository<Sku>,
    @InjectRepository(Banner) private readonly banners: Repository<Banner>,
    private readonly tx: TransactionRunner,
    private readonly stock: StockService,
  ) {}

  // ---- shopper reads ----

  async listCategories(): Promise<CategoryView[]> {
    return (await this.categories.find({ order: { sortOrder: 'ASC', id: 'ASC' } })).map(toCategoryView);
  }

  async listBanners(): Promise<BannerView[]> {
    return (await this.banners.find({ order: { sortOrder: 'ASC', id: 'ASC' } })).map(({ id, title, image, productId }) => ({ id, title, image, productId }));
  }

  listProducts(query: ProductQuery): Promise<Page<ProductSummaryView>> {
    return this.pageProducts(query, true);
  }

  /** A shopper sees an off-shelf product (old links keep working) but cannot buy it; a deleted one is gone. */
  async getProduct(id: number): Promise<ProductDetailView> {
    const product = await this.products.findOneBy({ id });
    if (!product) throw new CatalogError(ErrorCode.ProductNotFound, '商品不存在或已删除');
    const skus = await this.skus.find({ where: { productId: id }, order: { id: 'ASC' } });
    return toProductDetail(product, skus);
  }

  // ---- operator ----

  adminListProducts(query: AdminProductQuery): Promise<Page<ProductSummaryView>> {
    return this.pageProducts(query, query.onShelf);
  }

  async createCategory(dto: CategoryDto): Promise<CategoryView> {
    const { identifiers } = await this.categories.insert({ name: dto.name, icon: dto.icon ?? null, sortOrder: dto.sortOrder ?? 0 });
    return toCategoryView(await this.categories.findOneByOrFail({ id: Number(identifiers[0].id) }));
  }

  async updateCategory(id: number, dto: CategoryDto): Promise<CategoryView> {
    await this.requireCategory(id);
    await this.categories.update({ id }, { name: dto.name, ...(dto.icon !== undefined ? { icon: dto.icon } : {}), ...(dto.sortOrder !== undefined ? { sortOrder: dto.sortOrder } : {}) });
    return toCategoryView(await this.categories.findOneByOrFail({ id }));
  }

  async deleteCategory(id: number): Promise<void> {
    await this.tx.run(async (m) => {
      if (!(await m.getRepository(Category).existsBy({ id }))) throw new CatalogError(ErrorCode.CategoryNotFound, '分类不存在');
      if (await m.getRepository(Product).existsBy({ categoryId: id })) throw new CatalogError(ErrorCode.CategoryNotEmpty, '分类下还有商品，不能删除');
      await m.getRepository(Category).delete({ id });
    });
  }

  async createProduct(dto: ProductInputDto): Promise<ProductDetailView> {
    this.checkProductInput(dto);
    await this.requireCategory(dto.categoryId);
    const id = await this.tx.run(async (m) => {
      const { identifiers } = await m.getRepository(Product).insert({
        categoryId: dto.categoryId, title: dto.title, subtitle: dto.subtitle ?? '', cover: dto.images[0], images: dto.images,
        detail: (dto.detail ?? []) as Product['detail'], specDimensions: dto.specDimensions, attributes: dto.attributes ?? [], onShelf: dto.onShelf ?? false,
      });
      const productId = Number(identifiers[0].id);
      await m.getRepository(Sku).insert(dto.skus.map((s) => ({ productId, specs: s.specs, price: s.price, originalPrice: s.originalPrice, stock: s.stock ?? 0 })));
      await this.refreshAggregates(m, productId);
      await this.indexSearch(m, productId, dto.title, dto.subtitle ?? '');
      return productId;
    });
    return this.getProduct(id);
  }

  /**
   * Replaces the product's fields and SKU list. SKUs named by id are edited (price, specs; stock only through
   * adjustStock), new ones are added, and ones left out are soft-deleted so past orders still resolve.
   */
  async updateProduct(id: number, dto: ProductInputDto): Promise<ProductDetailView> {
    this.checkProductInput(dto);
    await this.requireCategory(dto.categoryId);
    await this.tx.run(async (m) => {
      const product = await m.getRepository(Product).findOneBy({ id });
      if (!product) throw new CatalogError(ErrorCode.ProductNotFound, '商品不存在');
      const existing = await m.getRepository(Sku).find({ where: { productId: id } });
      const existingIds = new Set(existing.map((s) => s.id));
      const unknown = dto.skus.filter((s) => s.id !== undefined && !existingIds.has(s.id));
      if (unknown.length) throw new CatalogError(ErrorCode.ValidationFailed, `SKU ${unknown.map((s) => s.id).join(', ')} 不属于该商品`, ['skus']);
      await m.getRepository(Product).update({ id }, {
        categoryId: dto.categoryId, title: dto.title, subtitle: dto.subtitle ?? '', cover: dto.images[0], images: dto.images,
        detail: (dto.detail ?? []) as Product['detail'], specDimensions: dto.specDimensions, ...(dto.attributes !== undefined ? { attributes: dto.attributes } : {}),
        ...(dto.onShelf !== undefined ? { onShelf: dto.onShelf } : {}),
      });
      const kept = new Set<number>();
      for (const s of dto.skus) {
        if (s.id !== undefined) {
          kept.add(s.id);
          await m.getRepository(Sku).update({ id: s.id }, { specs: s.specs, price: s.price, originalPrice: s.originalPrice });
        } else {
          await m.getRepository(Sku).insert({ productId: id, specs: s.specs, price: s.price, originalPrice: s.originalPrice, stock: s.stock ?? 0 });
        }
      }
      const dropped = [...existingIds].filter((sid) => !kept.has(sid));
      if (dropped.length) await m.getRepository(Sku).softDelete({ id: In(dropped) });
      await this.refreshAggregates(m, id);
      await this.indexSearch(m, id, dto.title, dto.subtitle ?? '');
    });
    return this.getProduct(id);
  }

  async setShelf(id: number, onShelf: boolean): Promise<ProductDetailView> {
    const result = await this.products.update({ id }, { onShelf });
    if (!result.affected) throw new CatalogError(ErrorCode.ProductNotFound, '商品不存在');
    return this.getProduct(id);
  }

  /** Soft delete: the product leaves the catalog; orders keep their snapshots. */
  async deleteProduct(id: number): Promise<void> {
    await this.tx.run(async (m) => {
      const result = await m.getRepository(Product).softDelete({ id, deletedAt: IsNull() });
      if (!result.affected) throw new CatalogError(ErrorCode.ProductNotFound, '商品不存在');
      await m.getRepository(Sku).softDelete({ productId: id });
      await m.getRepository(ProductSearchGram).delete({ productId: id });
    });
  }

  async adjustStock(skuId: number, delta: number): Promise<{ skuId: number; stock: number }> {
    const stock = await this.tx.run((m) => this.stock.adjust(m, skuId, delta));
    return { skuId, stock };
  }

  // ---- helpers ----

  private async pageProducts(query: ProductQuery, onShelf: boolean | undefined): Promise<Page<ProductSummaryView>> {
    const qb: SelectQueryBuilder<Product> = this.products.createQueryBuilder('p');
    if (onShelf !== undefined) qb.andWhere('p.onShelf = :onShelf', { onShelf });
    if (query.categoryId) qb.andWhere('p.categoryId = :categoryId', { categoryId: query.categoryId });
    if (query.keyword) {
      // The gram index narrows to candidates through its primary key; LIKE keeps the exact substring meaning.
      const grams = keywordGrams(query.keyword);
      // A join on the derived candidate set (not IN (…)) so both databases drive from the grams, not from products.
      qb.innerJoin(
        (sub) => sub.select('g.product_id', 'product_id').from('product_search_grams', 'g').where('g.gram IN (:...grams)').groupBy('g.product_id').having('COUNT(*) = :gramCount'),
        'hits', 'hits.product_id = p.id',
      ).setParameters({ grams, gramCount: grams.length });
      const pattern = likePattern(query.keyword);
      qb.andWhere(new Brackets((w) => w.where(`p.title LIKE :pattern ESCAPE '${LIKE_ESCAPE}'`, { pattern }).orWhere(`p.subtitle LIKE :pattern ESCAPE '${LIKE_ESCAPE}'`, { pattern })));
    }
    const [column, direction] = SORTS[query.sort];
    qb.orderBy(column, direction).addOrderBy('p.id', 'DESC').offset(query.skip).limit(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toProductSummary), total, page: query.page, pageSize: query.pageSize };
  }

  private checkProductInput(dto: ProductInputDto): void {
    const problems = checkSkuSpecs(dto.specDimensions, dto.skus);
    if (problems.length) throw new CatalogError(ErrorCode.ValidationFailed, problems.join('；'), ['skus']);
    for (const block of dto.detail ?? []) {
      if ((block.type === 'text' && !block.text) || (block.type === 'image' && !block.url)) {
        throw new CatalogError(ErrorCode.ValidationFailed, '详情块缺少内容', ['detail']);
      }
    }
  }

  private async requireCategory(id: number): Promise<void> {
    if (!(await this.categories.existsBy({ id }))) throw new CatalogError(ErrorCode.CategoryNotFound, '分类不存在');
  }

  /** Rewrites the product's search grams inside the caller's transaction, so search never sees a half-edited product. */
  private async indexSearch(m: EntityManager, productId: number, title: string, subtitle: string): Promise<void> {
    const repo = m.getRepository(ProductSearchGram);
    await repo.delete({ productId });
    const grams = textGrams(title, subtitle);
    for (let i = 0; i < grams.length; i += 200) await repo.insert(grams.slice(i, i + 200).map((gram) => ({ gram, productId })));
  }

  /** Keeps the listing columns (lowest price, its original price, total sales) in step with live SKUs. */
  private async refreshAggregates(m: EntityManager, productId: number): Promise<void> {
    const live = await m.getRepository(Sku).find({ where: { productId } });
    const cheapest = live.reduce<Sku | null>((best, s) => (!best || s.price < best.price ? s : best), null);
    await m.getRepository(Product).update({ id: productId }, {
      minPrice: cheapest?.price ?? 0,
      minOriginalPrice: cheapest?.originalPrice ?? 0,
      sales: live.reduce((sum, s) => sum + s.sales, 0),
    });
  }
}
