import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'

/**
 * WeChat's own WXML (`wcc`) and WXSS (`wcsc`) compilers, as shipped in npm `miniprogram-compiler`.
 *
 * The package's JS wrapper chmods the binaries inside node_modules and swallows wcsc errors, so this
 * calls the binaries directly, with the arguments the wrapper (and DevTools) use:
 *   wcc  -d -cc "<component args>" <wxml files…> <wxs files…> -gn $gwx
 *   wcsc -db -pc <page file count> <page wxss files…> <imported wxss files…>
 * Both run with cwd = the build dir and take paths relative to it.
 */

export interface CompileResult {
  status: number | null
  stdout: string
  stderr: string
  args: string[]
}

function binaryDir(): string {
  const platformDir = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux'
  return path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', platformDir)
}

let cachedBins: { wcc: string; wcsc: string } | undefined

/**
 * npm installs the binaries without the exec bit: use executable copies in a shared temp dir
 * (one per package version, reused across runs; written to a temp name and renamed, so parallel
 * workers never see a half-written file).
 */
export function compilerBinaries(): { wcc: string; wcsc: string } {
  if (cachedBins) return cachedBins
  const ext = process.platform === 'win32' ? '.exe' : ''
  const { version } = JSON.parse(fs.readFileSync(require.resolve('miniprogram-compiler/package.json'), 'utf8')) as { version: string }
  const dir = path.join(os.tmpdir(), `miniprogram-compiler-${version}-${process.platform}`)
  fs.mkdirSync(dir, { recursive: true })
  const copy = (name: string) => {
    const source = path.join(binaryDir(), name + ext)
    const target = path.join(dir, name + ext)
    const current = fs.existsSync(target) ? fs.statSync(target) : null
    if (!current || current.size !== fs.statSync(source).size || (current.mode & 0o111) === 0) {
      const partial = `${target}.${process.pid}`
      fs.copyFileSync(source, partial)
      fs.chmodSync(partial, 0o755)
      fs.renameSync(partial, target)
    }
    return target
  }
  cachedBins = { wcc: copy('wcc'), wcsc: copy('wcsc') }
  return cachedBins
}

function run(bin: string, args: string[], cwd: string): CompileResult {
  const result = spawnSync(bin, args, { cwd, maxBuffer: 64 * 1024 * 1024 })
  if (result.error) throw result.error
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString(), args }
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    return null
  }
}

/**
 * Compiles wxml (+ wxs) files, paths relative to root. Like DevTools, it passes the custom components
 * each file uses (from its .json `usingComponents`) as `-cc "<count> <file> <n> <names…> …"`.
 */
export function compileWxml(root: string, wxmlFiles: string[], wxsFiles: string[] = []): CompileResult {
  const componentArgs: string[] = []
  let count = 0
  for (const file of wxmlFiles) {
    const json = readJson(path.join(root, file.replace(/\.wxml$/, '.json')))
    const using = json?.usingComponents
    if (using && typeof using === 'object') {
      const names = Object.keys(using)
      componentArgs.push(file, String(names.length), ...names)
      count++
    }
  }
  const args = ['-d', '-cc', [String(count), ...componentArgs].join(' '), ...wxmlFiles, ...wxsFiles, '-gn', '$gwx']
  return run(compilerBinaries().wcc, args, root)
}

/**
 * Compiles wxss. `pageFiles` (app.wxss and page/component wxss) each get their own output entry with
 * their @imports inlined; `importedFiles` must list every file they import, or wcsc fails.
 */
export function compileWxss(root: string, pageFiles: string[], importedFiles: string[] = []): CompileResult {
  const args = ['-db', '-pc', String(pageFiles.length), ...pageFiles, ...importedFiles]
  return run(compilerBinaries().wcsc, args, root)
}

/**
 * wcsc prints `version=…=comm=<js>=<file>=<js>=…`; this splits it into file → generated JS
 * (with `comm`, the shared rpx runtime, under "comm").
 */
export function parseWxssOutput(stdout: string): Map<string, string> {
  const parts = stdout.split('=')
  const map = new Map<string, string>()
  for (let i = 0; i + 1 < parts.length; i += 2) map.set(parts[i], parts[i + 1])
  return map
}

/** One element of the virtual tree produced by the compiled wxml (`$gwx(file)(data)`). */
export interface WxmlElement {
  tag: string
  attr?: Record<string, unknown>
  children?: Array<WxmlElement | string>
  text?: string
  [key: string]: unknown
}

/**
 * WeChat's own template engine for a build: compiles every wxml/wxs with wcc and evaluates the output.
 * `render('pages/index/index.wxml', pageData)` returns the virtual tree the view layer would build
 * (tags `wx-view`, `wx-text`, …; attributes such as `class`, `id`, `data-sid`, `bindtap`).
 * The runtime's own warnings (missing templates, bad expressions) are kept in `warnings`.
 */
type TemplateLookup = (file: string) => ((env: unknown, dd: unknown, global: unknown) => WxmlElement) | undefined

export class WxmlRenderer {
  readonly warnings: string[] = []
  private readonly gwx: TemplateLookup

  constructor(root: string, wxmlFiles: string[], wxsFiles: string[]) {
    const result = compileWxml(root, wxmlFiles, wxsFiles)
    if (result.status !== 0) throw new Error(`wcc failed (${result.status}): ${result.stderr}`)
    const warn = (...args: unknown[]) => this.warnings.push(args.map(String).join(' '))
    const sandbox: Record<string, unknown> = {
      console: { log: () => undefined, info: () => undefined, warn, error: warn },
      window: {},
      __wxAppCode__: {},
      __vd_version_info__: {},
    }
    const context = vm.createContext(sandbox)
    vm.runInContext(`${result.stdout}\n;this.__gwx = $gwx;`, context, { filename: 'wcc-output.js' })
    this.gwx = sandbox.__gwx as TemplateLookup
  }

  /** Renders a page (or template file) with the given page data. */
  render(file: string, data: Record<string, unknown>): WxmlElement {
    const generate = this.gwx(file)
    if (typeof generate !== 'function') throw new Error(`wcc output has no template for ${file}`)
    return generate(JSON.parse(JSON.stringify(data)) as unknown, {}, {})
  }
}

const renderers = new Map<string, WxmlRenderer>()

/** One renderer per build dir (compiling takes ~50 ms). */
export function wxmlRendererFor(root: string): WxmlRenderer {
  let renderer = renderers.get(root)
  if (!renderer) {
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => f.split(path.sep).join('/')).sort()
    renderer = new WxmlRenderer(root, files.filter((f) => f.endsWith('.wxml')), files.filter((f) => f.endsWith('.wxs')))
    renderers.set(root, renderer)
  }
  return renderer
}

/** The text a rendered element shows (its string children, recursively). */
export function wxmlText(node: WxmlElement | string | undefined): string {
  if (node === undefined) return ''
  if (typeof node === 'string') return node
  return (node.children ?? []).map(wxmlText).join('')
}

/** Depth-first over a rendered tree's elements. */
export function* walkWxml(node: WxmlElement | string | undefined): Generator<WxmlElement> {
  if (!node || typeof node === 'string') return
  yield node
  for (const child of node.children ?? []) yield* walkWxml(child)
}
