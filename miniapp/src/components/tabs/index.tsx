import { Text, View } from '@tarojs/components'
import './index.css'

export interface TabItem<K extends string> {
  key: K
  label: string
}

export interface TabsProps<K extends string> {
  items: readonly TabItem<K>[]
  active: K
  onChange: (key: K) => void
  className?: string
}

/** A row of text tabs with a red underline on the active one. */
export function Tabs<K extends string>({ items, active, onChange, className = '' }: TabsProps<K>) {
  return (
    <View className={`tabs ${className}`}>
      {items.map((item) => (
        <View
          key={item.key}
          className={`tabs__item tab-${item.key || 'all'} ${item.key === active ? 'tabs__item--active' : ''}`}
          onClick={() => item.key !== active && onChange(item.key)}
        >
          <Text className='tabs__label'>{item.label}</Text>
        </View>
      ))}
    </View>
  )
}
