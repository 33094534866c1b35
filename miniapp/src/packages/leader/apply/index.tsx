import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { LEADER_APPLICATION_LABEL } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes } from '../../../routes'
import { ensureLogin } from '../../../services/auth'
import { type LeaderApplication, applyForLeader, myLeaderApplication, myStoreRole } from '../../../services/community'
import { IS_H5, request } from '../../../services/request'
import './index.css'

interface Place {
  address: string
  latitude: number
  longitude: number
}

/** The store's place: the map picker in WeChat; where the phone is otherwise (H5, or a picker that is not allowed). */
async function choosePlace(): Promise<Place | null> {
  if (!IS_H5) {
    try {
      const p = await Taro.chooseLocation({})
      return { address: p.address || p.name, latitude: p.latitude, longitude: p.longitude }
    } catch {
      // Refused or cancelled: try the plain location below.
    }
  }
  try {
    const p = await Taro.getLocation({ type: IS_H5 ? 'wgs84' : 'gcj02' })
    return { address: '', latitude: p.latitude, longitude: p.longitude }
  } catch {
    return null
  }
}

/** 申请当团长: the store's details and a phone number from WeChat's phone button; then the application's state. */
export default function LeaderApplyPage() {
  const [application, setApplication] = useState<LeaderApplication | null | undefined>(undefined)
  const [isLeader, setIsLeader] = useState(false)
  const [editing, setEditing] = useState(false)
  const [form, setForm] = useState({ storeName: '', address: '', district: '', hours: '08:00-21:00' })
  const [place, setPlace] = useState<Place | null>(null)
  const [phoneCode, setPhoneCode] = useState<string | null>(null)
  const [h5Phone, setH5Phone] = useState('')
  const [submitting, setSubmitting] = useState(false)

  const load = async () => {
    if (!(await ensureLogin())) return
    try {
      const [mine, role] = await Promise.all([myLeaderApplication(), myStoreRole()])
      setApplication(mine.application)
      setIsLeader(role.role !== null)
    } catch {
      setApplication(null)
    }
  }

  useDidShow(() => {
    void load()
  })

  const pickPlace = async () => {
    const p = await choosePlace()
    if (!p) {
      void Taro.showToast({ title: '请允许获取位置，以便顾客找到你的门店', icon: 'none' })
      return
    }
    setPlace(p)
    if (p.address && !form.address) setForm({ ...form, address: p.address })
  }

  /** weapp: the button's code goes to the server, which asks WeChat for the number. */
  const onPhone = (e: { detail: { code?: string; errMsg?: string } }) => {
    if (e.detail.code) setPhoneCode(e.detail.code)
    else void Taro.showToast({ title: '需要手机号才能提交申请', icon: 'none' })
  }

  /** H5 (development): the local WeChat simulator stands in for the phone button. */
  const h5PhoneCode = async (): Promise<string | null> => {
    if (!/^1\d{10}$/.test(h5Phone)) {
      void Taro.showToast({ title: '请输入11位手机号', icon: 'none' })
      return null
    }
    return (await request<{ code: string }>('/sim/wechat/dev/phone-code', { method: 'POST', data: { phone: h5Phone }, auth: false })).code
  }

  const submit = async () => {
    const missing = !form.storeName.trim() ? '请填写门店名称' : !form.address.trim() ? '请填写门店地址' : !form.district.trim() ? '请填写所在区域' : !place ? '请选择门店位置' : null
    if (missing) {
      void Taro.showToast({ title: missing, icon: 'none' })
      return
    }
    setSubmitting(true)
    try {
      const code = IS_H5 ? await h5PhoneCode() : phoneCode
      if (!code) {
        if (!IS_H5) void Taro.showToast({ title: '请先获取手机号', icon: 'none' })
        return
      }
      const created = await applyForLeader({ ...form, storeName: form.storeName.trim(), address: form.address.trim(), district: form.district.trim(), latitude: place!.latitude, longitude: place!.longitude, phoneCode: code })
      setApplication(created)
      setEditing(false)
      setPhoneCode(null)
    } catch {
      // The toast says why; a used phone code needs a new tap.
      setPhoneCode(null)
    } finally {
      setSubmitting(false)
    }
  }

  if (application === undefined) return <ListSkeleton rows={3} />

  if (isLeader && !application) {
    return (
      <View className='page-root apply'>
        <View className='apply__state' id='apply-state'>
          <Text className='apply__state-badge apply__state-badge--approved'>你已是团长或店员</Text>
          <ActionButton className='apply__state-action' onClick={() => void Taro.redirectTo({ url: Routes.leader })}>进入团长工作台</ActionButton>
        </View>
      </View>
    )
  }

  if (application && !editing) {
    return (
      <View className='page-root apply'>
        <View className='apply__state' id='apply-state'>
          <Text className={`apply__state-badge apply__state-badge--${application.status}`}>{LEADER_APPLICATION_LABEL[application.status]}</Text>
          <Text className='apply__state-store'>{application.storeName}</Text>
          <Text className='apply__state-text'>
            {application.status === 'pending'
              ? `我们会在1-2个工作日内审核，并联系 ${application.phone}`
              : application.status === 'approved'
                ? '恭喜你成为邻里团长，可以开始接单了'
                : `原因：${application.reason ?? '—'}`}
          </Text>
          {application.status === 'approved' || isLeader ? (
            <ActionButton id='apply-open-desk' className='apply__state-action' onClick={() => void Taro.redirectTo({ url: Routes.leader })}>进入团长工作台</ActionButton>
          ) : null}
          {application.status === 'rejected' ? (
            <ActionButton id='apply-again' className='apply__state-action' onClick={() => setEditing(true)}>重新申请</ActionButton>
          ) : null}
        </View>
      </View>
    )
  }

  return (
    <View className='page-root apply'>
      <View className='apply__intro'>
        <Text className='apply__intro-title'>开一家邻里自提点</Text>
        <Text className='apply__intro-text'>邻居在小程序下单，商品次日送到你的店，邻居到店自提。每笔自提订单你都能获得佣金。</Text>
      </View>
      <View className='apply__card'>
        <View className='apply__row'>
          <Text className='apply__label'>门店名称</Text>
          <Input id='apply-name' className='apply__input' maxlength={40} placeholder='如：文三路便利店' value={form.storeName} onInput={(e) => setForm({ ...form, storeName: e.detail.value })} />
        </View>
        <View className='apply__row' onClick={() => void pickPlace()} id='apply-place'>
          <Text className='apply__label'>门店位置</Text>
          {place ? <Text className='apply__value'>已定位</Text> : <Text className='apply__placeholder'>在地图上选择</Text>}
          <Text className='apply__link'>{place ? '重新选择' : '选择 ›'}</Text>
        </View>
        <View className='apply__row'>
          <Text className='apply__label'>详细地址</Text>
          <Input id='apply-address' className='apply__input' maxlength={200} placeholder='街道、门牌号' value={form.address} onInput={(e) => setForm({ ...form, address: e.detail.value })} />
        </View>
        <View className='apply__row'>
          <Text className='apply__label'>所在区域</Text>
          <Input id='apply-district' className='apply__input' maxlength={20} placeholder='如：西湖区' value={form.district} onInput={(e) => setForm({ ...form, district: e.detail.value })} />
        </View>
        <View className='apply__row'>
          <Text className='apply__label'>营业时间</Text>
          <Input id='apply-hours' className='apply__input' maxlength={40} value={form.hours} onInput={(e) => setForm({ ...form, hours: e.detail.value })} />
        </View>
        <View className='apply__row'>
          <Text className='apply__label'>手机号</Text>
          {IS_H5 ? (
            <Input id='apply-phone' className='apply__input' type='number' maxlength={11} placeholder='开发环境：输入手机号' value={h5Phone} onInput={(e) => setH5Phone(e.detail.value)} />
          ) : (
            <>
              <Text className={phoneCode ? 'apply__value' : 'apply__placeholder'}>{phoneCode ? '已授权' : '使用微信绑定的手机号'}</Text>
              <Button className='apply__phone-btn' openType='getPhoneNumber' onGetPhoneNumber={onPhone}>{phoneCode ? '重新获取' : '获取手机号'}</Button>
            </>
          )}
        </View>
      </View>
      <Text className='apply__note'>手机号仅用于审核联系和门店电话，不会展示给其他顾客。提交后由平台审核。</Text>
      <ActionButton id='apply-submit' className='apply__submit' loading={submitting} onClick={() => void submit()}>提交申请</ActionButton>
    </View>
  )
}
