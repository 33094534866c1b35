import type { AddressInput, AddressView } from '@linli/shared'
import { request } from './request'

export function listAddresses(): Promise<AddressView[]> {
  return request<AddressView[]>('/api/addresses')
}

export function getAddress(id: number): Promise<AddressView> {
  return request<AddressView>(`/api/addresses/${id}`)
}

export function createAddress(input: AddressInput): Promise<AddressView> {
  return request<AddressView>('/api/addresses', { method: 'POST', data: pickAddressInput(input) })
}

export function updateAddress(id: number, input: AddressInput): Promise<AddressView> {
  return request<AddressView>(`/api/addresses/${id}`, { method: 'PUT', data: pickAddressInput(input) })
}

export function deleteAddress(id: number): Promise<void> {
  return request<void>(`/api/addresses/${id}`, { method: 'DELETE' })
}

/** The API rejects unknown fields, so never send an AddressView (it has `id`). */
function pickAddressInput(a: AddressInput): AddressInput {
  const { name, phone, province, city, district, detail, isDefault } = a
  return { name, phone, province, city, district, detail, isDefault: Boolean(isDefault) }
}

export function formatAddress(a: Pick<AddressView, 'province' | 'city' | 'district' | 'detail'>): string {
  return `${a.province}${a.city}${a.district} ${a.detail}`
}

/** 13800138000 → 138****8000 */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone
}

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/
