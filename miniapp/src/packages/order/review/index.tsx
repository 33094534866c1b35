import { useState } from 'react'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { REVIEW_MAX_CONTENT, type OrderReviewsView, type ReviewableLineView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { EmptyState } from '../../../components/empty-state'
import { Stars } from '../../../components/review-card'
import { mediaUrl } from '../../../services/media'
import { createReview, getOrderReviews, updateReview, uploadReviewPhoto } from '../../../services/review'
import { ApiError } from '../../../services/request'
import { RATING_WORDS, draftBody, draftFrom, draftProblem, photosLeft, type ReviewDraft } from './review-form'
import './index.css'

type LoadState = 'loading' | 'ready' | 'failed'

/** 评价晒单: each line of a completed order gets stars, words and up to six photos. */
export default function WriteReviewPage() {
  const router = useRouter()
  const orderId = Number(router.params.orderId)
  const [data, setData] = useState<OrderReviewsView | null>(null)
  const [state, setState] = useState<LoadState>('loading')

  const load = async () => {
    try {
      setData(await getOrderReviews(orderId, { toast: false }))
      setState('ready')
    } catch {
      setState('failed')
    }
  }

  useLoad(() => {
    void load()
  })

  if (state === 'loading') return <View className='page-root'><Text className='muted write-review__loading'>加载中…</Text></View>
  if (state === 'failed' || !data) {
    return (
      <View className='page-root'>
        <EmptyState kind='error' title='订单不存在或加载失败' actionText='重新加载' onAction={() => void load()} />
      </View>
    )
  }
  if (!data.reviewable) {
    return (
      <View className='page-root'>
        <EmptyState kind='order' title='订单完成后才能评价' description='确认收货后再来晒单吧' />
      </View>
    )
  }
  return (
    <View className='page-root write-review'>
      {data.lines.map((line) => (
        <LineReviewForm key={line.orderLineId} line={line} onSaved={(review) => setData({ ...data, lines: data.lines.map((l) => (l.orderLineId === line.orderLineId ? { ...l, review } : l)) })} />
      ))}
      <Text className='write-review__note'>评价会展示在商品页，帮助其他邻居选购；评价不与任何奖励挂钩。</Text>
    </View>
  )
}

function LineReviewForm({ line, onSaved }: { line: ReviewableLineView; onSaved: (review: NonNullable<ReviewableLineView['review']>) => void }) {
  const [draft, setDraft] = useState<ReviewDraft>(() => draftFrom(line.review))
  const [uploading, setUploading] = useState(0)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState(line.review === null)

  const change = (patch: Partial<ReviewDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setError(null)
  }

  const addPhotos = async () => {
    const left = photosLeft(draft)
    if (left === 0) return
    let paths: string[]
    try {
      paths = (await Taro.chooseImage({ count: left, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths
    } catch {
      return // the shopper closed the picker
    }
    for (const path of paths.slice(0, left)) {
      setUploading((n) => n + 1)
      try {
        const photo = await uploadReviewPhoto(path)
        setDraft((d) => (d.photos.length < 6 ? { ...d, photos: [...d.photos, photo] } : d))
      } catch (err) {
        if (err instanceof ApiError) setError(err.message)
      } finally {
        setUploading((n) => n - 1)
      }
    }
  }

  const submit = async () => {
    const problem = draftProblem(draft)
    if (problem) {
      setError(problem)
      return
    }
    setSaving(true)
    try {
      const saved = line.review ? await updateReview(line.review.id, draftBody(draft)) : await createReview({ orderLineId: line.orderLineId, ...draftBody(draft) })
      onSaved(saved)
      setEditing(false)
      void Taro.showToast({ title: line.review ? '评价已修改' : '评价已发布', icon: 'success' })
    } catch (err) {
      if (err instanceof ApiError) setError(err.message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='card write-review__line' data-line-id={line.orderLineId}>
      <View className='write-review__product'>
        <Image className='write-review__cover' src={mediaUrl(line.cover)} mode='aspectFill' />
        <View className='write-review__product-text'>
          <Text className='write-review__title'>{line.title}</Text>
          {line.specText ? <Text className='muted'>{line.specText}</Text> : null}
        </View>
      </View>
      {line.review?.hidden ? <Text className='write-review__hidden'>这条评价已被平台隐藏，仅你自己可见</Text> : null}
      <View className='write-review__rating'>
        <Text className='write-review__label'>商品评分</Text>
        <Stars rating={draft.rating} size='lg' onChange={editing ? (rating) => change({ rating }) : undefined} className='write-review__stars' />
        <Text className='write-review__rating-word'>{RATING_WORDS[draft.rating]}</Text>
      </View>
      {editing ? (
        <>
          <Textarea
            className='write-review__text'
            value={draft.content}
            maxlength={REVIEW_MAX_CONTENT}
            placeholder='说说口感、新鲜度、包装，帮邻居们参考一下'
            onInput={(e) => change({ content: e.detail.value })}
          />
          <View className='write-review__photos'>
            {draft.photos.map((p) => (
              <View key={p.id} className='write-review__photo'>
                <Image className='write-review__photo-image' src={mediaUrl(p.thumbUrl)} mode='aspectFill' />
                <Text className='write-review__photo-remove' onClick={() => change({ photos: draft.photos.filter((x) => x.id !== p.id) })}>
                  ×
                </Text>
              </View>
            ))}
            {photosLeft(draft) > 0 ? (
              <View className='write-review__add-photo' onClick={() => void addPhotos()}>
                <Text className='write-review__add-icon'>+</Text>
                <Text className='write-review__add-text'>{uploading > 0 ? '上传中…' : `晒图 ${draft.photos.length}/6`}</Text>
              </View>
            ) : null}
          </View>
          {error ? <Text className='write-review__error'>{error}</Text> : null}
          <ActionButton className='write-review__submit' loading={saving} disabled={uploading > 0} onClick={() => void submit()}>
            {line.review ? '保存修改' : '发布评价'}
          </ActionButton>
        </>
      ) : (
        <>
          {draft.content ? <Text className='write-review__done-text'>{draft.content}</Text> : null}
          {draft.photos.length > 0 ? (
            <View className='write-review__photos'>
              {draft.photos.map((p) => (
                <Image key={p.id} className='write-review__photo-image write-review__photo' src={mediaUrl(p.thumbUrl)} mode='aspectFill' />
              ))}
            </View>
          ) : null}
          <View className='write-review__done-row'>
            <Text className='write-review__done'>已评价</Text>
            <ActionButton kind='plain' size='small' className='write-review__edit' onClick={() => setEditing(true)}>
              修改评价
            </ActionButton>
          </View>
        </>
      )}
    </View>
  )
}
