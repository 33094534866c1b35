import Taro from '@tarojs/taro'
import type { LoginResult, UserView } from '@linli/shared'

/** The shopper's token and profile, kept in local storage (localStorage in H5). */
const TOKEN_KEY = 'linli.token'
const USER_KEY = 'linli.user'

export function getToken(): string | null {
  const token: unknown = Taro.getStorageSync(TOKEN_KEY)
  return typeof token === 'string' && token ? token : null
}

export function isLoggedIn(): boolean {
  return getToken() !== null
}

export function getSavedUser(): UserView | null {
  const user: unknown = Taro.getStorageSync(USER_KEY)
  return user && typeof user === 'object' ? (user as UserView) : null
}

export function saveSession(result: LoginResult): void {
  Taro.setStorageSync(TOKEN_KEY, result.token)
  Taro.setStorageSync(USER_KEY, result.user)
}

export function saveUser(user: UserView): void {
  Taro.setStorageSync(USER_KEY, user)
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(USER_KEY)
}
