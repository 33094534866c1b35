import type { ProductSummaryView } from '@linli/shared'
import { getProduct, listProducts } from './catalog'
import { listOrders } from './order'
import { isLoggedIn } from './session'

/**
 * 猜你喜欢: best sellers in the categories of what the shopper bought lately, then the shop's best sellers to fill
 * the row. Everything comes from the catalog's own sales figures; nothing here is personal beyond the shopper's orders.
 */
export async function guessYouLike(limit = 6, exclude: readonly number[] = []): Promise<ProductSummaryView[]> {
  const categories = isLoggedIn() ? await recentCategories().catch(() => []) : []
  const lists = await Promise.all([
    ...categories.map((categoryId) => listProducts({ categoryId, sort: 'sales', pageSize: limit }).then((p) => p.items, () => [])),
    listProducts({ sort: 'sales', pageSize: limit * 2 }).then((p) => p.items, () => []),
  ])
  return pickRecommendations(lists, limit, exclude)
}

/** Merges ranked lists, first list first, without repeats, excluded ids or products off shelf. */
export function pickRecommendations(lists: readonly ProductSummaryView[][], limit: number, exclude: readonly number[] = []): ProductSummaryView[] {
  const seen = new Set(exclude)
  const out: ProductSummaryView[] = []
  for (const list of lists) {
    for (const product of list) {
      if (out.length >= limit) return out
      if (seen.has(product.id) || !product.onShelf) continue
      seen.add(product.id)
      out.push(product)
    }
  }
  return out
}

/** Categories of the products in the shopper's latest orders (at most three). */
async function recentCategories(): Promise<number[]> {
  const orders = await listOrders({ page: 1, pageSize: 5 })
  const productIds = [...new Set(orders.items.flatMap((o) => o.lines.map((l) => l.productId)))].slice(0, 3)
  const products = await Promise.all(productIds.map((id) => getProduct(id, { toast: false }).catch(() => null)))
  return [...new Set(products.filter((p) => p !== null).map((p) => p.categoryId))].slice(0, 3)
}
