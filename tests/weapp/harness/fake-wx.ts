/**
 * A fake `wx` for running the Taro weapp build in Node: enough of the API surface for Taro's runtime
 * and the app's pages. Every call is recorded; `wx.request` is answered by a pluggable handler.
 */

/** A request as the handler sees it. */
export interface ApiRequest {
  method: string
  /** The full URL the app asked for. */
  url: string
  /** Path without origin and query, e.g. `/api/products/7`. */
  path: string
  query: Record<string, string>
  data: unknown
  header: Record<string, string>
}

export interface ApiResponse {
  statusCode: number
  data?: unknown
  header?: Record<string, string>
}

/** Answers a request; throw (or reject) to simulate a network failure. */
export type ApiHandler = (request: ApiRequest) => ApiResponse | Promise<ApiResponse>

/** One recorded `wx.*` call: the options without callbacks (or the positional args of a sync API). */
export interface WxCall {
  api: string
  args: unknown
}

export interface FakeWxOptions {
  api: ApiHandler
  /** Code returned by `wx.login` (default: `test-code-<n>`). */
  loginCode?: () => string
  /** Answer of `wx.showModal` (default: confirm). */
  modalAnswer?: () => { confirm: boolean; cancel: boolean; content?: string }
  /** Deferred work (the fake's success callbacks) runs through this, so the harness can track it. */
  defer: (fn: () => void) => void
  /** Copies a value into the realm of the code under test. */
  cloneIn: <T>(value: T) => T
  /** Called on navigation APIs, after they are recorded. */
  onNavigate?: (api: string, url: string) => void
}

type Callbacks = {
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}

type AnyOptions = Callbacks & Record<string, unknown>

function withoutCallbacks(options: unknown): unknown {
  if (!options || typeof options !== 'object') return options
  const copy: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(options as Record<string, unknown>)) {
    if (typeof v !== 'function') copy[k] = v
  }
  return JSON.parse(JSON.stringify(copy)) as unknown
}

export const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 12/13 (Pro)',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 753,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.5',
  system: 'iOS 16.0',
  platform: 'devtools',
  fontSizeSetting: 16,
  SDKVersion: '3.4.0',
  benchmarkLevel: 1,
  safeArea: { top: 47, left: 0, right: 390, bottom: 810, width: 390, height: 763 },
  theme: 'light',
  enableDebug: false,
  deviceOrientation: 'portrait',
  host: { env: 'WeChat' },
}

export const MENU_BUTTON_RECT = { width: 87, height: 32, top: 51, right: 383, bottom: 83, left: 296 }

export class FakeWx {
  readonly calls: WxCall[] = []
  readonly storage = new Map<string, unknown>()
  private loginCount = 0

  constructor(private readonly options: FakeWxOptions) {}

  /** Calls of one API, newest last. */
  callsOf(api: string): unknown[] {
    return this.calls.filter((c) => c.api === api).map((c) => c.args)
  }

  /** The object installed as the global `wx`. Only own enumerable keys are seen by Taro's API wrapper. */
  build(): Record<string, unknown> {
    const o = this.options
    const record = (api: string, args: unknown) => this.calls.push({ api, args: withoutCallbacks(args) })
    const settle = (api: string, options: AnyOptions | undefined, run: () => unknown | Promise<unknown>) => {
      o.defer(() => {
        Promise.resolve()
          .then(run)
          .then(
            (result) => {
              const res = o.cloneIn({ errMsg: `${api}:ok`, ...(result as object | undefined) })
              options?.success?.(res)
              options?.complete?.(res)
            },
            (err: unknown) => {
              const res = o.cloneIn({ errMsg: `${api}:fail ${err instanceof Error ? err.message : String(err)}` })
              options?.fail?.(res)
              options?.complete?.(res)
            },
          )
      })
    }
    /** An async API: records the options, answers through the callbacks (and a promise, like the real base library). */
    const async = (api: string, run: (options: AnyOptions) => unknown = () => ({})) => (options: AnyOptions = {}) => {
      record(api, options)
      settle(api, options, () => run(options))
    }
    const sync = <A extends unknown[], R>(api: string, run: (...args: A) => R) => (...args: A): R => {
      record(api, args)
      return run(...args)
    }
    const navigate = (api: string) =>
      async(api, (opts) => {
        o.onNavigate?.(api, String(opts.url ?? ''))
        return {}
      })

    const selectorQuery = (): Record<string, unknown> => {
      const results: unknown[] = []
      const callbacks: Array<((r: unknown) => void) | undefined> = []
      const node = (value: () => unknown) => (cb?: (r: unknown) => void) => {
        results.push(value())
        callbacks.push(cb)
        return query
      }
      const nodesRef = {
        boundingClientRect: node(() => ({ id: '', dataset: {}, left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 })),
        scrollOffset: node(() => ({ id: '', dataset: {}, scrollLeft: 0, scrollTop: 0, scrollWidth: 0, scrollHeight: 0 })),
        fields: (_f: unknown, cb?: (r: unknown) => void) => node(() => ({}))(cb),
        node: node(() => ({ node: null })),
        context: node(() => ({ context: null })),
      }
      const query: Record<string, unknown> = {
        in: () => query,
        select: () => nodesRef,
        selectAll: () => nodesRef,
        selectViewport: () => nodesRef,
        exec: (cb?: (r: unknown[]) => void) => {
          o.defer(() => {
            const cloned = o.cloneIn(results)
            cloned.forEach((r, i) => callbacks[i]?.(r))
            cb?.(cloned)
          })
        },
      }
      return query
    }

    return {
      // network
      request: (options: AnyOptions) => {
        record('request', options)
        let aborted = false
        settle('request', options, async () => {
          const url = String(options.url)
          const parsed = new URL(url, 'http://weapp.invalid')
          const query: Record<string, string> = {}
          parsed.searchParams.forEach((v, k) => (query[k] = v))
          const response = await o.api({
            method: String(options.method ?? 'GET').toUpperCase(),
            url,
            path: parsed.pathname,
            query,
            data: withoutCallbacks(options.data),
            header: (withoutCallbacks(options.header) ?? {}) as Record<string, string>,
          })
          if (aborted) throw new Error('abort')
          return { statusCode: response.statusCode, data: response.data ?? '', header: response.header ?? { 'content-type': 'application/json' }, cookies: [] }
        })
        return {
          abort: () => {
            aborted = true
          },
          onHeadersReceived: () => undefined,
          offHeadersReceived: () => undefined,
          onChunkReceived: () => undefined,
          offChunkReceived: () => undefined,
        }
      },
      // login
      login: async('login', () => ({ code: o.loginCode ? o.loginCode() : `test-code-${++this.loginCount}` })),
      checkSession: async('checkSession'),
      // storage (values are kept as JSON, like the real storage)
      setStorageSync: sync('setStorageSync', (key: string, value: unknown) => {
        this.storage.set(key, JSON.parse(JSON.stringify(value ?? null)) as unknown)
      }),
      getStorageSync: sync('getStorageSync', (key: string) => (this.storage.has(key) ? o.cloneIn(this.storage.get(key)) : '')),
      removeStorageSync: sync('removeStorageSync', (key: string) => {
        this.storage.delete(key)
      }),
      clearStorageSync: sync('clearStorageSync', () => this.storage.clear()),
      getStorageInfoSync: sync('getStorageInfoSync', () => o.cloneIn({ keys: [...this.storage.keys()], currentSize: 0, limitSize: 10240 })),
      setStorage: async('setStorage', (opts) => {
        this.storage.set(String(opts.key), JSON.parse(JSON.stringify(opts.data ?? null)) as unknown)
      }),
      getStorage: async('getStorage', (opts) => {
        if (!this.storage.has(String(opts.key))) throw new Error('data not found')
        return { data: this.storage.get(String(opts.key)) }
      }),
      removeStorage: async('removeStorage', (opts) => {
        this.storage.delete(String(opts.key))
      }),
      // UI feedback
      showToast: async('showToast'),
      hideToast: async('hideToast'),
      showLoading: async('showLoading'),
      hideLoading: async('hideLoading'),
      showModal: async('showModal', () => (o.modalAnswer ? o.modalAnswer() : { confirm: true, cancel: false })),
      showActionSheet: async('showActionSheet', () => ({ tapIndex: 0 })),
      setNavigationBarTitle: async('setNavigationBarTitle'),
      setNavigationBarColor: async('setNavigationBarColor'),
      showNavigationBarLoading: async('showNavigationBarLoading'),
      hideNavigationBarLoading: async('hideNavigationBarLoading'),
      startPullDownRefresh: async('startPullDownRefresh'),
      stopPullDownRefresh: async('stopPullDownRefresh'),
      pageScrollTo: async('pageScrollTo'),
      setTabBarBadge: async('setTabBarBadge'),
      removeTabBarBadge: async('removeTabBarBadge'),
      showTabBarRedDot: async('showTabBarRedDot'),
      hideTabBarRedDot: async('hideTabBarRedDot'),
      previewImage: async('previewImage'),
      setClipboardData: async('setClipboardData'),
      vibrateShort: async('vibrateShort'),
      // navigation
      navigateTo: navigate('navigateTo'),
      redirectTo: navigate('redirectTo'),
      switchTab: navigate('switchTab'),
      reLaunch: navigate('reLaunch'),
      navigateBack: async('navigateBack'),
      // system
      getSystemInfoSync: sync('getSystemInfoSync', () => o.cloneIn(SYSTEM_INFO)),
      getSystemInfo: async('getSystemInfo', () => SYSTEM_INFO),
      getWindowInfo: sync('getWindowInfo', () => o.cloneIn(SYSTEM_INFO)),
      getDeviceInfo: sync('getDeviceInfo', () => o.cloneIn(SYSTEM_INFO)),
      getAppBaseInfo: sync('getAppBaseInfo', () => o.cloneIn(SYSTEM_INFO)),
      getMenuButtonBoundingClientRect: sync('getMenuButtonBoundingClientRect', () => o.cloneIn(MENU_BUTTON_RECT)),
      getLaunchOptionsSync: sync('getLaunchOptionsSync', () => o.cloneIn({ path: 'pages/index/index', query: {}, scene: 1001 })),
      getEnterOptionsSync: sync('getEnterOptionsSync', () => o.cloneIn({ path: 'pages/index/index', query: {}, scene: 1001 })),
      getUpdateManager: sync('getUpdateManager', () => ({ onCheckForUpdate: () => undefined, onUpdateReady: () => undefined, onUpdateFailed: () => undefined, applyUpdate: () => undefined })),
      createSelectorQuery: sync('createSelectorQuery', selectorQuery),
      createIntersectionObserver: sync('createIntersectionObserver', () => ({ relativeTo: function () { return this }, relativeToViewport: function () { return this }, observe: () => undefined, disconnect: () => undefined })),
      nextTick: (fn: () => void) => o.defer(fn),
      canIUse: () => true,
      reportAnalytics: () => undefined,
      onAppRoute: () => undefined,
      onAppShow: () => undefined,
      onAppHide: () => undefined,
      onError: () => undefined,
      onUnhandledRejection: () => undefined,
      onNetworkStatusChange: () => undefined,
      onMemoryWarning: () => undefined,
    }
  }
}
