import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ServiceEntry } from '../../../components/service-entry'
import { Routes } from '../../../routes'
import { IS_H5, goToLogin } from '../../../services/request'
import { clearSession, isLoggedIn } from '../../../services/session'
import { STORE } from '../../../store-info'
import './index.css'

/**
 * 设置: account actions kept off 我的. In weapp the account is the WeChat user (silent login), so only H5
 * offers 切换账号 and 退出登录.
 */
export default function SettingsPage() {
  const [loggedIn, setLoggedIn] = useState(isLoggedIn())

  useDidShow(() => setLoggedIn(isLoggedIn()))

  const logout = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定退出当前账号吗？', confirmColor: '#E93B3D' })
    if (!confirm) return
    clearSession()
    setLoggedIn(false)
    void Taro.switchTab({ url: Routes.mine })
  }

  return (
    <View className='page-root settings'>
      <View className='settings__group'>
        <View className='settings__item'>
          <Text>店铺</Text>
          <Text className='settings__value'>{STORE.name}</Text>
        </View>
        <ServiceEntry id='settings-service' className='settings__item'>
          <Text>联系客服</Text>
          <Text className='settings__value'>{IS_H5 ? STORE.phone : '微信客服'} ›</Text>
        </ServiceEntry>
        {STORE.hours ? (
          <View className='settings__item'>
            <Text>服务时间</Text>
            <Text className='settings__value'>{STORE.hours}</Text>
          </View>
        ) : null}
      </View>
      {IS_H5 ? (
        <View className='settings__group'>
          <View id='mine-switch-account' className='settings__item' onClick={() => goToLogin(Routes.mine)}>
            <Text>{loggedIn ? '切换账号' : '登录'}</Text>
            <Text className='settings__value'>›</Text>
          </View>
        </View>
      ) : null}
      {IS_H5 && loggedIn ? (
        <View id='mine-logout' className='settings__logout' onClick={() => void logout()}>
          <Text>退出登录</Text>
        </View>
      ) : null}
    </View>
  )
}
