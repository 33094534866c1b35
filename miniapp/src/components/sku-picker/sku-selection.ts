import type { SkuView, SpecDimension } from '@linli/shared'

/** Spec name → chosen value; a dimension without a value is not chosen yet. */
export type SpecSelection = Record<string, string>

function matches(sku: SkuView, selection: SpecSelection): boolean {
  return Object.entries(selection).every(([name, value]) => sku.specs[name] === value)
}

/** The SKU for a complete selection, or null while a dimension is still open. */
export function findSku(skus: SkuView[], dimensions: SpecDimension[], selection: SpecSelection): SkuView | null {
  if (dimensions.length === 0) return skus[0] ?? null
  if (dimensions.some((d) => !selection[d.name])) return null
  return skus.find((sku) => matches(sku, selection)) ?? null
}

/**
 * A value is disabled when no SKU with stock has it together with the values
 * already chosen in the other dimensions.
 */
export function isValueDisabled(skus: SkuView[], selection: SpecSelection, dimension: string, value: string): boolean {
  const candidate: SpecSelection = { ...selection, [dimension]: value }
  return !skus.some((sku) => sku.stock > 0 && matches(sku, candidate))
}

/** Starts from the given SKU, else the first one in stock, else nothing chosen. */
export function initialSelection(skus: SkuView[], preferredSkuId?: number): SpecSelection {
  const preferred = skus.find((s) => s.id === preferredSkuId && s.stock > 0) ?? skus.find((s) => s.stock > 0)
  return preferred ? { ...preferred.specs } : {}
}

/** Taps a chip: choose it, or clear it when it was already chosen. */
export function toggleValue(selection: SpecSelection, dimension: string, value: string): SpecSelection {
  const next = { ...selection }
  if (next[dimension] === value) delete next[dimension]
  else next[dimension] = value
  return next
}

export function describeSelection(dimensions: SpecDimension[], selection: SpecSelection): string {
  const chosen = dimensions.map((d) => selection[d.name]).filter(Boolean)
  if (chosen.length === dimensions.length) return chosen.join(' / ')
  const missing = dimensions.filter((d) => !selection[d.name]).map((d) => d.name)
  return `请选择 ${missing.join(' ')}`
}

/** Formats specs such as { 重量: '500g', 口味: '原味' } for display. */
export function formatSpecs(specs: Record<string, string>): string {
  return Object.values(specs).join(' / ')
}
