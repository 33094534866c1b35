import { useState } from 'react'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { EmptyState } from '../../../components/empty-state'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes, paramValue, replacePage } from '../../../routes'
import { listDemoShoppers, loginAsDemoShopper, type DemoShopper } from '../../../services/auth'
import { mediaUrl } from '../../../services/media'
import { IS_H5 } from '../../../services/request'
import { getSavedUser, isLoggedIn } from '../../../services/session'
import './index.css'

/**
 * H5 stand-in for WeChat login. In the mini program `wx.login` runs silently; here
 * the development server issues the same kind of code for a demo shopper.
 */
export default function LoginPage() {
  const router = useRouter()
  const redirect = paramValue(router.params.redirect) || Routes.mine
  const [shoppers, setShoppers] = useState<DemoShopper[] | null>(null)
  const [failed, setFailed] = useState(false)
  const [busyOpenid, setBusyOpenid] = useState<string | null>(null)
  const current = isLoggedIn() ? getSavedUser() : null

  const load = async () => {
    try {
      setShoppers(await listDemoShoppers())
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }

  useLoad(() => {
    if (IS_H5) void load()
  })

  const login = async (shopper: DemoShopper) => {
    if (busyOpenid) return
    setBusyOpenid(shopper.openid)
    try {
      const result = await loginAsDemoShopper(shopper.openid)
      void Taro.showToast({ title: `已登录：${result.user.nickname}`, icon: 'none' })
      goBack()
    } catch {
      setBusyOpenid(null)
    }
  }

  /** Back to the page that asked for login; it refreshes itself when shown. */
  const goBack = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void replacePage(redirect)
  }

  if (!IS_H5) {
    return (
      <View className='page-root'>
        <EmptyState title='小程序内会自动登录' description='无需在此页面操作' actionText='返回' onAction={goBack} />
      </View>
    )
  }

  return (
    <View className='page-root login'>
      <View className='login__notice' id='login-dev-notice'>
        <Text className='login__notice-title'>开发环境 · 模拟微信登录</Text>
        <Text className='login__notice-text'>
          这是网页版用来代替微信登录的开发页面。在微信小程序里，登录会自动静默完成，不会出现此页。请选择一个演示顾客账号登录。
        </Text>
      </View>

      {current ? <Text className='login__current'>当前账号：{current.nickname}</Text> : null}

      <View className='login__list'>
        {shoppers === null ? (
          failed ? (
            <EmptyState kind='error' title='演示账号加载失败' description='请确认开发服务器已启动' actionText='重试' onAction={() => void load()} />
          ) : (
            <ListSkeleton rows={3} />
          )
        ) : shoppers.length === 0 ? (
          <EmptyState title='没有可用的演示账号' />
        ) : (
          shoppers.map((shopper) => (
            <View
              key={shopper.openid}
              className={`demo-shopper ${busyOpenid === shopper.openid ? 'demo-shopper--busy' : ''}`}
              data-openid={shopper.openid}
              onClick={() => void login(shopper)}
            >
              <Image className='demo-shopper__avatar' src={mediaUrl(shopper.avatar)} mode='aspectFill' />
              <View className='demo-shopper__text'>
                <Text className='demo-shopper__name'>{shopper.nickname}</Text>
                <Text className='demo-shopper__openid'>{shopper.openid}</Text>
              </View>
              <Text className='demo-shopper__action'>{busyOpenid === shopper.openid ? '登录中…' : '微信登录'}</Text>
            </View>
          ))
        )}
      </View>
    </View>
  )
}
