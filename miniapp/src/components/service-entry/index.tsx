import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { STORE } from '../../store-info'
import './index.css'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/** The store's customer-service phone and hours, as one line for H5. */
export function serviceText(store: { phone: string; hours: string } = STORE): string {
  return [store.phone ? `客服电话 ${store.phone}` : '', store.hours ? `服务时间 ${store.hours}` : ''].filter(Boolean).join('\n')
}

/** H5 has no WeChat conversation: show the phone and hours, and offer to call. */
export async function showStoreContact(): Promise<void> {
  const { confirm } = await Taro.showModal({
    title: `联系${STORE.name}客服`,
    content: serviceText() || '请在微信中打开小程序联系客服',
    confirmText: STORE.phone ? '拨打电话' : '知道了',
    showCancel: Boolean(STORE.phone),
    cancelText: '关闭',
  })
  if (confirm && STORE.phone) void Taro.makePhoneCall({ phoneNumber: STORE.phone.replace(/[^\d]/g, '') })
}

/**
 * 客服: in weapp a `<button open-type="contact">` (WeChat's customer-service conversation);
 * in H5 the same place opens the store's phone number and hours.
 */
export function ServiceEntry({ id, className = '', children }: { id?: string; className?: string; children: ReactNode }) {
  if (IS_WEAPP) {
    return (
      <Button id={id} openType='contact' className='service-entry--contact' hoverClass='none'>
        <View className={`service-entry ${className}`}>{children}</View>
      </Button>
    )
  }
  return (
    <View id={id} className={`service-entry ${className}`} onClick={() => void showStoreContact()}>
      {children}
    </View>
  )
}
