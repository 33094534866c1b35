import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { FakeWx, type ApiHandler } from './fake-wx'
import { findAllByClass, findById, nodeTagNames, textOf, walk, type TaroNode } from './tree'
import { walkWxml, wxmlRendererFor, type WxmlElement, type WxmlRenderer } from './wechat-compilers'

/**
 * Runs a Taro weapp build (`dist/weapp`) in a Node `vm` context, the way the WeChat base library would:
 * a CommonJS-style `require` over the build's files, `App`/`Page`/`Component` registration, page
 * instances with `setData` (Taro's path keys applied to `this.data`), a fake `wx`, and lifecycles
 * (App onLaunch/onShow; Page onLoad/onShow/onReady). No layout, no CSS, no real WXML rendering.
 */

export interface MiniProgramOptions {
  /** The weapp build to load (use a snapshot, see `snapshotWeappDist`). */
  distDir: string
  /** Answers `wx.request`. */
  api: ApiHandler
  loginCode?: () => string
  modalAnswer?: () => { confirm: boolean; cancel: boolean }
  /** Print the app's console output (env WEAPP_HARNESS_DEBUG=1 also does). */
  debug?: boolean
}

type Fn = (...args: unknown[]) => unknown
type SetDataCallback = () => void

/** A page instance as the fake base library builds it from the `Page()` config. */
export interface PageInstance {
  route: string
  __route__: string
  options: Record<string, string>
  data: Record<string, unknown>
  setData(data: Record<string, unknown>, callback?: SetDataCallback): void
  [key: string]: unknown
}

interface Timer {
  delay: number
  repeat: boolean
}

/** Splits a setData key like `root.cn.[0].cn.[1].v` or `list[2].name` into property steps. */
export function parseDataPath(key: string): Array<string | number> {
  const steps: Array<string | number> = []
  const re = /\[(\d+)\]|([^.[\]]+)/g
  for (let m = re.exec(key); m; m = re.exec(key)) {
    steps.push(m[1] !== undefined ? Number(m[1]) : m[2])
  }
  return steps
}

/** Applies one setData entry to `target`, creating arrays/objects along the path like the base library. */
export function applyDataPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const steps = parseDataPath(key)
  let cursor: Record<string | number, unknown> = target
  steps.forEach((step, i) => {
    if (i === steps.length - 1) {
      cursor[step] = value
      return
    }
    const next = cursor[step]
    if (next === null || typeof next !== 'object') {
      cursor[step] = typeof steps[i + 1] === 'number' ? [] : {}
    }
    cursor = cursor[step] as Record<string | number, unknown>
  })
}

export class MiniProgram {
  readonly wx: FakeWx
  /** Raw `setData` payloads per page route, in order. */
  readonly setDataLog: Array<{ route: string; data: Record<string, unknown> }> = []
  /** Errors thrown by the app inside callbacks and timers, and console.error output. */
  readonly errors: unknown[] = []
  readonly logs: string[] = []
  /** Navigation API calls (navigateTo, redirectTo, switchTab, reLaunch) in order. */
  readonly navigations: Array<{ api: string; url: string }> = []

  readonly context: vm.Context
  /** Copies a value into the app's realm (its own Object/Array), as data crossing from the base library would be. */
  readonly cloneIn: <T>(value: T) => T
  readonly tagNames: Map<string, string>
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageConfigs = new Map<string, Record<string, unknown>>()
  private readonly componentConfigs = new Map<string, Record<string, unknown>>()
  private readonly pageStack: PageInstance[] = []
  private readonly timers = new Map<NodeJS.Timeout, Timer>()
  private registering: string | null = null
  private appConfig: Record<string, unknown> | undefined

  constructor(readonly options: MiniProgramOptions) {
    const debug = options.debug ?? process.env.WEAPP_HARNESS_DEBUG === '1'
    const say = (level: string) => (...args: unknown[]) => {
      const line = args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.stack : safeJson(a))).join(' ')
      this.logs.push(`[${level}] ${line}`)
      if (level === 'error') this.errors.push(line)
      if (debug) process.stdout.write(`[weapp ${level}] ${line}\n`)
    }
    const fakeConsole = { log: say('log'), info: say('info'), debug: say('debug'), warn: say('warn'), error: say('error'), trace: say('trace'), group: () => undefined, groupEnd: () => undefined, time: () => undefined, timeEnd: () => undefined }

    const trackTimer = (repeat: boolean) => (fn: Fn | string, delay?: number, ...args: unknown[]) => {
      const ms = Number(delay) || 0
      const run = () => {
        if (!repeat) this.timers.delete(handle)
        this.guard(() => (typeof fn === 'function' ? fn(...args) : undefined))
      }
      const handle = repeat ? setInterval(run, ms) : setTimeout(run, ms)
      this.timers.set(handle, { delay: ms, repeat })
      return handle
    }
    const clearTimer = (handle: unknown) => {
      if (handle && this.timers.has(handle as NodeJS.Timeout)) {
        clearTimeout(handle as NodeJS.Timeout)
        this.timers.delete(handle as NodeJS.Timeout)
      }
    }

    const sandbox: Record<string, unknown> = {
      console: fakeConsole,
      setTimeout: trackTimer(false),
      setInterval: trackTimer(true),
      clearTimeout: clearTimer,
      clearInterval: clearTimer,
      App: (config: Record<string, unknown>) => {
        this.appConfig = config
      },
      Page: (config: Record<string, unknown>) => {
        if (!this.registering) throw new Error('Page() called outside a page module')
        this.pageConfigs.set(this.registering, config)
      },
      Component: (config: Record<string, unknown>) => {
        this.componentConfigs.set(this.registering ?? '?', config)
      },
      Behavior: (config: unknown) => config,
      getApp: () => this.appConfig,
      getCurrentPages: () => [...this.pageStack],
    }
    this.context = vm.createContext(sandbox, { name: 'weapp' })
    const innerJson = vm.runInContext('JSON', this.context) as JSON
    const cloneIn = <T>(value: T): T => (value === undefined ? value : (innerJson.parse(JSON.stringify(value)) as T))
    this.cloneIn = cloneIn

    this.wx = new FakeWx({
      api: options.api,
      loginCode: options.loginCode,
      modalAnswer: options.modalAnswer,
      cloneIn,
      defer: (fn) => {
        trackTimer(false)(fn, 0)
      },
      onNavigate: (api, url) => this.navigations.push({ api, url }),
    })
    sandbox.wx = this.wx.build()
    this.tagNames = nodeTagNames(fs.readFileSync(path.join(options.distDir, 'base.wxml'), 'utf8'))
  }

  /** Runs app code, keeping its exceptions as `errors` instead of crashing the test process. */
  private guard(fn: () => unknown): void {
    try {
      const result = fn()
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        ;(result as Promise<unknown>).then(undefined, (err: unknown) => this.errors.push(err))
      }
    } catch (err) {
      this.errors.push(err)
    }
  }

  /** CommonJS `require` over the build, relative to `fromDir` (paths as the build writes them). */
  require(request: string, fromDir: string = this.options.distDir): unknown {
    let file = path.resolve(fromDir, request)
    if (!file.endsWith('.js')) file += '.js'
    const cached = this.modules.get(file)
    if (cached) return cached.exports
    const code = fs.readFileSync(file, 'utf8')
    const module = { exports: {} as unknown }
    this.modules.set(file, module)
    const wrapper = vm.runInContext(`(function (require, module, exports, __filename, __dirname) {${code}\n})`, this.context, {
      filename: file,
    }) as Fn
    const localRequire = (r: string) => this.require(r, path.dirname(file))
    wrapper.call(module.exports, localRequire, module, module.exports, file, path.dirname(file))
    return module.exports
  }

  /** Loads app.js and runs App onLaunch/onShow, then lets the app settle. */
  async launch(options: { path?: string; query?: Record<string, string>; scene?: number } = {}): Promise<void> {
    this.require('app.js')
    if (!this.appConfig) throw new Error('app.js did not call App()')
    const launchOptions = { path: options.path ?? 'pages/index/index', query: options.query ?? {}, scene: options.scene ?? 1001, referrerInfo: {} }
    this.callLifecycle(this.appConfig, 'onLaunch', launchOptions)
    this.callLifecycle(this.appConfig, 'onShow', launchOptions)
    await this.flush()
  }

  /** WeChat's template engine for this build (wcc output), compiled on first use. */
  get renderer(): WxmlRenderer {
    return wxmlRendererFor(this.options.distDir)
  }

  get app(): Record<string, unknown> | undefined {
    return this.appConfig
  }

  private callLifecycle(target: Record<string, unknown>, name: string, ...args: unknown[]): void {
    const fn = target[name]
    if (typeof fn === 'function') this.guard(() => (fn as Fn).apply(target, args))
  }

  /**
   * Opens a page like the base library: requires `<route>.js` (which calls `Page()`), builds the
   * instance from the config, pushes it on the stack, runs onLoad(query) → onShow → onReady, then settles.
   * `route` may be given with a leading slash and a query string (`/packages/shop/product/index?id=3`).
   */
  async openPage(url: string, query: Record<string, string> = {}): Promise<PageHandle> {
    const [routePart, qs] = url.replace(/^\//, '').split('?')
    const route = routePart
    const fullQuery = { ...Object.fromEntries(new URLSearchParams(qs ?? '')), ...query }
    if (!this.pageConfigs.has(route)) {
      this.registering = route
      try {
        this.require(`${route}.js`)
      } finally {
        this.registering = null
      }
    }
    const config = this.pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)

    const previous = this.pageStack[this.pageStack.length - 1]
    if (previous) this.callLifecycle(previous, 'onHide')

    const instance = this.createPageInstance(route, config, fullQuery)
    this.pageStack.push(instance)
    this.callLifecycle(instance, 'onLoad', { ...fullQuery })
    this.callLifecycle(instance, 'onShow')
    await this.flush()
    this.callLifecycle(instance, 'onReady')
    await this.flush()
    return new PageHandle(this, instance)
  }

  private createPageInstance(route: string, config: Record<string, unknown>, query: Record<string, string>): PageInstance {
    const log = this.setDataLog
    const defer = (fn: () => void) => {
      const handle = setTimeout(() => {
        this.timers.delete(handle)
        this.guard(fn)
      }, 0)
      this.timers.set(handle, { delay: 0, repeat: false })
    }
    const instance: PageInstance = {
      route,
      __route__: route,
      options: { ...query },
      __wxWebviewId__: this.pageStack.length + 1,
      __wxExparserNodeId__: `page-${this.pageStack.length + 1}`,
      data: JSON.parse(JSON.stringify(config.data ?? {})) as Record<string, unknown>,
      setData(data: Record<string, unknown>, callback?: SetDataCallback) {
        // The base library serialises setData payloads: no functions, no shared references.
        const payload = JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>
        log.push({ route, data: payload })
        for (const [key, value] of Object.entries(payload)) applyDataPath(this.data, key, value)
        if (typeof callback === 'function') defer(callback)
      },
      selectComponent: () => null,
      selectAllComponents: () => [],
      getOpenerEventChannel: () => ({ emit: () => undefined, on: () => undefined, once: () => undefined, off: () => undefined }),
    }
    const wxGlobal = (this.context as Record<string, unknown>).wx
    instance.createSelectorQuery = () => (wxGlobal as { createSelectorQuery: () => unknown }).createSelectorQuery()
    for (const key in config) {
      if (key !== 'data') instance[key] = config[key]
    }
    return instance
  }

  /** The page stack, oldest first (what `getCurrentPages()` returns in the app). */
  get pages(): PageInstance[] {
    return [...this.pageStack]
  }

  /** Lets promises, zero-delay timers and setData callbacks run until the app is idle (or 3 s pass). */
  async flush(maxMs = 3000): Promise<void> {
    const deadline = Date.now() + maxMs
    let idleRounds = 0
    while (Date.now() < deadline) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0))
      const busy = [...this.timers.values()].some((t) => !t.repeat && t.delay <= 50)
      idleRounds = busy ? 0 : idleRounds + 1
      if (idleRounds >= 3) return
    }
  }

  /** Flushes until `predicate` holds; fails with `what` after timeoutMs. */
  async waitFor(predicate: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      if (predicate()) return
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
      await this.flush(50)
      await new Promise<void>((resolve) => setTimeout(resolve, 5))
    }
  }

  /** Stops every timer the app left running (countdowns, intervals). */
  dispose(): void {
    for (const handle of this.timers.keys()) clearTimeout(handle)
    this.timers.clear()
  }
}

/** One open page: its instance, its rendered element tree and ways to act on it. */
export class PageHandle {
  constructor(
    readonly mp: MiniProgram,
    readonly instance: PageInstance,
  ) {}

  get route(): string {
    return this.instance.route
  }

  /** The element tree Taro rendered into the page data (`data.root`). */
  get root(): TaroNode {
    return (this.instance.data.root ?? { nn: 'root', cn: [] }) as TaroNode
  }

  findByClass(cls: string): TaroNode[] {
    return findAllByClass(this.root, cls)
  }

  findById(id: string): TaroNode | undefined {
    return findById(this.root, id)
  }

  /** Every node, depth first. */
  nodes(): TaroNode[] {
    return [...walk(this.root)]
  }

  textOf(node: TaroNode | undefined): string {
    return textOf(node)
  }

  /** All text on the page. */
  text(): string {
    return textOf(this.root)
  }

  /** The WXML tag Taro's template renders the node as ('view', 'text', 'button', …, '#text'). */
  tagOf(node: TaroNode): string {
    return this.mp.tagNames.get(node.nn) ?? node.nn
  }

  /**
   * The page as WeChat's view layer would build it: the page's wxml compiled by wcc (it imports
   * base.wxml, Taro's generic templates) rendered with the current page data.
   */
  render(): WxmlElement {
    return this.mp.renderer.render(`${this.route}.wxml`, this.instance.data)
  }

  /** The rendered element of a tree node (matched by `data-sid`). */
  renderedElementOf(node: TaroNode): WxmlElement | undefined {
    for (const el of walkWxml(this.render())) if (el.attr?.['data-sid'] === node.sid) return el
    return undefined
  }

  /** Taps a node; see `trigger`. */
  async tap(node: TaroNode | undefined, detail: Record<string, unknown> = { x: 0, y: 0 }): Promise<void> {
    await this.trigger(node, 'tap', detail)
  }

  /**
   * Fires an event at a node the way WeChat does with Taro's template. The page is rendered with the
   * real compiled templates; the event bubbles from the node's element up through its ancestors, and
   * every element that binds the event (`bind<type>="eh"`) gets a call of the page's `eh` (Taro's
   * eventHandler) with currentTarget = { id, dataset } of that element, as base.wxml writes them
   * (`id="{{i.uid||i.sid}}" data-sid="{{i.sid}}"`); `catch<type>` stops the bubbling.
   * Fails if nothing on the path handles the event, as a tap on such a node would do nothing.
   */
  async trigger(node: TaroNode | undefined, type: string, detail: Record<string, unknown> = {}): Promise<void> {
    if (!node) throw new Error(`${type}: no such node`)
    const eh = this.instance.eh
    if (typeof eh !== 'function') throw new Error(`${this.route} has no event handler "eh"`)
    const pathToNode = findPath(this.render(), (el) => el.attr?.['data-sid'] === node.sid)
    if (!pathToNode) throw new Error(`${type}: node ${node.sid} (.${node.cl ?? ''}) is not in the rendered page`)
    const toTarget = (el: WxmlElement) => ({ id: String(el.attr?.id ?? ''), dataset: datasetOf(el) })
    const target = toTarget(pathToNode[pathToNode.length - 1])
    let handled = 0
    for (const el of [...pathToNode].reverse()) {
      const bind = el.attr?.[`bind${type}`] ?? el.attr?.[`bind:${type}`]
      const catcher = el.attr?.[`catch${type}`] ?? el.attr?.[`catch:${type}`]
      const handler = catcher ?? bind
      if (handler === undefined) continue
      if (handler !== 'eh') throw new Error(`unexpected handler ${String(handler)} on ${el.tag}`)
      const event = { type, timeStamp: Date.now(), target, currentTarget: toTarget(el), detail, touches: [], changedTouches: [], mark: {} }
      ;(eh as Fn).call(this.instance, this.mp.cloneIn(event))
      handled++
      if (catcher !== undefined) break
    }
    if (handled === 0) throw new Error(`${type} on .${node.cl ?? node.sid}: no element on its path binds ${type}`)
    await this.mp.flush()
  }

  /** Waits until at least one node has `cls`; returns them. */
  async waitForClass(cls: string, timeoutMs?: number): Promise<TaroNode[]> {
    await this.mp.waitFor(() => this.findByClass(cls).length > 0, `.${cls} on ${this.route}`, timeoutMs)
    return this.findByClass(cls)
  }
}

/** The elements from the root down to the first element matching `test`. */
function findPath(root: WxmlElement, test: (el: WxmlElement) => boolean): WxmlElement[] | undefined {
  if (test(root)) return [root]
  for (const child of root.children ?? []) {
    if (typeof child === 'string') continue
    const sub = findPath(child, test)
    if (sub) return [root, ...sub]
  }
  return undefined
}

/** `data-foo-bar` attributes → { fooBar }, like the base library's dataset. */
function datasetOf(el: WxmlElement): Record<string, unknown> {
  const dataset: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(el.attr ?? {})) {
    if (k.startsWith('data-')) dataset[k.slice(5).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = v
  }
  return dataset
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}
