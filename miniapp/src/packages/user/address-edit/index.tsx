import { useState } from 'react'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { Input, Switch, Text, Textarea, View } from '@tarojs/components'
import { ActionButton } from '../../../components/action-button'
import { createAddress, deleteAddress, getAddress, updateAddress } from '../../../services/address'
import { ensureLogin } from '../../../services/auth'
import { chooseCheckoutAddress } from '../../../services/checkout'
import { EMPTY_ADDRESS, trimAddress, validateAddress, type AddressForm } from './address-form'
import './index.css'

type TextField = Exclude<keyof AddressForm, 'isDefault'>

const FIELDS: { key: TextField; label: string; placeholder: string; type?: 'number' | 'text'; maxlength: number }[] = [
  { key: 'name', label: '收货人', placeholder: '请填写收货人姓名', maxlength: 32 },
  { key: 'phone', label: '手机号', placeholder: '请填写 11 位手机号', type: 'number', maxlength: 11 },
  { key: 'province', label: '省份', placeholder: '如：浙江省', maxlength: 32 },
  { key: 'city', label: '城市', placeholder: '如：杭州市', maxlength: 32 },
  { key: 'district', label: '区县', placeholder: '如：西湖区', maxlength: 32 },
]

export default function AddressEditPage() {
  const router = useRouter()
  const addressId = router.params.id ? Number(router.params.id) : null
  // Opened from checkout: the saved address becomes the order's address.
  const selecting = router.params.select === '1'
  const [form, setForm] = useState<AddressForm>(EMPTY_ADDRESS)
  const [saving, setSaving] = useState(false)

  useLoad(() => {
    void Taro.setNavigationBarTitle({ title: addressId ? '编辑收货地址' : '新增收货地址' })
    if (!addressId) return
    void (async () => {
      if (!(await ensureLogin())) return
      try {
        const { id: _id, ...input } = await getAddress(addressId)
        setForm(input)
      } catch {
        // The request wrapper has shown the reason.
      }
    })()
  })

  const set = <K extends keyof AddressForm>(key: K, value: AddressForm[K]) => setForm((f) => ({ ...f, [key]: value }))

  const save = async () => {
    const problem = validateAddress(form)
    if (problem) {
      void Taro.showToast({ title: problem, icon: 'none' })
      return
    }
    if (saving || !(await ensureLogin())) return
    setSaving(true)
    try {
      const input = trimAddress(form)
      const saved = addressId ? await updateAddress(addressId, input) : await createAddress(input)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      // A new address added while choosing one for checkout goes straight back to checkout.
      const backToCheckout = selecting && !addressId
      if (backToCheckout) chooseCheckoutAddress(saved.id)
      setTimeout(() => void Taro.navigateBack({ delta: backToCheckout ? pagesBackToCheckout() : 1 }), 600)
    } catch {
      setSaving(false)
    }
  }

  const remove = async () => {
    if (!addressId) return
    const { confirm } = await Taro.showModal({ title: '删除地址', content: '确定删除这个收货地址吗？', confirmColor: '#E93B3D' })
    if (!confirm) return
    try {
      await deleteAddress(addressId)
      void Taro.navigateBack()
    } catch {
      // The request wrapper has shown the reason.
    }
  }

  return (
    <View className='page-root address-edit'>
      <View className='address-edit__form'>
        {FIELDS.map((field) => (
          <View key={field.key} className='address-edit__row'>
            <Text className='address-edit__label'>{field.label}</Text>
            <Input
              id={`addr-${field.key}`}
              className='address-edit__input field-input'
              type={field.type ?? 'text'}
              value={form[field.key]}
              maxlength={field.maxlength}
              placeholder={field.placeholder}
              onInput={(e) => set(field.key, e.detail.value)}
            />
          </View>
        ))}
        <View className='address-edit__row address-edit__row--detail'>
          <Text className='address-edit__label'>详细地址</Text>
          <Textarea
            id='addr-detail'
            className='address-edit__textarea'
            value={form.detail}
            maxlength={128}
            autoHeight
            placeholder='街道、楼栋、门牌号'
            onInput={(e) => set('detail', e.detail.value)}
          />
        </View>
      </View>

      <View className='address-edit__form'>
        <View className='address-edit__row address-edit__row--switch'>
          <View className='address-edit__switch-text'>
            <Text className='address-edit__label'>设为默认地址</Text>
            <Text className='muted'>下单时优先使用该地址</Text>
          </View>
          <Switch id='addr-default' checked={form.isDefault} color='#E93B3D' onChange={(e) => set('isDefault', e.detail.value)} />
        </View>
      </View>

      <View className='address-edit__buttons'>
        <ActionButton id='addr-save' className='address-edit__button' loading={saving} onClick={() => void save()}>
          保存
        </ActionButton>
        {addressId ? (
          <ActionButton id='addr-delete' kind='plain' className='address-edit__button address-edit__delete' onClick={() => void remove()}>
            删除地址
          </ActionButton>
        ) : null}
      </View>
    </View>
  )
}

/** 1 when opened from checkout itself, 2 when opened from the address list on top of checkout. */
function pagesBackToCheckout(): number {
  const pages = Taro.getCurrentPages()
  const previous = pages[pages.length - 2]
  return previous?.route?.includes('user/addresses') ? 2 : 1
}
