import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The repository root (tests/weapp/harness → ../../..). */
export const REPO_ROOT = path.resolve(__dirname, '../../..')

/** The Taro weapp build under test: env WEAPP_DIST, else miniapp/dist/weapp. */
export const WEAPP_DIST = path.resolve(process.env.WEAPP_DIST || path.join(REPO_ROOT, 'miniapp/dist/weapp'))

export interface SubPackage {
  root: string
  pages: string[]
}

export interface TabBarItem {
  pagePath: string
  text: string
  iconPath?: string
  selectedIconPath?: string
}

export interface AppJson {
  pages: string[]
  subPackages?: SubPackage[]
  subpackages?: SubPackage[]
  tabBar?: { list: TabBarItem[]; [key: string]: unknown }
  [key: string]: unknown
}

export function readAppJson(dir: string): AppJson {
  return JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as AppJson
}

export function subPackagesOf(app: AppJson): SubPackage[] {
  return app.subPackages ?? app.subpackages ?? []
}

/** Every page route of the build: main pages, then subpackage pages as `root/page`. */
export function allPageRoutes(app: AppJson): string[] {
  const sub = subPackagesOf(app).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))
  return [...app.pages, ...sub]
}

const RUNTIME_FILES = ['app.js', 'app.json', 'app.wxss', 'base.wxml', 'runtime.js', 'taro.js', 'vendors.js', 'common.js']

/** What is missing for the build to be complete (empty when it is). */
export function missingBuildFiles(dir: string): string[] {
  const missing = RUNTIME_FILES.filter((f) => !fs.existsSync(path.join(dir, f)))
  if (missing.includes('app.json')) return missing
  let app: AppJson
  try {
    app = readAppJson(dir)
  } catch {
    return ['app.json (unreadable)']
  }
  for (const route of allPageRoutes(app)) {
    for (const ext of ['js', 'json', 'wxml', 'wxss']) {
      if (!fs.existsSync(path.join(dir, `${route}.${ext}`))) missing.push(`${route}.${ext}`)
    }
  }
  return missing
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    try {
      newest = Math.max(newest, fs.statSync(full).mtimeMs)
    } catch {
      // deleted by a rebuild while we looked; the next round sees it
    }
  }
  return newest
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Copies the weapp build to a temp dir so a rebuild in the middle of the run cannot break it.
 * Waits (up to WEAPP_DIST_WAIT_MS, default 60 s) while the build is absent, incomplete or still being written.
 */
export async function snapshotWeappDist(
  source: string = WEAPP_DIST,
  waitMs: number = Number(process.env.WEAPP_DIST_WAIT_MS ?? 60_000),
): Promise<string> {
  const deadline = Date.now() + waitMs
  let lastProblem = ''
  for (;;) {
    if (!fs.existsSync(source)) {
      lastProblem = `${source} does not exist`
    } else {
      const missing = missingBuildFiles(source)
      if (missing.length > 0) {
        lastProblem = `${source} is incomplete (missing ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''})`
      } else if (Date.now() - newestMtime(source) < 1500) {
        lastProblem = `${source} is still being written`
      } else {
        const target = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-weapp-'))
        fs.cpSync(source, target, { recursive: true })
        if (missingBuildFiles(target).length === 0) return target
        fs.rmSync(target, { recursive: true, force: true })
        lastProblem = `${source} changed while it was copied`
      }
    }
    if (Date.now() >= deadline) {
      throw new Error(`No usable weapp build: ${lastProblem}. Build it with \`npm run build:weapp -w miniapp\` (or set WEAPP_DIST).`)
    }
    await sleep(2000)
  }
}

export function removeSnapshot(dir: string | undefined): void {
  if (dir && dir.startsWith(os.tmpdir())) fs.rmSync(dir, { recursive: true, force: true })
}

/** All files under dir as posix paths relative to it. */
export function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort()
}
