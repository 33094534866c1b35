import { REVIEW_MAX_CONTENT, REVIEW_MAX_PHOTOS, type MyReviewView, type ReviewPhotoView, type ReviewUpdateInput } from '@linli/shared'

export interface ReviewDraft {
  rating: number
  content: string
  photos: ReviewPhotoView[]
}

export const RATING_WORDS = ['', '非常差', '差', '一般', '好', '非常好'] as const

export function draftFrom(review: MyReviewView | null): ReviewDraft {
  return review ? { rating: review.rating, content: review.content, photos: review.photos } : { rating: 5, content: '', photos: [] }
}

/** What the form may still add. */
export function photosLeft(draft: ReviewDraft): number {
  return Math.max(0, REVIEW_MAX_PHOTOS - draft.photos.length)
}

/** The problem to show beside the form, or null when it can be sent. */
export function draftProblem(draft: ReviewDraft): string | null {
  if (!Number.isInteger(draft.rating) || draft.rating < 1 || draft.rating > 5) return '请为商品打分'
  if (draft.content.trim().length > REVIEW_MAX_CONTENT) return `评价最多${REVIEW_MAX_CONTENT}字`
  if (draft.photos.length > REVIEW_MAX_PHOTOS) return `最多${REVIEW_MAX_PHOTOS}张图片`
  if (draft.content.trim().length === 0 && draft.photos.length === 0) return '写几句评价或晒张图吧'
  return null
}

/** The request body: ids of the photos in the order shown. */
export function draftBody(draft: ReviewDraft): ReviewUpdateInput {
  return { rating: draft.rating, content: draft.content.trim(), photoIds: draft.photos.map((p) => p.id) }
}
