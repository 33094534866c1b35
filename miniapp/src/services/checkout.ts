import type { OrderLineInput } from '@linli/shared'
import { Routes, paramValue, withQuery } from '../routes'

/**
 * Hand-over between pages around checkout. The lines travel in the URL
 * (`lines=12:2,15:1`) so an H5 reload keeps them; prices never do.
 */
export type CheckoutSource = 'cart' | 'buy_now'

export function checkoutUrl(lines: OrderLineInput[], source: CheckoutSource): string {
  return withQuery(Routes.checkout, { source, lines: encodeLines(lines) })
}

export function encodeLines(lines: OrderLineInput[]): string {
  return lines.map((l) => `${l.skuId}:${l.quantity}`).join(',')
}

export function decodeLines(text: string | undefined): OrderLineInput[] {
  if (!text) return []
  return paramValue(text)
    .split(',')
    .map((pair) => pair.split(':').map(Number))
    .filter(([skuId, quantity]) => Number.isInteger(skuId) && skuId > 0 && Number.isInteger(quantity) && quantity > 0)
    .map(([skuId, quantity]) => ({ skuId, quantity }))
}

/** The address list page, opened with `select=1`, leaves the chosen id here for checkout. */
let chosenAddressId: number | null = null

export function chooseCheckoutAddress(id: number): void {
  chosenAddressId = id
}

export function takeChosenAddress(): number | null {
  const id = chosenAddressId
  chosenAddressId = null
  return id
}
