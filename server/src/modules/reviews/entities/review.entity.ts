import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, CreatedAt, DateColumn, UpdatedAt } from '../../../database/columns';

/** One shopper's review of one line of a completed order. */
@Entity('reviews')
@Index('uq_reviews_order_line', ['orderLineId'], { unique: true })
@Index('idx_reviews_product', ['productId', 'hiddenAt', 'hasPhotos', 'createdAt'])
@Index('idx_reviews_user', ['userId'])
export class Review {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'order_id', type: 'int' }) orderId: number;

  @Column({ name: 'order_line_id', type: 'int' }) orderLineId: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  @Column({ name: 'product_id', type: 'int' }) productId: number;

  @Column({ name: 'sku_id', type: 'int' }) skuId: number;

  /** The bought SKU's specs as text, copied from the order line. */
  @Column({ name: 'spec_text', type: 'varchar', length: 128, default: '' }) specText: string;

  /** Whole stars, 1–5. */
  @Column({ type: 'int' }) rating: number;

  @Column({ type: 'varchar', length: 500, default: '' }) content: string;

  /** Kept beside the photos so "有图" reviews sort first with one index. */
  @BoolColumn({ name: 'has_photos', default: false }) hasPhotos: boolean;

  /** Set by an operator; a hidden review is shown only to its author. */
  @DateColumn('hidden_at') hiddenAt: Date | null;

  @Column({ name: 'hidden_reason', type: 'varchar', length: 100, nullable: true }) hiddenReason: string | null;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;
}

/** An uploaded photo: processed (EXIF gone, re-encoded) and stored; attached to a review once the review is saved. */
@Entity('review_photos')
@Index('idx_review_photos_review', ['reviewId'])
@Index('idx_review_photos_user', ['userId', 'reviewId'])
export class ReviewPhoto {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'user_id', type: 'int' }) userId: number;

  /** Null until a review takes the photo. */
  @Column({ name: 'review_id', type: 'int', nullable: true }) reviewId: number | null;

  @Column({ type: 'int', default: 0 }) position: number;

  /** Storage keys (see MediaStorage). */
  @Column({ name: 'image_key', type: 'varchar', length: 128 }) imageKey: string;

  @Column({ name: 'thumb_key', type: 'varchar', length: 128 }) thumbKey: string;

  @Column({ type: 'int' }) width: number;

  @Column({ type: 'int' }) height: number;

  @Column({ type: 'int' }) bytes: number;

  @CreatedAt() createdAt: Date;
}
