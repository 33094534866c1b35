import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import type { ShareTarget, ShareView } from '@linli/shared'
import { BottomSheet } from '../bottom-sheet'
import { createShare, h5ShareUrl, shareImageUrl } from '../../services/referrals'
import { IS_H5 } from '../../services/request'
import './index.css'

export interface ShareSheetProps {
  visible: boolean
  onClose: () => void
  target: ShareTarget
  targetId: number
  /** A campaign: the pickup store the sharer is viewing. */
  storeId?: number
  /** The share the sheet issued, so the page's `useShareAppMessage` can put its path on the card. */
  onShare?: (share: ShareView) => void
  /** weapp: a Moments share issued beside it, for the page's `useShareTimeline` (which cannot wait for a promise). */
  onMomentsShare?: (share: ShareView) => void
}

/**
 * 分享: asks the server for a share code when opened, then offers the chat card (weapp's share button) or, in H5,
 * the link to copy. Sharing grants nothing and unlocks nothing.
 */
export function ShareSheet({ visible, onClose, target, targetId, storeId, onShare, onMomentsShare }: ShareSheetProps) {
  const [share, setShare] = useState<ShareView | null>(null)
  const [poster, setPoster] = useState<string | null>(null)
  const [posterBusy, setPosterBusy] = useState(false)

  useEffect(() => {
    if (!visible) return
    let live = true
    setShare(null)
    setPoster(null)
    createShare(target, targetId, 'chat', storeId)
      .then((s) => {
        if (!live) return
        setShare(s)
        onShare?.(s)
      })
      .catch(() => undefined)
    if (!IS_H5 && onMomentsShare) createShare(target, targetId, 'moments', storeId).then((s) => live && onMomentsShare(s), () => undefined)
    return () => {
      live = false
    }
  }, [visible, target, targetId, storeId])


  const link = share ? h5ShareUrl(share.path) : ''

  /** A poster is a share of its own (channel poster), so its visits and orders count for the poster. */
  const makePoster = async () => {
    setPosterBusy(true)
    try {
      const own = await createShare(target, targetId, 'poster', storeId)
      const url = shareImageUrl(own.code, 'poster')
      if (IS_H5) {
        setPoster(url)
        return
      }
      const { tempFilePath } = await Taro.downloadFile({ url })
      setPoster(tempFilePath)
      await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
      void Taro.showToast({ title: '海报已保存到相册', icon: 'none' })
    } catch {
      void Taro.showToast({ title: '海报未保存，可稍后再试', icon: 'none' })
    } finally {
      setPosterBusy(false)
    }
  }

  if (poster) {
    return (
      <BottomSheet visible={visible} onClose={onClose} className='share-sheet'>
        <Text className='share-sheet__title'>分享海报</Text>
        <Image id='share-poster' className='share-sheet__poster' src={poster} mode='widthFix' showMenuByLongpress />
        <Text className='share-sheet__hint'>{IS_H5 ? '长按图片保存，发给好友或朋友圈' : '已保存到相册，可发到朋友圈'}</Text>
      </BottomSheet>
    )
  }

  return (
    <BottomSheet visible={visible} onClose={onClose} className='share-sheet'>
      <Text className='share-sheet__title'>分享给好友</Text>
      {!share ? (
        <Text className='share-sheet__hint'>正在生成分享…</Text>
      ) : IS_H5 ? (
        <View className='share-sheet__body'>
          <Text className='share-sheet__hint'>复制链接发给好友，好友打开即可查看</Text>
          <Text id='share-link' className='share-sheet__link' userSelect>
            {link}
          </Text>
          <Button id='share-copy' className='share-sheet__button' onClick={() => void Taro.setClipboardData({ data: link })}>
            复制链接
          </Button>
          <Button id='share-make-poster' className='share-sheet__button share-sheet__button--plain' loading={posterBusy} onClick={() => void makePoster()}>
            生成海报
          </Button>
        </View>
      ) : (
        <View className='share-sheet__body'>
          <Button id='share-chat' className='share-sheet__button' openType='share'>
            发送给微信好友
          </Button>
          <Button id='share-make-poster' className='share-sheet__button share-sheet__button--plain' loading={posterBusy} onClick={() => void makePoster()}>
            生成海报（保存到相册）
          </Button>
        </View>
      )}
    </BottomSheet>
  )
}
