import Taro from '@tarojs/taro'
import { ErrorCode, type ApiErrorBody, type LoginResult } from '@linli/shared'
import { Routes, currentPageUrl, toQueryString, withQuery, type QueryValue } from '../routes'
import { clearSession, getToken, saveSession } from './session'

export const IS_H5 = process.env.TARO_ENV === 'h5'

/** H5 is served by the API server itself, so it calls relative URLs. */
export const API_BASE: string = IS_H5 ? '' : process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000'

/** Codes the client adds for failures that never reached the server's error format. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly fields?: string[],
    readonly requestId?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  get isUnauthorized(): boolean {
    return this.code === ErrorCode.Unauthorized || this.code === ErrorCode.TokenExpired
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: HttpMethod
  /** JSON body. Send exactly the fields the API expects: it rejects unknown ones. */
  data?: object
  query?: Record<string, QueryValue>
  /** Show the error message in a toast (default true). */
  toast?: boolean
  /** Send the token and recover from 401 (default true). */
  auth?: boolean
}

interface RawResponse {
  statusCode: number
  data: unknown
}

/** The one way the mini program talks to the API. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { toast = true, auth = true } = options
  try {
    return await sendWithRecovery<T>(path, options, auth)
  } catch (err) {
    const apiError = toApiError(err)
    if (toast && !apiError.isUnauthorized) {
      void Taro.showToast({ title: apiError.message, icon: 'none', duration: 2500 })
    }
    throw apiError
  }
}

async function sendWithRecovery<T>(path: string, options: RequestOptions, auth: boolean): Promise<T> {
  try {
    return await send<T>(path, options, auth)
  } catch (err) {
    if (!auth || !(err instanceof ApiError) || !err.isUnauthorized) throw err
    clearSession()
    if (IS_H5) {
      goToLogin()
      throw err
    }
    // weapp: log in silently again and retry once.
    await silentLogin()
    return send<T>(path, options, auth)
  }
}

async function send<T>(path: string, options: RequestOptions, auth: boolean): Promise<T> {
  const method = options.method ?? 'GET'
  const qs = options.query ? toQueryString(options.query) : ''
  const header: Record<string, string> = {}
  const token = auth ? getToken() : null
  if (token) header.Authorization = `Bearer ${token}`
  if (options.data !== undefined) header['Content-Type'] = 'application/json'

  let response: RawResponse
  try {
    response = await Taro.request({
      url: `${API_BASE}${path}${qs ? `?${qs}` : ''}`,
      method,
      data: options.data,
      header,
      dataType: 'json',
    })
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络异常，请稍后重试')
  }

  if (response.statusCode >= 200 && response.statusCode < 300) {
    return (response.statusCode === 204 ? undefined : response.data) as T
  }
  throw errorFromResponse(response)
}

/**
 * Uploads one local file (a path from chooseImage) as the multipart part `file`, with the same token,
 * error mapping and toast as `request`. Taro implements uploadFile for weapp and H5 alike.
 */
export async function uploadFile<T>(path: string, filePath: string, options: { toast?: boolean } = {}): Promise<T> {
  const { toast = true } = options
  try {
    const token = getToken()
    let response: RawResponse
    try {
      const res = await Taro.uploadFile({ url: `${API_BASE}${path}`, filePath, name: 'file', header: token ? { Authorization: `Bearer ${token}` } : {} })
      response = { statusCode: res.statusCode, data: parseJson(res.data) }
    } catch {
      throw new ApiError(0, 'NETWORK_ERROR', '图片上传失败，请检查网络后重试')
    }
    if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T
    const error = errorFromResponse(response)
    if (error.isUnauthorized) {
      clearSession()
      if (IS_H5) goToLogin()
    }
    throw error
  } catch (err) {
    const apiError = toApiError(err)
    if (toast && !apiError.isUnauthorized) void Taro.showToast({ title: apiError.message, icon: 'none', duration: 2500 })
    throw apiError
  }
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data) as unknown
  } catch {
    return null
  }
}

function errorFromResponse(response: RawResponse): ApiError {
  const body = response.data as Partial<ApiErrorBody> | null
  if (body && typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiError(response.statusCode, body.code, body.message, body.fields, body.requestId)
  }
  return new ApiError(response.statusCode, 'BAD_RESPONSE', `服务异常（${response.statusCode}）`)
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  return new ApiError(0, 'NETWORK_ERROR', err instanceof Error ? err.message : '网络异常，请稍后重试')
}

const loginListeners: ((result: LoginResult) => void)[] = []

/** Runs after every successful login (binding a kept share code, for example). */
export function onLogin(listener: (result: LoginResult) => void): void {
  loginListeners.push(listener)
}

/** Exchanges a WeChat login code for a token and keeps the session. */
export async function loginWithCode(code: string): Promise<LoginResult> {
  const result = await send<LoginResult>('/api/auth/wechat-login', { method: 'POST', data: { code } }, false)
  saveSession(result)
  for (const listener of loginListeners) listener(result)
  return result
}

let silentLoginInFlight: Promise<LoginResult> | null = null

/** weapp only: `wx.login` → code → token. Concurrent callers share one attempt. */
export function silentLogin(): Promise<LoginResult> {
  if (!silentLoginInFlight) {
    silentLoginInFlight = (async () => {
      const { code } = await Taro.login()
      return loginWithCode(code)
    })().finally(() => {
      silentLoginInFlight = null
    })
  }
  return silentLoginInFlight
}

let lastLoginRedirect = 0

/** H5 only: opens the login page and comes back to the current page afterwards. */
export function goToLogin(redirect: string = currentPageUrl()): void {
  const now = Date.now()
  if (now - lastLoginRedirect < 1500) return // several requests may fail at once
  if (redirect.startsWith(Routes.login)) return
  lastLoginRedirect = now
  void Taro.navigateTo({ url: withQuery(Routes.login, { redirect }) })
}
