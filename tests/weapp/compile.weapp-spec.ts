import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  WxmlRenderer, allPageRoutes, compileWxml, compileWxss, listFiles, nodeTagNames, parseWxssOutput, readAppJson,
  removeSnapshot, snapshotWeappDist, subPackagesOf, walkWxml, wxmlText, type AppJson,
} from './harness'

/**
 * The weapp build as WeChat would compile it: wcc/wcsc (WeChat's compilers, from npm
 * `miniprogram-compiler`) on every wxml, wxs and wxss, plus app.json and package-size checks.
 */

const TAB_PAGES = ['pages/index/index', 'pages/category/index', 'pages/cart/index', 'pages/mine/index']
const SUBPACKAGE_ROOTS = ['packages/shop', 'packages/order', 'packages/user']
const MAX_PACKAGE_BYTES = 2 * 1024 * 1024
const MAX_TAB_ICON_BYTES = 40 * 1024
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

let dist: string
let app: AppJson
let files: string[]

beforeAll(async () => {
  dist = await snapshotWeappDist()
  app = readAppJson(dist)
  files = listFiles(dist)
}, 90_000)

afterAll(() => removeSnapshot(dist))

const exists = (file: string) => files.includes(file)

describe('WXML: wcc', () => {
  const wxmlInputs = () => {
    const pages = allPageRoutes(app).map((route) => `${route}.wxml`)
    // Everything wxml in the build (base/comp and any extra templates), pages included.
    const wxml = [...new Set(['base.wxml', ...files.filter((f) => f.endsWith('.wxml')), ...pages])]
    const wxs = files.filter((f) => f.endsWith('.wxs'))
    return { pages, wxml, wxs }
  }

  it('compiles base.wxml, comp.wxml, utils.wxs and every page wxml', () => {
    const { pages, wxml, wxs } = wxmlInputs()
    expect(wxml).toContain('base.wxml')
    if (exists('comp.wxml')) expect(wxml).toContain('comp.wxml')
    if (exists('utils.wxs')) expect(wxs).toContain('utils.wxs')
    for (const page of pages) expect(wxml).toContain(page)

    const result = compileWxml(dist, wxml, wxs)
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' })
    expect(result.stdout.length).toBeGreaterThan(1000)
    expect(result.stdout).toContain('$gwx')
    for (const file of wxml) expect(result.stdout).toContain(`'${file}'`)
  })

  it('gives every page a template that renders Taro data through base.wxml', () => {
    const { pages, wxml, wxs } = wxmlInputs()
    const renderer = new WxmlRenderer(dist, wxml, wxs)
    const tags = nodeTagNames(fs.readFileSync(path.join(dist, 'base.wxml'), 'utf8'))
    const viewNn = [...tags].find(([, tag]) => tag === 'view')?.[0]
    const textNn = [...tags].find(([, tag]) => tag === '#text')?.[0]
    expect(viewNn).toBeDefined()
    expect(textNn).toBeDefined()
    const data = { root: { cn: [{ nn: viewNn, sid: '_n_1', cl: 'probe', cn: [{ nn: textNn, sid: '_n_2', v: '你好 weapp' }] }] } }

    for (const page of pages) {
      const tree = renderer.render(page, data)
      expect(tree.tag).toBe('wx-page')
      const probe = [...walkWxml(tree)].find((el) => el.attr?.class === 'probe')
      expect(probe).toMatchObject({ tag: 'wx-view', attr: { id: '_n_1', 'data-sid': '_n_1' } })
      expect(wxmlText(probe)).toBe('你好 weapp')
    }
    expect(renderer.warnings).toEqual([])
  })
})

describe('WXSS: wcsc', () => {
  it('compiles app.wxss, every page wxss and the shared wxss they import', () => {
    const wxss = files.filter((f) => f.endsWith('.wxss'))
    const pageFiles = [
      'app.wxss',
      ...allPageRoutes(app).map((route) => `${route}.wxss`),
      ...['base.wxss', 'comp.wxss'].filter(exists),
    ]
    for (const f of pageFiles) expect(wxss).toContain(f)
    const imported = wxss.filter((f) => !pageFiles.includes(f))

    const result = compileWxss(dist, pageFiles, imported)
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' })
    expect(result.stdout.length).toBeGreaterThan(0)

    const compiled = parseWxssOutput(result.stdout)
    expect(compiled.get('comm')).toBeTruthy()
    for (const file of pageFiles) {
      const js = compiled.get(file)
      expect(js).toBeDefined()
      const source = fs.readFileSync(path.join(dist, file), 'utf8').trim()
      // A non-empty stylesheet compiles to a non-empty setCssToHead([...]) call.
      if (source) expect(js).not.toMatch(/^setCssToHead\(\[\],/)
    }
    // rpx is turned into wcsc's [0, n] markers, so the app's rpx styles really went through it.
    expect(compiled.get('app.wxss')).toMatch(/\[0,\d+\]/)
  })

  it('fails on broken input, so the checks above can fail', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-broken-'))
    try {
      fs.writeFileSync(path.join(dir, 'a.wxss'), '.a{color:red')
      fs.writeFileSync(path.join(dir, 'a.wxml'), '<view><text></view>')
      expect(compileWxss(dir, ['a.wxss']).status).not.toBe(0)
      const wcc = compileWxml(dir, ['a.wxml'])
      expect(wcc.status).not.toBe(0)
      expect(wcc.stderr).toContain('a.wxml')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('app.json', () => {
  it('lists the four tab pages and the subpackages', () => {
    expect(app.pages).toEqual(expect.arrayContaining(TAB_PAGES))
    expect(app.pages[0]).toBe('pages/index/index')
    expect(app.subPackages).toBeDefined()
    expect(subPackagesOf(app).map((p) => p.root)).toEqual(expect.arrayContaining(SUBPACKAGE_ROOTS))
    for (const sub of subPackagesOf(app)) expect(sub.pages.length).toBeGreaterThan(0)
  })

  it('has a tabBar over the tab pages whose icons are small PNGs in the build', () => {
    const list = app.tabBar?.list ?? []
    expect(list.map((item) => item.pagePath)).toEqual(TAB_PAGES)
    for (const item of list) {
      expect(item.text).toBeTruthy()
      for (const icon of [item.iconPath, item.selectedIconPath]) {
        expect(icon).toBeDefined()
        const file = path.join(dist, icon as string)
        expect({ icon, exists: fs.existsSync(file) }).toEqual({ icon, exists: true })
        const bytes = fs.readFileSync(file)
        expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
        expect(bytes.length).toBeLessThan(MAX_TAB_ICON_BYTES)
      }
    }
  })
})

describe('package size', () => {
  const sizeOf = (list: string[]) => list.reduce((sum, f) => sum + fs.statSync(path.join(dist, f)).size, 0)
  const inRoot = (file: string, root: string) => file.startsWith(`${root.replace(/\/$/, '')}/`)
  // Everything but the DevTools project files counts (conservative: licence notes included).
  const packaged = () => files.filter((f) => !/^project(\.private)?\.config\.json$/.test(f))

  it('keeps the main package (everything outside subpackage roots) under 2 MB', () => {
    const roots = subPackagesOf(app).map((p) => p.root)
    const main = packaged().filter((f) => !roots.some((root) => inRoot(f, root)))
    expect(main).toEqual(expect.arrayContaining(['app.js', 'app.json', 'base.wxml', ...TAB_PAGES.map((p) => `${p}.js`)]))
    expect(sizeOf(main)).toBeLessThan(MAX_PACKAGE_BYTES)
  })

  it('keeps each subpackage under 2 MB', () => {
    for (const { root } of subPackagesOf(app)) {
      const own = packaged().filter((f) => inRoot(f, root))
      expect(own.length).toBeGreaterThan(0)
      expect({ root, bytes: sizeOf(own) < MAX_PACKAGE_BYTES }).toEqual({ root, bytes: true })
    }
  })
})
