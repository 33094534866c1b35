/** Reviews with photos (晒单): what the server answers and accepts. Ratings are whole stars 1–5. */

export const REVIEW_MAX_PHOTOS = 6;
export const REVIEW_MAX_CONTENT = 500;
/** Largest upload accepted, in bytes. */
export const REVIEW_PHOTO_MAX_BYTES = 8 * 1024 * 1024;

export interface ReviewPhotoView {
  id: number;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

export interface ReviewView {
  id: number;
  productId: number;
  rating: number;
  content: string;
  /** The bought SKU's specs, e.g. "规格: 5斤装". */
  specText: string;
  photos: ReviewPhotoView[];
  /** Masked for other shoppers, e.g. "张**". */
  authorName: string;
  authorAvatar: string | null;
  createdAt: string;
}

/** A shopper's own review, with its moderation state. */
export interface MyReviewView extends ReviewView {
  orderLineId: number;
  hidden: boolean;
}

export interface ReviewSummaryView {
  productId: number;
  count: number;
  withPhotos: number;
  /** Average stars × 10, rounded (47 = 4.7); null without reviews. */
  averageTenths: number | null;
  /** Share of 4–5 star reviews in percent; null without reviews. */
  goodPercent: number | null;
  /** The first reviews to show on the product page: those with photos first, then the newest. */
  top: ReviewView[];
}

/** One line of a completed order, and its review once written. */
export interface ReviewableLineView {
  orderLineId: number;
  productId: number;
  title: string;
  cover: string;
  specText: string;
  review: MyReviewView | null;
}

export interface OrderReviewsView {
  orderId: number;
  /** True once the order is completed: only then can its lines be reviewed. */
  reviewable: boolean;
  lines: ReviewableLineView[];
}

export interface ReviewInput {
  orderLineId: number;
  rating: number;
  content: string;
  photoIds?: number[];
}

export type ReviewUpdateInput = Omit<ReviewInput, 'orderLineId'>;

export interface AdminReviewView extends MyReviewView {
  userId: number;
  orderId: number;
  hiddenReason: string | null;
}

/** "规格: 5斤装 · 颜色: 红" from a SKU's specs. */
export function specText(specs: Record<string, string>): string {
  return Object.entries(specs).map(([k, v]) => `${k}: ${v}`).join(' · ');
}

/** A shopper's name as other shoppers see it: the first character and two stars. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '匿名用户';
  return `${chars[0]}**`;
}

/** 47 → "4.7". */
export function formatRating(tenths: number): string {
  return (tenths / 10).toFixed(1);
}
