import { LeaderApplication } from '../community/entities/community.entities';
import { CampaignsService } from '../community/campaigns.service';
import { StoresService } from '../community/stores.service';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TransactionRunner } from '../../database/transaction-runner';
import { DEMO_SHOPPERS } from '../../simulator/wechat-simulator.service';
import { AddressesService } from '../addresses/addresses.service';
import { AdminAuthService } from '../admin-auth/admin-auth.service';
import { User } from '../auth/entities/user.entity';
import { CatalogService } from '../catalog/catalog.service';
import { Banner } from '../catalog/entities/banner.entity';
import { Category } from '../catalog/entities/category.entity';
import { Product } from '../catalog/entities/product.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { AdminGroupBuyService } from '../group-buy/admin-group-buy.service';
import { GroupBuyService } from '../group-buy/group-buy.service';
import { OrdersService } from '../orders/orders.service';
import { DEMO_BANNERS, DEMO_CATALOG } from './demo-catalog';
import { avatarSvg, bannerSvg, categorySvg, productSvg, writeMedia } from './demo-images';

const AVATAR_COLORS = ['#f06595', '#4dabf7', '#51cf66', '#fab005'];

/** On start: makes sure an operator exists, and seeds the demo store into an empty database when enabled. */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly admins: AdminAuthService,
    private readonly catalog: CatalogService,
    private readonly addresses: AddressesService,
    private readonly orders: OrdersService,
    private readonly groupBuyAdmin: AdminGroupBuyService,
    private readonly groupBuy: GroupBuyService,
    private readonly stores: StoresService,
    private readonly campaigns: CampaignsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.admins.ensureBootstrapAdmin();
    if (!this.config.seedDemo) return;
    const media = this.writeDemoMedia();
    if ((await this.products.count({ withDeleted: true })) > 0) return;
    await this.seedCatalog(media);
    await this.seedShoppers();
    await this.seedGroupBuy();
    await this.seedCommunity();
    this.logger.log('demo store seeded');
  }

  /** Image files are rewritten on every start so a data folder without them recovers. */
  private writeDemoMedia() {
    const dir = this.config.dataDir;
    const products = DEMO_CATALOG.map((c, ci) =>
      c.products.map((p, pi) => [0, 1, 2].map((v) => writeMedia(dir, `products/c${ci}-p${pi}-${v}.svg`, productSvg(v === 0 ? p.label : v === 1 ? c.name.slice(0, 2) : '鲜', c.color, v)))),
    );
    const categories = DEMO_CATALOG.map((c, ci) => writeMedia(dir, `categories/c${ci}.svg`, categorySvg(c.name.slice(0, 1), c.color)));
    const banners = DEMO_BANNERS.map((b, bi) => writeMedia(dir, `banners/b${bi}.svg`, bannerSvg(b.title, DEMO_CATALOG[b.productIndex[0]].color)));
    DEMO_SHOPPERS.forEach((s, i) => writeMedia(dir, `avatars/${s.avatar.split('/').pop()}`, avatarSvg(s.nickname.slice(0, 1), AVATAR_COLORS[i % AVATAR_COLORS.length])));
    return { products, categories, banners };
  }

  private async seedCatalog(media: ReturnType<DemoSeeder['writeDemoMedia']>): Promise<void> {
    const productIds: number[][] = [];
    for (const [ci, c] of DEMO_CATALOG.entries()) {
      const category = await this.catalog.createCategory({ name: c.name, icon: media.categories[ci], sortOrder: ci });
      productIds.push([]);
      for (const [pi, p] of c.products.entries()) {
        const created = await this.catalog.createProduct({
          categoryId: category.id, title: p.title, subtitle: p.subtitle, images: media.products[ci][pi], onShelf: true,
          detail: [...p.detail.map((text) => ({ type: 'text' as const, text })), { type: 'image', url: media.products[ci][pi][1] }],
          specDimensions: p.dims,
          attributes: (p.attributes ?? []).map(([name, value]) => ({ name, value })),
          skus: p.skus.map(([values, price, originalPrice, stock]) => ({ specs: Object.fromEntries(p.dims.map((d, i) => [d.name, values[i]])), price, originalPrice, stock })),
        });
        productIds[ci].push(created.id);
        // Past sales, spread over the SKUs, so "sort by sales" means something in the demo.
        if (p.sales) {
          await this.tx.run(async (m) => {
            const per = Math.floor(p.sales! / created.skus.length);
            for (const sku of created.skus) await m.getRepository(Sku).update({ id: sku.id }, { sales: per });
            await m.getRepository(Product).update({ id: created.id }, { sales: per * created.skus.length });
          });
        }
      }
    }
    await this.dataSource.getRepository(Banner).insert(
      DEMO_BANNERS.map((b, bi) => ({ title: b.title, image: media.banners[bi], productId: productIds[b.productIndex[0]][b.productIndex[1]], sortOrder: bi })),
    );
    this.logger.log({ categories: await this.dataSource.getRepository(Category).count(), products: productIds.flat().length }, 'demo catalog');
  }

  /** Demo shoppers (the simulator's personas) with an address and orders in several states, for the operator to ship. */
  private async seedShoppers(): Promise<void> {
    const users = this.dataSource.getRepository(User);
    for (const s of DEMO_SHOPPERS) await users.insert({ openid: s.openid, nickname: s.nickname, avatar: s.avatar });
    const xiaomei = await users.findOneByOrFail({ openid: DEMO_SHOPPERS[0].openid });
    const address = await this.addresses.create(xiaomei.id, { name: '林小美', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路邻里花园3幢2单元501', isDefault: true });
    const skus = await this.dataSource.getRepository(Sku).find({ order: { id: 'ASC' }, take: 12 });
    const place = (i: number, quantity: number) => this.orders.create(xiaomei.id, { lines: [{ skuId: skus[i].id, quantity }], addressId: address.id, source: 'buy_now' });
    const paid = await place(0, 1);
    const shipped = await place(4, 2);
    const completed = await place(8, 1);
    for (const o of [paid, shipped, completed]) await this.tx.run((m) => this.orders.markPaid(m, o.id, new Date(), 'system:demo'));
    await this.orders.ship(shipped.id, '顺丰速运', 'SF1029384756', 1);
    await this.orders.ship(completed.id, '中通快递', 'ZT7788990011', 1);
    await this.orders.confirmReceipt(xiaomei.id, completed.id);
  }

  /** Two group-buy campaigns, and one open group led by 张阿姨 that a friend can join straight away. */
  private async seedGroupBuy(): Promise<void> {
    const products = await this.products.find({ order: { id: 'ASC' } });
    const skus = await this.dataSource.getRepository(Sku).find({ order: { id: 'ASC' } });
    const now = Date.now();
    const window = { startsAt: new Date(now - 3600_000), endsAt: new Date(now + 30 * 86400_000) };
    const offer = (productIndex: number, extra: Partial<Parameters<AdminGroupBuyService['create']>[0]>) => {
      const product = products[productIndex];
      return this.groupBuyAdmin.create({
        productId: product.id, title: `${product.title.slice(0, 20)} 拼团`, groupSize: 2, timeLimitSeconds: 24 * 3600, ...window, stock: 200, perUserLimit: 5,
        skus: skus.filter((s) => s.productId === product.id).map((s) => ({ skuId: s.id, groupPrice: Math.round((s.price * 0.8) / 10) * 10 })),
        ...extra,
      });
    };
    const pairs = await offer(0, { tiers: [{ size: 3, discount: 200 }, { size: 5, discount: 500 }], leaderDiscount: 100 });
    await offer(5, { groupSize: 3, newCustomerOnly: true, title: '新人专享 3人团' });
    const leader = await this.dataSource.getRepository(User).findOneByOrFail({ openid: DEMO_SHOPPERS[3].openid });
    const address = await this.addresses.create(leader.id, { name: '张丽华', phone: '13700137000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路邻里花园5幢1单元202', isDefault: true });
    const order = await this.groupBuy.placeOrder(leader.id, { campaignId: pairs.id, skuId: pairs.skus[0].skuId, quantity: 1, addressId: address.id });
    await this.tx.run((m) => this.orders.markPaid(m, order.id, new Date(), 'system:demo'));
  }

  /** Two pickup stores run by 老王 and 张阿姨, a community campaign selling until tomorrow's cut-off at both, and 阿杰's pending leader application. */
  private async seedCommunity(): Promise<void> {
    const users = this.dataSource.getRepository(User);
    const laowang = await users.findOneByOrFail({ openid: DEMO_SHOPPERS[1].openid });
    const zhangayi = await users.findOneByOrFail({ openid: DEMO_SHOPPERS[3].openid });
    const wensan = await this.stores.create({ name: '邻里·文三路店', address: '杭州市西湖区文三路邻里花园1幢底商', district: '西湖区', latitude: 30.2806, longitude: 120.1402, hours: '07:30-21:30', phone: '0571-88001001' });
    const binjiang = await this.stores.create({ name: '邻里·滨江星光店', address: '杭州市滨江区星光大道58号', district: '滨江区', latitude: 30.2107, longitude: 120.2102, hours: '08:00-22:00', phone: '0571-88001002' });
    await this.stores.setLeader(wensan.id, laowang.id);
    await this.stores.setLeader(binjiang.id, zhangayi.id);
    const skus = await this.dataSource.getRepository(Sku).find({ order: { id: 'ASC' } });
    const picks = [skus[1], skus[6], skus[10]].filter((s): s is Sku => Boolean(s));
    // Cut-off tomorrow at 22:00 China time, pickup the day after.
    const chinaNow = new Date(Date.now() + 8 * 3600_000);
    const tomorrow = new Date(Date.UTC(chinaNow.getUTCFullYear(), chinaNow.getUTCMonth(), chinaNow.getUTCDate() + 1, 22 - 8));
    const pickupDay = new Date(tomorrow.getTime() + 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    await this.campaigns.create({
      title: '邻里社区团购 · 明日鲜', startsAt: new Date(Date.now() - 3600_000), cutoffAt: tomorrow, pickupDate: pickupDay,
      items: picks.map((s) => ({ skuId: s.id, price: Math.round((s.price * 0.75) / 10) * 10, stock: 300, perUserLimit: 5 })),
    });
    // 阿杰 has applied to run a third store: the operator's desk has one application waiting.
    const ajie = await users.findOneByOrFail({ openid: DEMO_SHOPPERS[2].openid });
    await this.dataSource.getRepository(LeaderApplication).insert({
      userId: ajie.id, pendingUserId: ajie.id, status: 'pending', storeName: '邻里·庆春路店', address: '杭州市上城区庆春路66号', district: '上城区',
      latitude: 30.2655, longitude: 120.1633, hours: '08:00-21:00', phone: '13900139000', reason: null, storeId: null, decidedBy: null, decidedAt: null,
    });
  }
}
