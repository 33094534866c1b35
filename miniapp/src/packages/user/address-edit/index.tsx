import { useMemo, useState } from 'react'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import { ActionButton } from '../../../components/action-button'
import { createAddress, deleteAddress, getAddress, updateAddress } from '../../../services/address'
import { ensureLogin } from '../../../services/auth'
import { chooseCheckoutAddress } from '../../../services/checkout'
import { EMPTY_ADDRESS, addressErrors, mergeRecognised, trimAddress, type AddressField, type AddressForm } from './address-form'
import { REGIONS, moveColumn, parseAddressText, regionAt, regionColumns, regionIndexes, type RegionIndexes } from './regions'
import './index.css'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

const FIELDS: { key: 'name' | 'phone'; label: string; placeholder: string; type?: 'number' | 'text'; maxlength: number }[] = [
  { key: 'name', label: '收货人', placeholder: '请填写收货人姓名', maxlength: 32 },
  { key: 'phone', label: '手机号', placeholder: '请填写 11 位手机号', type: 'number', maxlength: 11 },
]

export default function AddressEditPage() {
  const router = useRouter()
  const addressId = router.params.id ? Number(router.params.id) : null
  // Opened from checkout: the saved address becomes the order's address.
  const selecting = router.params.select === '1'
  const [form, setForm] = useState<AddressForm>(EMPTY_ADDRESS)
  const [saving, setSaving] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<AddressField, string>>>({})
  const [paste, setPaste] = useState('')
  const [regionDraft, setRegionDraft] = useState<RegionIndexes | null>(null)
  const indexes = useMemo(() => regionDraft ?? regionIndexes(REGIONS, form.province, form.city, form.district), [regionDraft, form.province, form.city, form.district])
  const columns = useMemo(() => regionColumns(REGIONS, indexes), [indexes])

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

  const clearError = (field: AddressField) => setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e))
  const set = <K extends keyof AddressForm>(key: K, value: AddressForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    if (key === 'name' || key === 'phone' || key === 'detail') clearError(key)
  }

  /** Paste-to-recognise: fills what it finds and says what it could not. */
  const recognise = () => {
    const found = parseAddressText(paste)
    const next = mergeRecognised(form, found)
    setForm(next)
    setRegionDraft(null)
    setErrors(addressErrors(next))
    const got = [found.name && '姓名', found.phone && '电话', found.province && '地区', found.detail && '详细地址'].filter(Boolean)
    void Taro.showToast({ title: got.length ? `已识别${got.join('、')}` : '没有识别出地址，请手动填写', icon: 'none' })
  }

  /** weapp: import an address from WeChat (the shopper picks one in WeChat's own sheet). */
  const importFromWechat = async () => {
    try {
      const a = await Taro.chooseAddress()
      const next = mergeRecognised(form, { name: a.userName, phone: a.telNumber.replace(/\D/g, '').slice(-11), province: a.provinceName, city: a.cityName, district: a.countyName, detail: a.detailInfo })
      setForm(next)
      setRegionDraft(null)
      setErrors(addressErrors(next))
    } catch {
      // The shopper closed WeChat's sheet, or refused: nothing changes.
    }
  }

  const chooseRegion = (chosen: RegionIndexes) => {
    const region = regionAt(REGIONS, chosen)
    setForm((f) => ({ ...f, ...region }))
    setRegionDraft(null)
    clearError('region')
  }

  const save = async () => {
    const problems = addressErrors(form)
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
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
      <View className='address-edit__paste'>
        <Textarea
          id='addr-paste'
          className='address-edit__paste-input'
          value={paste}
          maxlength={200}
          placeholder='粘贴整段地址，自动识别姓名、电话和地址，如：张三 13800138000 上海市浦东新区世纪大道1号'
          onInput={(e) => setPaste(e.detail.value)}
        />
        <View className='address-edit__paste-actions'>
          {IS_WEAPP ? (
            <ActionButton id='addr-wechat' kind='plain' size='small' onClick={() => void importFromWechat()}>
              导入微信地址
            </ActionButton>
          ) : null}
          <ActionButton id='addr-paste-apply' kind='outline' size='small' disabled={!paste.trim()} onClick={recognise}>
            识别
          </ActionButton>
        </View>
      </View>
      <View className='address-edit__form'>
        {FIELDS.map((field) => (
          <View key={field.key} className={`address-edit__field ${errors[field.key] ? 'address-edit__field--error' : ''}`}>
            <View className='address-edit__row'>
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
            {errors[field.key] ? (
              <Text className='address-edit__error' id={`addr-${field.key}-error`}>
                {errors[field.key]}
              </Text>
            ) : null}
          </View>
        ))}
        <View className={`address-edit__field ${errors.region ? 'address-edit__field--error' : ''}`}>
          <Picker
            mode='multiSelector'
            range={columns}
            value={indexes}
            onColumnChange={(e) => setRegionDraft(moveColumn(indexes, e.detail.column, e.detail.value))}
            onChange={(e) => chooseRegion(e.detail.value as RegionIndexes)}
            onCancel={() => setRegionDraft(null)}
          >
            <View className='address-edit__row' id='addr-region'>
              <Text className='address-edit__label'>所在地区</Text>
              <Text className={`address-edit__region ${form.province ? '' : 'address-edit__region--empty'}`} id='addr-region-text'>
                {form.province ? `${form.province} ${form.city} ${form.district}` : '请选择省 / 市 / 区'}
              </Text>
              <Text className='address-edit__arrow'>›</Text>
            </View>
          </Picker>
          {errors.region ? (
            <Text className='address-edit__error' id='addr-region-error'>
              {errors.region}
            </Text>
          ) : null}
        </View>
        <View className={`address-edit__field ${errors.detail ? 'address-edit__field--error' : ''}`}>
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
          {errors.detail ? (
            <Text className='address-edit__error' id='addr-detail-error'>
              {errors.detail}
            </Text>
          ) : null}
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
