import { API_BASE } from './request'

/** The API returns media as paths like `/media/products/3-1.svg`; weapp needs the full origin. */
export function mediaUrl(path: string | null | undefined): string {
  if (!path) return ''
  if (/^(https?:)?\/\//.test(path) || path.startsWith('data:')) return path
  return `${API_BASE}${path.startsWith('/') ? '' : '/'}${path}`
}
