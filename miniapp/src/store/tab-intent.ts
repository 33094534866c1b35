/**
 * switchTab cannot carry a query, so a page that opens a tab with a choice
 * (e.g. the home shortcuts opening one category) leaves it here.
 */
let pendingCategoryId: number | null = null

export function openCategoryLater(categoryId: number): void {
  pendingCategoryId = categoryId
}

export function takePendingCategory(): number | null {
  const id = pendingCategoryId
  pendingCategoryId = null
  return id
}
