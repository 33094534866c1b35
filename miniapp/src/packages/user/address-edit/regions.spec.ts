import { REGIONS, moveColumn, parseAddressText, regionAt, regionColumns, regionIndexes } from './regions'

describe('regions', () => {
  it('comes from the division data, with municipalities as one city', () => {
    expect(Object.keys(REGIONS)).toHaveLength(31)
    expect(Object.keys(REGIONS['上海市'])).toEqual(['上海市'])
    expect(REGIONS['上海市']['上海市']).toContain('浦东新区')
    expect(REGIONS['重庆市']['重庆市']).toEqual(expect.arrayContaining(['渝中区', '巫山县']))
    expect(REGIONS['浙江省']['杭州市']).toContain('西湖区')
  })

  it('finds a saved address in the columns and moves columns back to the first entry', () => {
    const at = regionIndexes(REGIONS, '浙江省', '杭州市', '西湖区')
    expect(regionAt(REGIONS, at)).toEqual({ province: '浙江省', city: '杭州市', district: '西湖区' })
    const [, cities] = regionColumns(REGIONS, at)
    expect(cities).toContain('宁波市')
    expect(moveColumn(at, 0, 3)).toEqual([3, 0, 0])
    expect(moveColumn(at, 1, 2)).toEqual([at[0], 2, 0])
    expect(regionIndexes(REGIONS, '不存在', '', '')).toEqual([0, 0, 0])
  })
})

describe('paste-to-recognise', () => {
  it('reads the example from the issue', () => {
    expect(parseAddressText('张三 13800138000 上海市浦东新区世纪大道1号')).toEqual({
      name: '张三', phone: '13800138000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道1号',
    })
  })

  it('reads labelled, comma-separated and shortened forms', () => {
    expect(parseAddressText('收货人：李四，手机号码：137-0000-1111，所在地区：浙江杭州西湖区 文三路100号')).toEqual({
      name: '李四', phone: '13700001111', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号',
    })
    expect(parseAddressText('浙江省杭州市西湖区文三路100号 王五 13912345678')).toMatchObject({
      name: '王五', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号',
    })
  })

  it('leaves what it cannot find empty', () => {
    expect(parseAddressText('13800138000')).toMatchObject({ phone: '13800138000', name: '', province: '' })
  })
})
