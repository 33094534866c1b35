import Taro from '@tarojs/taro'

const KEY = 'linli.searchHistory'
export const MAX_HISTORY = 10

/** Newest first, without repeats, at most `max`. */
export function pushHistory(list: readonly string[], keyword: string, max = MAX_HISTORY): string[] {
  const word = keyword.trim()
  if (!word) return [...list]
  return [word, ...list.filter((k) => k !== word)].slice(0, max)
}

export function getSearchHistory(): string[] {
  try {
    const saved: unknown = Taro.getStorageSync(KEY)
    return Array.isArray(saved) ? saved.filter((k): k is string => typeof k === 'string').slice(0, MAX_HISTORY) : []
  } catch {
    return []
  }
}

export function rememberSearch(keyword: string): string[] {
  const next = pushHistory(getSearchHistory(), keyword)
  Taro.setStorageSync(KEY, next)
  return next
}

export function clearSearchHistory(): void {
  Taro.removeStorageSync(KEY)
}
