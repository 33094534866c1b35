/**
 * Taro's weapp pages render through the generic template in base.wxml; the page data holds the element
 * tree under `root`. Each node is { nn: node name (a number string, see `nodeTagNames`), cl: class,
 * uid: the element's `id` prop (else absent), sid: Taro's internal id, v: text (text nodes), cn: children,
 * st: style, p0…pN: compressed component props }.
 */
export interface TaroNode {
  nn: string
  cl?: string
  uid?: string
  sid?: string
  v?: string
  st?: string
  cn?: TaroNode[]
  [prop: string]: unknown
}

/** Depth-first walk over the tree (the root itself is not yielded). */
export function* walk(root: { cn?: TaroNode[] } | undefined): Generator<TaroNode> {
  for (const child of root?.cn ?? []) {
    if (!child || typeof child !== 'object') continue
    yield child
    yield* walk(child)
  }
}

export function classesOf(node: TaroNode): string[] {
  return typeof node.cl === 'string' ? node.cl.split(/\s+/).filter(Boolean) : []
}

export function hasClass(node: TaroNode, cls: string): boolean {
  return classesOf(node).includes(cls)
}

export function findAllByClass(root: { cn?: TaroNode[] } | undefined, cls: string): TaroNode[] {
  return [...walk(root)].filter((n) => hasClass(n, cls))
}

/** By the element's `id` prop (uid) or Taro's internal sid. */
export function findById(root: { cn?: TaroNode[] } | undefined, id: string): TaroNode | undefined {
  for (const n of walk(root)) if (n.uid === id || n.sid === id) return n
  return undefined
}

/** The text of a node and its descendants, concatenated. */
export function textOf(node: TaroNode | undefined): string {
  if (!node) return ''
  return (typeof node.v === 'string' ? node.v : '') + (node.cn ?? []).map(textOf).join('')
}

/**
 * `nn` → WXML tag, read from base.wxml's `tmpl_0_<nn>` templates (e.g. '0' → 'view', '9' → text node).
 */
export function nodeTagNames(baseWxml: string): Map<string, string> {
  const map = new Map<string, string>()
  const re = /<template name="tmpl_0_([^"_]+)">\s*<([a-zA-Z-]+)/g
  for (let m = re.exec(baseWxml); m; m = re.exec(baseWxml)) {
    map.set(m[1], m[2] === 'block' ? '#text' : m[2])
  }
  return map
}
