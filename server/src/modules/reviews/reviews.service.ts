import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  AdminReviewView, ErrorCode, maskName, MyReviewView, OrderReviewsView, Page, REVIEW_PHOTO_MAX_BYTES, ReviewPhotoView, ReviewSummaryView, ReviewView, specText,
} from '@linli/shared';
import { randomBytes } from 'node:crypto';
import { EntityManager, In, IsNull, LessThan, MoreThan, Not, Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { isUniqueViolation } from '../../common/error.filter';
import { MediaStorage } from '../../common/media-storage';
import { TransactionRunner } from '../../database/transaction-runner';
import { User } from '../auth/entities/user.entity';
import { Product } from '../catalog/entities/product.entity';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { Review, ReviewPhoto } from './entities/review.entity';
import { processReviewImage, ReviewImageRejected } from './review-image';
import type { AdminReviewQuery, ProductReviewQuery, ReviewCreateDto, ReviewUpdateDto } from './reviews.dto';

export class ReviewError extends AppError {}

/** Photos a shopper may have uploaded but not yet used, within an hour; more are refused until some are used. */
export const MAX_PENDING_PHOTOS = 30;
const SUMMARY_TOP = 2;
/** An upload no review has taken after this long is removed. */
export const ABANDONED_PHOTO_MS = 24 * 3600_000;

/**
 * Reviews (晒单): a buyer reviews each line of a completed order once, with stars, text and up to six photos.
 * Operators can hide a review with a reason; a hidden review is shown to its author only. Nothing here rewards anyone.
 */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectRepository(Review) private readonly reviews: Repository<Review>,
    @InjectRepository(ReviewPhoto) private readonly photos: Repository<ReviewPhoto>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    private readonly storage: MediaStorage,
    private readonly tx: TransactionRunner,
  ) {}

  /** Checks, cleans and stores one photo; it waits, unattached, for the review that uses it. */
  async uploadPhoto(userId: number, body: Buffer, truncated: boolean): Promise<ReviewPhotoView> {
    if (truncated || body.length > REVIEW_PHOTO_MAX_BYTES) throw new ReviewError(ErrorCode.ReviewPhotoTooLarge);
    const pending = await this.photos.countBy({ userId, reviewId: IsNull(), createdAt: MoreThan(new Date(Date.now() - 3600_000)) });
    if (pending >= MAX_PENDING_PHOTOS) throw new ReviewError(ErrorCode.TooManyRequests, '上传的图片太多了，请先发表评价');
    let image;
    try {
      image = await processReviewImage(body);
    } catch (err) {
      if (err instanceof ReviewImageRejected) throw new ReviewError(ErrorCode.ReviewPhotoInvalid);
      throw err;
    }
    const month = new Date().toISOString().slice(0, 7).replace('-', '');
    const name = randomBytes(12).toString('hex');
    const imageKey = `reviews/${month}/${name}.jpg`;
    const thumbKey = `reviews/${month}/${name}_t.jpg`;
    await this.storage.put(imageKey, image.full, 'image/jpeg');
    await this.storage.put(thumbKey, image.thumb, 'image/jpeg');
    const saved = await this.photos.save(this.photos.create({ userId, reviewId: null, imageKey, thumbKey, width: image.width, height: image.height, bytes: image.full.length }));
    return this.photoView(saved);
  }

  async create(userId: number, dto: ReviewCreateDto): Promise<MyReviewView> {
    const id = await this.tx.run(async (m) => {
      const line = await m.getRepository(OrderLine).findOneBy({ id: dto.orderLineId });
      const order = line ? await m.getRepository(Order).findOneBy({ id: line.orderId, userId }) : null;
      // Another shopper's line answers exactly like a missing one.
      if (!line || !order) throw new ReviewError(ErrorCode.OrderNotFound, '订单商品不存在');
      if (order.status !== 'completed') throw new ReviewError(ErrorCode.ReviewNotAllowed);
      if (await m.getRepository(Review).existsBy({ orderLineId: line.id })) throw new ReviewError(ErrorCode.ReviewExists);
      const photoIds = dto.photoIds ?? [];
      const review = m.getRepository(Review).create({
        orderId: order.id, orderLineId: line.id, userId, productId: line.productId, skuId: line.skuId, specText: specText(line.specs).slice(0, 128),
        rating: dto.rating, content: dto.content, hasPhotos: photoIds.length > 0, hiddenAt: null, hiddenReason: null,
      });
      try {
        await m.getRepository(Review).insert(review);
      } catch (err) {
        if (isUniqueViolation(err)) throw new ReviewError(ErrorCode.ReviewExists);
        throw err;
      }
      await this.attachPhotos(m, userId, review.id, photoIds);
      return review.id;
    });
    return this.getMine(userId, id);
  }

  /** Changes the author's own review: stars, text and photos (photos left out are deleted). */
  async update(userId: number, id: number, dto: ReviewUpdateDto): Promise<MyReviewView> {
    const dropped = await this.tx.run(async (m) => {
      const review = await m.getRepository(Review).findOneBy({ id, userId });
      if (!review) throw new ReviewError(ErrorCode.ReviewNotFound);
      const photoIds = dto.photoIds ?? [];
      const old = await m.getRepository(ReviewPhoto).findBy({ reviewId: id });
      const gone = old.filter((p) => !photoIds.includes(p.id));
      if (gone.length) await m.getRepository(ReviewPhoto).delete({ id: In(gone.map((p) => p.id)) });
      await this.attachPhotos(m, userId, id, photoIds);
      await m.getRepository(Review).update({ id }, { rating: dto.rating, content: dto.content, hasPhotos: photoIds.length > 0 });
      return gone;
    });
    await this.removeFiles(dropped);
    return this.getMine(userId, id);
  }

  async getMine(userId: number, id: number): Promise<MyReviewView> {
    const review = await this.reviews.findOneBy({ id, userId });
    if (!review) throw new ReviewError(ErrorCode.ReviewNotFound);
    return (await this.myViews([review]))[0];
  }

  /** The lines of one of the shopper's orders, each with its review once written. */
  async forOrder(userId: number, orderId: number): Promise<OrderReviewsView> {
    const order = await this.reviews.manager.getRepository(Order).findOneBy({ id: orderId, userId });
    if (!order) throw new ReviewError(ErrorCode.OrderNotFound);
    const lines = await this.reviews.manager.getRepository(OrderLine).find({ where: { orderId }, order: { id: 'ASC' } });
    const written = await this.reviews.findBy({ orderId, userId });
    const byLine = new Map((await this.myViews(written)).map((v) => [v.orderLineId, v]));
    return {
      orderId,
      reviewable: order.status === 'completed',
      lines: lines.map((l) => ({ orderLineId: l.id, productId: l.productId, title: l.title, cover: l.cover, specText: specText(l.specs), review: byLine.get(l.id) ?? null })),
    };
  }

  /** Visible reviews of a product: those with photos first, then the newest. */
  async forProduct(productId: number, query: ProductReviewQuery): Promise<Page<ReviewView>> {
    await this.requireProduct(productId);
    const where = { productId, hiddenAt: IsNull(), ...(query.withPhotos ? { hasPhotos: true } : {}) };
    const [rows, total] = await this.reviews.findAndCount({ where, order: { hasPhotos: 'DESC', createdAt: 'DESC', id: 'DESC' }, skip: query.skip, take: query.pageSize });
    return { items: await this.views(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async summary(productId: number): Promise<ReviewSummaryView> {
    await this.requireProduct(productId);
    const raw = await this.reviews.createQueryBuilder('r')
      .select('COUNT(*)', 'count')
      .addSelect('COALESCE(SUM(r.rating), 0)', 'stars')
      .addSelect('COALESCE(SUM(CASE WHEN r.has_photos = 1 THEN 1 ELSE 0 END), 0)', 'withPhotos')
      .addSelect('COALESCE(SUM(CASE WHEN r.rating >= 4 THEN 1 ELSE 0 END), 0)', 'good')
      .where('r.product_id = :productId AND r.hidden_at IS NULL', { productId })
      .getRawOne<{ count: string; stars: string; withPhotos: string; good: string }>();
    const count = Number(raw?.count ?? 0);
    const top = await this.reviews.find({ where: { productId, hiddenAt: IsNull() }, order: { hasPhotos: 'DESC', createdAt: 'DESC', id: 'DESC' }, take: SUMMARY_TOP });
    return {
      productId,
      count,
      withPhotos: Number(raw?.withPhotos ?? 0),
      averageTenths: count ? Math.round((Number(raw?.stars) * 10) / count) : null,
      goodPercent: count ? Math.round((Number(raw?.good) * 100) / count) : null,
      top: await this.views(top),
    };
  }

  /** Photos uploaded but never used by a review within a day: rows and files go. */
  async removeAbandonedPhotos(now = new Date(), batch = 200): Promise<number> {
    const stale = await this.photos.find({ where: { reviewId: IsNull(), createdAt: LessThan(new Date(now.getTime() - ABANDONED_PHOTO_MS)) }, take: batch });
    let removed = 0;
    for (const photo of stale) {
      // Conditional: a review that takes the photo meanwhile keeps it.
      const { affected } = await this.photos.delete({ id: photo.id, reviewId: IsNull() });
      if (!affected) continue;
      await this.removeFiles([photo]);
      removed += 1;
    }
    return removed;
  }

  async adminList(query: AdminReviewQuery): Promise<Page<AdminReviewView>> {
    const where = {
      ...(query.productId ? { productId: query.productId } : {}),
      ...(query.hidden === true ? { hiddenAt: Not(IsNull()) } : query.hidden === false ? { hiddenAt: IsNull() } : {}),
    };
    const [rows, total] = await this.reviews.findAndCount({ where, order: { id: 'DESC' }, skip: query.skip, take: query.pageSize });
    return { items: await this.adminViews(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async hide(id: number, reason: string): Promise<AdminReviewView> {
    const review = await this.reviews.findOneBy({ id });
    if (!review) throw new ReviewError(ErrorCode.ReviewNotFound);
    await this.reviews.update({ id }, { hiddenAt: new Date(), hiddenReason: reason });
    return (await this.adminViews([await this.reviews.findOneByOrFail({ id })]))[0];
  }

  async show(id: number): Promise<AdminReviewView> {
    const review = await this.reviews.findOneBy({ id });
    if (!review) throw new ReviewError(ErrorCode.ReviewNotFound);
    await this.reviews.update({ id }, { hiddenAt: null, hiddenReason: null });
    return (await this.adminViews([await this.reviews.findOneByOrFail({ id })]))[0];
  }

  private async attachPhotos(m: EntityManager, userId: number, reviewId: number, photoIds: number[]): Promise<void> {
    if (!photoIds.length) return;
    const found = await m.getRepository(ReviewPhoto).findBy({ id: In(photoIds), userId });
    const usable = found.filter((p) => p.reviewId === null || p.reviewId === reviewId);
    if (usable.length !== photoIds.length) throw new ReviewError(ErrorCode.ReviewPhotoNotFound);
    for (const [position, photoId] of photoIds.entries()) {
      // Conditional: a photo another request attached meanwhile is not taken over.
      const { affected } = await m.createQueryBuilder().update(ReviewPhoto).set({ reviewId, position })
        .where('id = :photoId AND user_id = :userId AND (review_id IS NULL OR review_id = :reviewId)', { photoId, userId, reviewId }).execute();
      if (!affected) throw new ReviewError(ErrorCode.ReviewPhotoNotFound);
    }
  }

  private async removeFiles(photos: ReviewPhoto[]): Promise<void> {
    for (const p of photos) {
      await this.storage.remove(p.imageKey);
      await this.storage.remove(p.thumbKey);
    }
  }

  private async requireProduct(id: number): Promise<void> {
    if (!(await this.products.existsBy({ id }))) throw new ReviewError(ErrorCode.ProductNotFound);
  }

  private photoView(p: ReviewPhoto): ReviewPhotoView {
    return { id: p.id, url: this.storage.url(p.imageKey), thumbUrl: this.storage.url(p.thumbKey), width: p.width, height: p.height };
  }

  /** Public views: names masked, nothing about moderation or orders. */
  private async views(rows: Review[]): Promise<ReviewView[]> {
    if (!rows.length) return [];
    const photos = await this.photos.find({ where: { reviewId: In(rows.map((r) => r.id)) }, order: { position: 'ASC', id: 'ASC' } });
    const users = await this.reviews.manager.getRepository(User).findBy({ id: In([...new Set(rows.map((r) => r.userId))]) });
    const userById = new Map(users.map((u) => [u.id, u]));
    return rows.map((r) => {
      const user = userById.get(r.userId);
      return {
        id: r.id, productId: r.productId, rating: r.rating, content: r.content, specText: r.specText,
        photos: photos.filter((p) => p.reviewId === r.id).map((p) => this.photoView(p)),
        authorName: maskName(user?.nickname ?? ''), authorAvatar: user?.avatar ?? null, createdAt: r.createdAt.toISOString(),
      };
    });
  }

  private async myViews(rows: Review[]): Promise<MyReviewView[]> {
    const views = await this.views(rows);
    return views.map((v, i) => ({ ...v, orderLineId: rows[i].orderLineId, hidden: rows[i].hiddenAt !== null }));
  }

  private async adminViews(rows: Review[]): Promise<AdminReviewView[]> {
    const views = await this.myViews(rows);
    return views.map((v, i) => ({ ...v, userId: rows[i].userId, orderId: rows[i].orderId, hiddenReason: rows[i].hiddenReason }));
  }
}
