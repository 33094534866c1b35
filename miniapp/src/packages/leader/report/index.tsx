import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { ActionButton } from '../../../components/action-button'
import { EmptyState } from '../../../components/empty-state'
import { ListSkeleton } from '../../../components/skeleton'
import { type DailyReport, dailyReport, dailyReportImagePath } from '../../../services/community'
import { API_BASE, IS_H5 } from '../../../services/request'
import { getToken } from '../../../services/session'
import './index.css'

/**
 * 销售战报: today's orders, shoppers, top products and goods waiting, as a page and as an image the leader sends into
 * the group chat. Masked names only. Sharing it is plain sharing: nothing is earned or unlocked by it.
 */
export default function ReportPage() {
  const [report, setReport] = useState<DailyReport | null | undefined>(undefined)
  const [image, setImage] = useState<string | null>(null)
  const [drawing, setDrawing] = useState(false)

  useDidShow(() => {
    void dailyReport().then(setReport, () => setReport(null))
  })

  /** Fetches the leader's own report image with their token (it is not public). */
  const drawImage = async (): Promise<string | null> => {
    if (image) return image
    setDrawing(true)
    try {
      const res = await Taro.downloadFile({ url: `${API_BASE}${dailyReportImagePath}`, header: { Authorization: `Bearer ${getToken() ?? ''}` } })
      if (res.statusCode !== 200) throw new Error(String(res.statusCode))
      setImage(res.tempFilePath)
      return res.tempFilePath
    } catch {
      void Taro.showToast({ title: '战报图片生成失败，请重试', icon: 'none' })
      return null
    } finally {
      setDrawing(false)
    }
  }

  const share = async () => {
    const path = await drawImage()
    if (!path) return
    if (IS_H5) {
      void Taro.showToast({ title: '长按图片保存后发到群里', icon: 'none' })
      return
    }
    // WeChat's own image menu: send to a chat, save, or favourite.
    void Taro.showShareImageMenu({ path }).catch(() => undefined)
  }

  if (report === undefined) return <ListSkeleton rows={3} />
  if (report === null) return <EmptyState kind='error' title='只有团长可以查看销售战报' />

  return (
    <View className='page-root report'>
      <View className='report__head'>
        <Text className='report__title'>销售战报</Text>
        <Text className='report__meta'>{report.storeName} · {report.date}</Text>
      </View>
      <View className='report__stats'>
        <View className='report__stat'><Text className='report__stat-value' id='report-orders'>{report.orders}</Text><Text className='report__stat-label'>今日订单</Text></View>
        <View className='report__stat'><Text className='report__stat-value' id='report-shoppers'>{report.shoppers}</Text><Text className='report__stat-label'>下单邻居</Text></View>
        <View className='report__stat'><Text className='report__stat-value'>{report.waitingUnits}</Text><Text className='report__stat-label'>待自提(件)</Text></View>
      </View>
      <View className='report__card'>
        <Text className='report__card-title'>今日热卖</Text>
        {report.topProducts.length === 0 ? <Text className='report__muted'>今天还没有订单</Text> : null}
        {report.topProducts.map((p, i) => (
          <View key={p.title} className='report__row'>
            <Text>{i + 1}. {p.title}</Text>
            <Text className='report__qty'>{p.quantity}件</Text>
          </View>
        ))}
      </View>
      <View className='report__card'>
        <Text className='report__card-title'>刚刚下单</Text>
        <Text className='report__muted'>{report.recentBuyers.length ? report.recentBuyers.join('、') : '等你来抢第一单'}</Text>
      </View>
      {image ? (
        <View className='report__card'>
          <Text className='report__card-title'>战报图片</Text>
          <Image id='report-image' className='report__image' src={image} mode='aspectFit' showMenuByLongpress />
        </View>
      ) : null}
      <ActionButton id='report-share' className='report__actions report__share' loading={drawing} onClick={() => void share()}>{image ? '发到群里' : '生成战报图片'}</ActionButton>
    </View>
  )
}
