import type { LoginResult, UserView } from '@linli/shared'
import { IS_H5, goToLogin, loginWithCode, request, silentLogin } from './request'
import { getToken, saveUser } from './session'

export { loginWithCode, silentLogin }

/** A shopper of the development WeChat stand-in (H5 only). */
export interface DemoShopper {
  openid: string
  nickname: string
  avatar: string
}

export async function fetchMe(): Promise<UserView> {
  const user = await request<UserView>('/api/auth/me')
  saveUser(user)
  return user
}

export function listDemoShoppers(): Promise<DemoShopper[]> {
  return request<DemoShopper[]>('/sim/wechat/dev/shoppers', { auth: false })
}

/** H5 login: the stand-in issues the code `wx.login` would, then the normal login runs. */
export async function loginAsDemoShopper(openid: string): Promise<LoginResult> {
  const { code } = await request<{ code: string }>('/sim/wechat/dev/login-code', {
    method: 'POST',
    data: { openid },
    auth: false,
  })
  return loginWithCode(code)
}

/**
 * Makes sure there is a session before an action that needs one.
 * weapp logs in silently; H5 opens the login page and answers false.
 */
export async function ensureLogin(): Promise<boolean> {
  if (getToken()) return true
  if (IS_H5) {
    goToLogin()
    return false
  }
  try {
    await silentLogin()
    return true
  } catch {
    return false
  }
}
