import { useCallback, useRef, useState } from 'react'
import type { Page } from '@linli/shared'

export interface PagedList<T> {
  items: T[]
  total: number
  /** True until the first page has arrived (show a skeleton). */
  initialLoading: boolean
  loading: boolean
  hasMore: boolean
  failed: boolean
  /** Loads page 1 again and replaces the list; `clear` empties it first (shows the skeleton). */
  reload: (options?: { clear?: boolean }) => Promise<void>
  loadMore: () => Promise<void>
}

/**
 * Page-by-page loading for feeds and order lists. A reload while an older
 * request is in flight wins: stale answers are dropped.
 */
export function usePagedList<T>(fetchPage: (page: number) => Promise<Page<T>>): PagedList<T> {
  const [items, setItems] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [loading, setLoading] = useState(false)
  const [initialLoading, setInitialLoading] = useState(true)
  const [failed, setFailed] = useState(false)
  const generation = useRef(0)
  const busy = useRef(false)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const load = useCallback(async (nextPage: number, replace: boolean) => {
    const mine = replace ? ++generation.current : generation.current
    busy.current = true
    setLoading(true)
    try {
      const result = await fetchRef.current(nextPage)
      if (mine !== generation.current) return
      setItems((prev) => (replace ? result.items : [...prev, ...result.items]))
      setTotal(result.total)
      setPage(nextPage)
      setFailed(false)
    } catch {
      if (mine === generation.current) setFailed(true)
    } finally {
      if (mine === generation.current) {
        busy.current = false
        setLoading(false)
        setInitialLoading(false)
      }
    }
  }, [])

  const hasMore = page === 0 || items.length < total

  const reload = useCallback(
    (options: { clear?: boolean } = {}) => {
      if (options.clear) {
        setItems([])
        setTotal(0)
        setPage(0)
        setInitialLoading(true)
      }
      return load(1, true)
    },
    [load],
  )
  const loadMore = useCallback(async () => {
    if (busy.current || !hasMore) return
    await load(page + 1, false)
  }, [load, page, hasMore])

  return { items, total, initialLoading, loading, hasMore: !initialLoading && hasMore, failed, reload, loadMore }
}
