import type { AddressInput } from '@linli/shared'
import { MOBILE_PATTERN } from '../../../services/address'

export type AddressForm = Required<AddressInput>

export const EMPTY_ADDRESS: AddressForm = { name: '', phone: '', province: '', city: '', district: '', detail: '', isDefault: false }

/** The first problem with the form, in the order the fields are shown, or null. */
export function validateAddress(form: AddressForm): string | null {
  if (!form.name.trim()) return '请填写收货人'
  if (form.name.trim().length > 32) return '收货人最多 32 个字'
  if (!MOBILE_PATTERN.test(form.phone)) return '请填写 11 位手机号'
  if (!form.province.trim()) return '请填写省份'
  if (!form.city.trim()) return '请填写城市'
  if (!form.district.trim()) return '请填写区县'
  if (form.detail.trim().length < 2) return '请填写详细地址'
  return null
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
