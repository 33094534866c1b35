import { Image, Text, View } from '@tarojs/components'
import type { CategoryView } from '@linli/shared'
import { mediaUrl } from '../../services/media'

const COLORS = ['#ff7a45', '#36cfc9', '#597ef7', '#f759ab', '#73d13d', '#ffc53d', '#9254de', '#40a9ff']

/** The category's own icon, or its first character on a coloured disc. */
export function CategoryIcon({ category }: { category: CategoryView }) {
  if (category.icon) {
    return <Image className='category-icon' src={mediaUrl(category.icon)} mode='aspectFit' />
  }
  return (
    <View className='category-icon category-icon--text' style={{ backgroundColor: COLORS[category.id % COLORS.length] }}>
      <Text>{category.name.slice(0, 1)}</Text>
    </View>
  )
}
