import type { AddressInput } from '@linli/shared'
import { MOBILE_PATTERN } from '../../../services/address'
import type { ParsedAddress } from './regions'

export type AddressForm = Required<AddressInput>

export type AddressField = 'name' | 'phone' | 'region' | 'detail'

export const EMPTY_ADDRESS: AddressForm = { name: '', phone: '', province: '', city: '', district: '', detail: '', isDefault: false }

/** Each field's problem, shown beside it; empty when the form can be saved. */
export function addressErrors(form: AddressForm): Partial<Record<AddressField, string>> {
  const errors: Partial<Record<AddressField, string>> = {}
  if (!form.name.trim()) errors.name = '请填写收货人'
  else if (form.name.trim().length > 32) errors.name = '收货人最多 32 个字'
  if (!MOBILE_PATTERN.test(form.phone)) errors.phone = form.phone ? '手机号应为 11 位数字，以 1 开头' : '请填写手机号'
  if (!form.province.trim() || !form.city.trim() || !form.district.trim()) errors.region = '请选择省、市、区'
  if (form.detail.trim().length < 2) errors.detail = '请填写详细地址（街道、楼栋、门牌号）'
  return errors
}

/** The first problem in the order the fields are shown, or null. */
export function validateAddress(form: AddressForm): string | null {
  const errors = addressErrors(form)
  return errors.name ?? errors.phone ?? errors.region ?? errors.detail ?? null
}

/** Fills the form with what paste-to-recognise (or WeChat's address) found, keeping fields it did not find. */
export function mergeRecognised(form: AddressForm, found: Partial<ParsedAddress>): AddressForm {
  const next = { ...form }
  for (const key of ['name', 'phone', 'detail'] as const) {
    if (found[key]) next[key] = found[key]
  }
  if (found.province) {
    next.province = found.province
    next.city = found.city ?? ''
    next.district = found.district ?? ''
  }
  return next
}

export function trimAddress(form: AddressForm): AddressForm {
  return {
    ...form,
    name: form.name.trim(),
    province: form.province.trim(),
    city: form.city.trim(),
    district: form.district.trim(),
    detail: form.detail.trim(),
  }
}
