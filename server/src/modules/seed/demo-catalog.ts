/** The demo store: a neighbourhood grocery with Chinese names, realistic specs and prices in fen. */
export interface DemoProduct {
  title: string;
  subtitle: string;
  /** Short text drawn on the generated image. */
  label: string;
  dims: { name: string; values: string[] }[];
  /** One entry per SKU: spec values in dimension order, price, original price, stock. */
  skus: [string[], number, number, number][];
  sales?: number;
  detail: string[];
  /** 规格参数 rows: 产地, 净含量, 保质期, 储存方式 … */
  attributes?: [string, string][];
}

export interface DemoCategory {
  name: string;
  color: [string, string];
  products: DemoProduct[];
}

export const DEMO_CATALOG: DemoCategory[] = [
  {
    name: '新鲜水果',
    color: ['#ff9a5a', '#e9453d'],
    products: [
      { title: '烟台红富士苹果', subtitle: '脆甜多汁 产地直发', label: '苹果', dims: [{ name: '规格', values: ['2.5kg装', '5kg装'] }, { name: '果径', values: ['75mm', '85mm'] }], skus: [[['2.5kg装', '75mm'], 2990, 3990, 120], [['2.5kg装', '85mm'], 3590, 4590, 80], [['5kg装', '75mm'], 5490, 6990, 60], [['5kg装', '85mm'], 6590, 7990, 0]], sales: 320, detail: ['山东烟台栖霞果园直采，霜降后采摘，果肉细脆。', '收到后请冷藏保存，口感更佳。'], attributes: [['产地', '山东烟台栖霞'], ['品种', '红富士'], ['净含量', '2.5kg / 5kg'], ['保质期', '冷藏约15天'], ['储存方式', '0–4℃冷藏']] },
      { title: '海南贵妃芒', subtitle: '香甜软糯 现摘现发', label: '芒果', dims: [{ name: '规格', values: ['3斤装', '5斤装'] }], skus: [[['3斤装'], 2680, 3580, 90], [['5斤装'], 3980, 4980, 50]], sales: 210, detail: ['海南三亚产地直发，自然成熟。'] },
      { title: '佳沛阳光金果', subtitle: '新西兰进口 金果奇异果', label: '奇异果', dims: [{ name: '规格', values: ['6个装', '12个装', '22个装'] }], skus: [[['6个装'], 3990, 4990, 70], [['12个装'], 6990, 8990, 40], [['22个装'], 11900, 13900, 20]], sales: 150, detail: ['单果约100-120g，维C丰富。'], attributes: [['产地', '新西兰'], ['单果重', '约100–120g'], ['保质期', '冷藏约20天'], ['储存方式', '常温催熟后冷藏']] },
      { title: '云南蓝莓', subtitle: '大果 果粉完整', label: '蓝莓', dims: [{ name: '规格', values: ['125g×2盒', '125g×4盒'] }], skus: [[['125g×2盒'], 2590, 3290, 100], [['125g×4盒'], 4790, 5990, 60]], sales: 480, detail: ['18mm+大果，冷链配送。'], attributes: [['产地', '云南澄江'], ['果径', '18mm+'], ['净含量', '125g/盒'], ['保质期', '冷藏约7天'], ['储存方式', '0–4℃冷藏，食用前清洗']] },
      { title: '麒麟西瓜', subtitle: '皮薄沙瓤 一箱一个', label: '西瓜', dims: [{ name: '重量', values: ['约8斤', '约12斤'] }], skus: [[['约8斤'], 2290, 2990, 30], [['约12斤'], 3190, 3990, 20]], sales: 95, detail: ['整箱发货，坏果包赔。'] },
    ],
  },
  {
    name: '时令蔬菜',
    color: ['#8fd16a', '#2f9e44'],
    products: [
      { title: '山东寿光西红柿', subtitle: '自然熟 沙瓤', label: '番茄', dims: [{ name: '重量', values: ['500g', '1kg'] }], skus: [[['500g'], 590, 790, 200], [['1kg'], 1090, 1490, 150]], sales: 620, detail: ['寿光大棚种植，每日清晨采摘。'] },
      { title: '有机上海青', subtitle: '鲜嫩 当日采摘', label: '青菜', dims: [{ name: '重量', values: ['300g', '500g'] }], skus: [[['300g'], 390, 490, 180], [['500g'], 590, 790, 120]], sales: 410, detail: ['有机认证基地直供。'] },
      { title: '云南小土豆', subtitle: '黄心 软糯', label: '土豆', dims: [{ name: '重量', values: ['1kg', '2.5kg'] }], skus: [[['1kg'], 690, 890, 160], [['2.5kg'], 1490, 1990, 90]], sales: 270, detail: ['适合红烧、炖菜、烤制。'] },
      { title: '精品西兰花', subtitle: '花球紧实 翠绿', label: '西兰花', dims: [{ name: '规格', values: ['1颗装', '2颗装'] }], skus: [[['1颗装'], 490, 690, 140], [['2颗装'], 890, 1290, 100]], sales: 330, detail: ['单颗约400g。'] },
    ],
  },
  {
    name: '肉禽蛋品',
    color: ['#ff8a8a', '#c92a2a'],
    products: [
      { title: '黑猪五花肉', subtitle: '肥瘦相间 冷鲜', label: '五花肉', dims: [{ name: '重量', values: ['500g', '1kg'] }], skus: [[['500g'], 3290, 3990, 80], [['1kg'], 6290, 7590, 50]], sales: 260, detail: ['散养黑猪，排酸24小时。'] },
      { title: '农家散养土鸡蛋', subtitle: '蛋黄饱满 可生食级', label: '土鸡蛋', dims: [{ name: '规格', values: ['10枚', '20枚', '30枚'] }], skus: [[['10枚'], 1590, 1990, 200], [['20枚'], 2990, 3790, 150], [['30枚'], 4290, 5490, 100]], sales: 890, detail: ['林下散养，每日新鲜收蛋。'] },
      { title: '三黄鸡', subtitle: '整只 180天散养', label: '三黄鸡', dims: [{ name: '重量', values: ['约1.2kg', '约1.5kg'] }], skus: [[['约1.2kg'], 4980, 5980, 40], [['约1.5kg'], 5980, 6980, 30]], sales: 120, detail: ['宰杀后冷链配送。'] },
      { title: '内蒙古羔羊肉卷', subtitle: '火锅涮肉 鲜嫩不膻', label: '羊肉卷', dims: [{ name: '重量', values: ['400g', '800g'] }], skus: [[['400g'], 3990, 4990, 60], [['800g'], 7590, 9590, 40]], sales: 340, detail: ['锡林郭勒草原羔羊。'] },
    ],
  },
  {
    name: '海鲜水产',
    color: ['#74c0fc', '#1c7ed6'],
    products: [
      { title: '鲜活基围虾', subtitle: '活虾 现捞现发', label: '基围虾', dims: [{ name: '重量', values: ['500g', '1kg'] }], skus: [[['500g'], 4590, 5990, 50], [['1kg'], 8590, 10990, 30]], sales: 180, detail: ['充氧包装，死虾包赔。'] },
      { title: '舟山带鱼段', subtitle: '东海野生 中段', label: '带鱼', dims: [{ name: '重量', values: ['500g', '1kg'] }], skus: [[['500g'], 3290, 3990, 70], [['1kg'], 5990, 7490, 40]], sales: 150, detail: ['船冻锁鲜，去头去尾。'] },
      { title: '大连鲜活扇贝', subtitle: '肉厚饱满', label: '扇贝', dims: [{ name: '规格', values: ['6只装', '12只装'] }], skus: [[['6只装'], 2990, 3590, 40], [['12只装'], 5490, 6590, 25]], sales: 90, detail: ['蒜蓉粉丝蒸最佳。'] },
    ],
  },
  {
    name: '粮油调味',
    color: ['#ffd43b', '#f08c00'],
    products: [
      { title: '五常大米', subtitle: '稻花香2号 当季新米', label: '大米', dims: [{ name: '重量', values: ['2.5kg', '5kg', '10kg'] }], skus: [[['2.5kg'], 3990, 4990, 100], [['5kg'], 6990, 8990, 80], [['10kg'], 12900, 15900, 40]], sales: 560, detail: ['黑龙江五常核心产区。'] },
      { title: '压榨花生油', subtitle: '一级 浓香', label: '花生油', dims: [{ name: '容量', values: ['1.8L', '5L'] }], skus: [[['1.8L'], 3990, 4590, 90], [['5L'], 9990, 11990, 50]], sales: 300, detail: ['物理压榨，不含添加。'] },
      { title: '特级生抽酱油', subtitle: '酿造 零添加', label: '酱油', dims: [{ name: '容量', values: ['500ml', '1L'] }], skus: [[['500ml'], 990, 1290, 200], [['1L'], 1690, 2190, 150]], sales: 720, detail: ['180天古法酿造。'] },
      { title: '郫县豆瓣酱', subtitle: '川菜之魂 三年陈酿', label: '豆瓣酱', dims: [{ name: '口味', values: ['原味', '特辣'] }, { name: '规格', values: ['500g', '1kg'] }], skus: [[['原味', '500g'], 1290, 1590, 120], [['原味', '1kg'], 2290, 2790, 60], [['特辣', '500g'], 1390, 1690, 80], [['特辣', '1kg'], 2490, 2990, 0]], sales: 410, detail: ['炒回锅肉、麻婆豆腐必备。'] },
    ],
  },
  {
    name: '休闲零食',
    color: ['#da77f2', '#9c36b5'],
    products: [
      { title: '每日坚果', subtitle: '6种坚果果干 科学配比', label: '坚果', dims: [{ name: '规格', values: ['7袋装', '30袋装'] }], skus: [[['7袋装'], 2990, 3990, 150], [['30袋装'], 9990, 12900, 60]], sales: 980, detail: ['每袋25g，独立充氮包装。'] },
      { title: '手撕牛肉干', subtitle: '内蒙风干 高蛋白', label: '牛肉干', dims: [{ name: '口味', values: ['原味', '香辣', '孜然'] }], skus: [[['原味'], 3990, 4990, 80], [['香辣'], 3990, 4990, 80], [['孜然'], 3990, 4990, 0]], sales: 450, detail: ['每袋250g。'] },
      { title: '海苔脆片', subtitle: '儿童零食 低盐', label: '海苔', dims: [{ name: '口味', values: ['原味', '芝麻'] }], skus: [[['原味'], 1590, 1990, 120], [['芝麻'], 1690, 2090, 100]], sales: 380, detail: ['每盒40g。'] },
      { title: '老式鸡蛋糕', subtitle: '松软香甜 早餐好伴侣', label: '蛋糕', dims: [{ name: '规格', values: ['500g', '1kg'] }], skus: [[['500g'], 1290, 1690, 140], [['1kg'], 2290, 2990, 90]], sales: 640, detail: ['当日现烤，保质期15天。'] },
    ],
  },
  {
    name: '乳品烘焙',
    color: ['#ffe8cc', '#fd7e14'],
    products: [
      { title: '鲜牛奶', subtitle: '巴氏杀菌 每日配送', label: '鲜奶', dims: [{ name: '规格', values: ['950ml', '950ml×2'] }], skus: [[['950ml'], 1590, 1890, 200], [['950ml×2'], 2990, 3690, 120]], sales: 1200, detail: ['4℃冷藏，保质期7天。'] },
      { title: '希腊风味酸奶', subtitle: '浓稠 高蛋白', label: '酸奶', dims: [{ name: '口味', values: ['原味', '蓝莓', '黄桃'] }, { name: '规格', values: ['6杯', '12杯'] }], skus: [[['原味', '6杯'], 2990, 3590, 90], [['原味', '12杯'], 5490, 6990, 40], [['蓝莓', '6杯'], 3190, 3790, 70], [['蓝莓', '12杯'], 5890, 7190, 30], [['黄桃', '6杯'], 3190, 3790, 60], [['黄桃', '12杯'], 5890, 7190, 30]], sales: 530, detail: ['每杯100g。'] },
      { title: '全麦吐司', subtitle: '0蔗糖 高纤维', label: '吐司', dims: [{ name: '规格', values: ['400g', '800g'] }], skus: [[['400g'], 1290, 1590, 100], [['800g'], 2290, 2790, 60]], sales: 300, detail: ['当日烘焙。'] },
    ],
  },
  {
    name: '酒水饮料',
    color: ['#63e6be', '#0ca678'],
    products: [
      { title: '天然矿泉水', subtitle: '长白山水源', label: '矿泉水', dims: [{ name: '规格', values: ['550ml×12瓶', '550ml×24瓶'] }], skus: [[['550ml×12瓶'], 2390, 2890, 150], [['550ml×24瓶'], 4290, 5290, 100]], sales: 860, detail: ['低钠淡矿泉水。'] },
      { title: 'NFC鲜榨橙汁', subtitle: '非浓缩还原 冷藏', label: '橙汁', dims: [{ name: '规格', values: ['300ml×4瓶', '1L×2瓶'] }], skus: [[['300ml×4瓶'], 3590, 4590, 80], [['1L×2瓶'], 4990, 5990, 60]], sales: 240, detail: ['赣南脐橙鲜榨。'] },
      { title: '精酿白啤', subtitle: '小麦原浆 麦香浓郁', label: '精酿', dims: [{ name: '规格', values: ['500ml×6罐', '500ml×12罐'] }], skus: [[['500ml×6罐'], 5990, 7990, 70], [['500ml×12罐'], 10900, 14900, 40]], sales: 190, detail: ['未成年人请勿饮酒。'] },
    ],
  },
];

export const DEMO_BANNERS = [
  { title: '邻里优选 当季水果', productIndex: [0, 0] },
  { title: '早餐好搭档 鲜奶直送', productIndex: [6, 0] },
  { title: '火锅季 羊肉卷特惠', productIndex: [2, 3] },
] as const;
