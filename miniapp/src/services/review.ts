import type { MyReviewView, OrderReviewsView, Page, ReviewInput, ReviewPhotoView, ReviewSummaryView, ReviewUpdateInput, ReviewView } from '@linli/shared'
import { request, uploadFile } from './request'

export function getReviewSummary(productId: number, options: { toast?: boolean } = {}): Promise<ReviewSummaryView> {
  return request<ReviewSummaryView>(`/api/products/${productId}/reviews/summary`, { ...options, auth: false })
}

export function listProductReviews(productId: number, query: { page?: number; pageSize?: number; withPhotos?: boolean } = {}): Promise<Page<ReviewView>> {
  return request<Page<ReviewView>>(`/api/products/${productId}/reviews`, { query: { ...query }, auth: false })
}

export function getOrderReviews(orderId: number, options: { toast?: boolean } = {}): Promise<OrderReviewsView> {
  return request<OrderReviewsView>(`/api/orders/${orderId}/reviews`, options)
}

export function createReview(input: ReviewInput): Promise<MyReviewView> {
  return request<MyReviewView>('/api/reviews', { method: 'POST', data: input })
}

export function updateReview(id: number, input: ReviewUpdateInput): Promise<MyReviewView> {
  return request<MyReviewView>(`/api/reviews/${id}`, { method: 'PUT', data: input })
}

/** Uploads a photo picked with chooseImage; the server checks it, strips EXIF and makes a thumbnail. */
export function uploadReviewPhoto(filePath: string): Promise<ReviewPhotoView> {
  return uploadFile<ReviewPhotoView>('/api/reviews/photos', filePath)
}
