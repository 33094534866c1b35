import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { AddressView } from '@linli/shared'
import { ActionButton } from '../../../components/action-button'
import { CheckCircle } from '../../../components/check-circle'
import { EmptyState } from '../../../components/empty-state'
import { ListSkeleton } from '../../../components/skeleton'
import { Routes, withQuery } from '../../../routes'
import { deleteAddress, formatAddress, listAddresses, maskPhone, updateAddress } from '../../../services/address'
import { ensureLogin } from '../../../services/auth'
import { chooseCheckoutAddress } from '../../../services/checkout'
import './index.css'

export default function AddressesPage() {
  const router = useRouter()
  // Opened from checkout to pick the delivery address.
  const selecting = router.params.select === '1'
  const [addresses, setAddresses] = useState<AddressView[] | null>(null)
  const [failed, setFailed] = useState(false)

  const load = async () => {
    if (!(await ensureLogin())) return
    try {
      setAddresses(await listAddresses())
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }

  useDidShow(() => {
    void load()
  })

  const choose = (address: AddressView) => {
    if (!selecting) return
    chooseCheckoutAddress(address.id)
    void Taro.navigateBack()
  }

  const edit = (address?: AddressView) =>
    void Taro.navigateTo({ url: withQuery(Routes.addressEdit, { id: address?.id, select: selecting ? 1 : undefined }) })

  const remove = async (address: AddressView) => {
    const { confirm } = await Taro.showModal({ title: '删除地址', content: '确定删除这个收货地址吗？', confirmColor: '#E93B3D' })
    if (!confirm) return
    try {
      await deleteAddress(address.id)
      void Taro.showToast({ title: '已删除', icon: 'success' })
      await load()
    } catch {
      // The request wrapper has shown the reason.
    }
  }

  const makeDefault = async (address: AddressView) => {
    if (address.isDefault) return
    try {
      await updateAddress(address.id, { ...address, isDefault: true })
      await load()
    } catch {
      // The request wrapper has shown the reason.
    }
  }

  return (
    <View className='page-root page-root--with-bar addresses'>
      {addresses === null ? (
        failed ? (
          <EmptyState kind='error' title='地址加载失败' actionText='重新加载' onAction={() => void load()} />
        ) : (
          <ListSkeleton rows={2} />
        )
      ) : addresses.length === 0 ? (
        <EmptyState kind='address' title='还没有收货地址' description='添加一个地址，下单更方便' />
      ) : (
        addresses.map((address) => (
          <View
            key={address.id}
            className={`address-item ${address.isDefault ? 'address-item--default' : ''}`}
            data-address-id={address.id}
            onClick={() => choose(address)}
          >
            <View className='address-item__main'>
              <View className='address-item__person'>
                <Text className='address-item__name'>{address.name}</Text>
                <Text className='address-item__phone'>{maskPhone(address.phone)}</Text>
                {address.isDefault ? <Text className='address-item__tag'>默认</Text> : null}
              </View>
              <Text className='address-item__detail'>{formatAddress(address)}</Text>
            </View>
            <View className='address-item__actions'>
              <View
                className='address-item__default'
                onClick={(e) => {
                  e.stopPropagation()
                  void makeDefault(address)
                }}
              >
                <CheckCircle checked={address.isDefault} onChange={() => void makeDefault(address)} />
                <Text className='address-item__default-text'>{address.isDefault ? '默认地址' : '设为默认'}</Text>
              </View>
              <Text
                className='address-item__link address-edit-link'
                onClick={(e) => {
                  e.stopPropagation()
                  edit(address)
                }}
              >
                编辑
              </Text>
              <Text
                className='address-item__link address-delete-link'
                onClick={(e) => {
                  e.stopPropagation()
                  void remove(address)
                }}
              >
                删除
              </Text>
            </View>
          </View>
        ))
      )}

      <View className='bottom-bar addresses__bar'>
        <ActionButton id='addr-add' className='addresses__add' onClick={() => edit()}>
          + 新增收货地址
        </ActionButton>
      </View>
    </View>
  )
}
