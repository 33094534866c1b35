import type { MyReviewView } from '@linli/shared'
import { draftBody, draftFrom, draftProblem, photosLeft } from './review-form'

const photo = (id: number) => ({ id, url: `/media/r/${id}.jpg`, thumbUrl: `/media/r/${id}_t.jpg`, width: 10, height: 10 })

describe('review form', () => {
  it('starts at five stars, or from the written review', () => {
    expect(draftFrom(null)).toEqual({ rating: 5, content: '', photos: [] })
    const review = { rating: 3, content: '一般', photos: [photo(1)] } as unknown as MyReviewView
    expect(draftFrom(review)).toEqual({ rating: 3, content: '一般', photos: [photo(1)] })
  })

  it('needs words or a photo, and refuses too much', () => {
    expect(draftProblem({ rating: 5, content: '  ', photos: [] })).toBe('写几句评价或晒张图吧')
    expect(draftProblem({ rating: 5, content: '', photos: [photo(1)] })).toBeNull()
    expect(draftProblem({ rating: 0, content: '好', photos: [] })).toBe('请为商品打分')
    expect(draftProblem({ rating: 5, content: 'x'.repeat(501), photos: [] })).toBe('评价最多500字')
    expect(draftProblem({ rating: 5, content: '好', photos: [1, 2, 3, 4, 5, 6, 7].map(photo) })).toBe('最多6张图片')
  })

  it('sends trimmed text and photo ids in order', () => {
    expect(draftBody({ rating: 4, content: ' 甜 ', photos: [photo(9), photo(3)] })).toEqual({ rating: 4, content: '甜', photoIds: [9, 3] })
    expect(photosLeft({ rating: 4, content: '', photos: [photo(1), photo(2)] })).toBe(4)
  })
})
