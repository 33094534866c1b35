import type { CategoryView, Page, ProductDetailView, ProductSort, ProductSummaryView } from '@linli/shared'
import { request } from './request'

export interface BannerView {
  id: number
  title: string
  image: string
  productId: number | null
}

export interface ProductQuery {
  categoryId?: number
  keyword?: string
  sort?: ProductSort
  page?: number
  pageSize?: number
}

export function listCategories(options: { toast?: boolean } = {}): Promise<CategoryView[]> {
  return request<CategoryView[]>('/api/categories', options)
}

export function listBanners(options: { toast?: boolean } = {}): Promise<BannerView[]> {
  return request<BannerView[]>('/api/banners', options)
}

export function listProducts(query: ProductQuery = {}): Promise<Page<ProductSummaryView>> {
  return request<Page<ProductSummaryView>>('/api/products', { query: { ...query } })
}

export function getProduct(id: number, options: { toast?: boolean } = {}): Promise<ProductDetailView> {
  return request<ProductDetailView>(`/api/products/${id}`, options)
}
