import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, formatYuan } from '@linli/shared';
import { GlobalFonts, Image, SKRSContext2D, createCanvas, loadImage } from '@napi-rs/canvas';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TransactionRunner } from '../../database/transaction-runner';
import { User } from '../auth/entities/user.entity';
import { Product } from '../catalog/entities/product.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { CommunityCampaign, CommunityCampaignItem } from '../community/entities/community.entities';
import { RedPacket } from '../coupons/entities/red-packet.entity';
import { GroupBuySku } from '../group-buy/entities/group-buy-campaign.entity';
import { Group } from '../group-buy/entities/group.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { ShareLink } from './entities/referral.entities';
import { ReferralsError } from './referrals.errors';
import { SharesService } from './shares.service';

export const FONT = 'LinliSansSC';
let fontsLoaded = false;

/** Noto Sans SC from its npm package, so images draw Chinese on a fresh machine without system fonts. */
export function loadFonts(): void {
  if (fontsLoaded) return;
  const base = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  GlobalFonts.registerFromPath(join(base, '400Regular/NotoSansSC_400Regular.ttf'), FONT);
  GlobalFonts.registerFromPath(join(base, '700Bold/NotoSansSC_700Bold.ttf'), FONT);
  fontsLoaded = true;
}

interface Subject {
  title: string;
  /** A second line where there is no price (a store's address, a campaign's pickup day). */
  subtitle?: string;
  /** A red packet: drawn as an envelope, its amount as the figure. */
  packet?: boolean;
  price: number | null;
  originalPrice: number | null;
  cover: string | null;
  promotion: string | null;
  page: string;
}

/**
 * The images a share shows: a 5:4 chat card (photo, title, price, the promotion) and a tall poster (the same, the
 * sharer's avatar and name, and a mini program code for the share's code). Both are drawn once per content and
 * kept under DATA_DIR/share-images (a content hash names the file, so a price change draws a new one).
 */
@Injectable()
export class ShareImagesService {
  private readonly logger = new Logger('ShareImages');
  private readonly dir: string;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly shares: SharesService,
    private readonly wechat: WechatApiClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dir = join(config.dataDir, 'share-images');
  }

  async card(code: string): Promise<Buffer> {
    const { subject } = await this.resolve(code);
    const key = hash(['card', subject.title, subject.subtitle, subject.packet, subject.price, subject.originalPrice, subject.cover, subject.promotion]);
    return this.cached(key, () => this.drawCard(subject));
  }

  async poster(code: string): Promise<Buffer> {
    const { share, subject } = await this.resolve(code);
    const sharer = await this.tx.dataSource.getRepository(User).findOneBy({ id: share.sharerId });
    const key = hash(['poster', code, subject.title, subject.subtitle, subject.packet, subject.price, subject.originalPrice, subject.cover, subject.promotion, sharer?.nickname, sharer?.avatar]);
    return this.cached(key, async () => {
      const qr = await this.wechat.getWxaCodeUnlimit({ scene: code, page: subject.page, width: 280 });
      return this.drawPoster(subject, { name: sharer?.nickname || '邻里好友', avatar: sharer?.avatar ?? null }, qr);
    });
  }

  private async resolve(code: string): Promise<{ share: ShareLink; subject: Subject }> {
    const id = this.shares.decode(code);
    const share = id ? await this.tx.dataSource.getRepository(ShareLink).findOneBy({ id }) : null;
    if (!share) throw new ReferralsError(ErrorCode.ShareTargetNotFound);
    if (share.target === 'product') {
      const p = await this.tx.dataSource.getRepository(Product).findOneBy({ id: share.targetId });
      if (!p) throw new ReferralsError(ErrorCode.ShareTargetNotFound);
      return { share, subject: { title: p.title, price: p.minPrice, originalPrice: p.minOriginalPrice > p.minPrice ? p.minOriginalPrice : null, cover: p.cover, promotion: null, page: 'packages/shop/product/index' } };
    }
    return { share, subject: await this.subjectOf(share) };
  }

  /** What a group, red packet, store or campaign share shows: a real photo and figures, not only a title. */
  private async subjectOf(share: ShareLink): Promise<Subject> {
    const m = this.tx.dataSource.manager;
    const home = 'pages/index/index';
    const fallback = (title: string, page = home): Subject => ({ title, price: null, originalPrice: null, cover: null, promotion: null, page });
    switch (share.target) {
      case 'group': {
        const g = await m.getRepository(Group).findOneBy({ id: share.targetId });
        const p = g ? await m.getRepository(Product).findOneBy({ id: g.productId }) : null;
        if (!g || !p) return fallback('邀你一起拼团', 'packages/group/detail/index');
        const low = await m.getRepository(GroupBuySku).createQueryBuilder('s').select('MIN(s.groupPrice)', 'low').where('s.campaignId = :c', { c: g.campaignId }).getRawOne<{ low: number | string | null }>();
        const price = low?.low !== null && low?.low !== undefined ? Number(low.low) : p.minPrice;
        return { title: p.title, price, originalPrice: p.minPrice > price ? p.minPrice : null, cover: p.cover, promotion: `${g.size}人团`, page: 'packages/group/detail/index' };
      }
      case 'red_packet': {
        const packet = await m.getRepository(RedPacket).findOneBy({ id: share.targetId });
        if (!packet) return fallback('送你一个红包', 'packages/coupons/packet/index');
        return { title: `${packet.senderName}的红包`, price: packet.amount, originalPrice: null, cover: null, promotion: packet.greeting, page: 'packages/coupons/packet/index', packet: true };
      }
      case 'store': {
        const store = await m.getRepository(PickupStore).findOneBy({ id: share.targetId });
        if (!store) return fallback(this.config.storeName);
        return { title: store.name, price: null, originalPrice: null, cover: store.photo, promotion: '到店自提', page: home, subtitle: store.address };
      }
      case 'campaign': {
        // A community campaign: its first item's photo and the lowest campaign price.
        const c = await m.getRepository(CommunityCampaign).findOneBy({ id: share.targetId });
        if (!c) return fallback(`${this.config.storeName}精选活动`);
        const item = await m.getRepository(CommunityCampaignItem).findOne({ where: { campaignId: c.id }, order: { price: 'ASC' } });
        const sku = item ? await m.getRepository(Sku).findOneBy({ id: item.skuId }) : null;
        const p = sku ? await m.getRepository(Product).findOneBy({ id: sku.productId }) : null;
        return { title: c.title, price: item?.price ?? null, originalPrice: sku && item && sku.price > item.price ? sku.price : null, cover: p?.cover ?? null, promotion: '社区团购', page: 'packages/community/campaign/index', subtitle: `${c.pickupDate} 到店自提` };
      }
      case 'product':
        return fallback(this.config.storeName, 'packages/shop/product/index');
    }
  }

  private async cached(key: string, draw: () => Promise<Buffer>): Promise<Buffer> {
    const file = join(this.dir, `${key}.png`);
    if (existsSync(file)) return readFileSync(file);
    const png = await draw();
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, png);
    renameSync(tmp, file);
    return png;
  }

  /** A media path (`/media/…`) as an image, or null when missing or unreadable. */
  private async media(path: string | null): Promise<Image | null> {
    if (!path?.startsWith('/media/')) return null;
    const root = join(this.config.dataDir, 'media');
    const file = normalize(join(root, path.slice('/media/'.length)));
    if (!file.startsWith(root) || !existsSync(file)) return null;
    try {
      return await loadImage(readFileSync(file));
    } catch (err) {
      this.logger.warn({ path, err: (err as Error).message }, 'share image: media not drawable');
      return null;
    }
  }

  private async drawCard(s: Subject): Promise<Buffer> {
    loadFonts();
    const [w, h] = [500, 400];
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    if (s.packet) {
      drawEnvelope(ctx, s, w, h);
      return canvas.toBuffer('image/png');
    }
    const photo = await this.media(s.cover);
    if (photo) drawCover(ctx, photo, 0, 0, w, 300);
    else placeholder(ctx, 0, 0, w, 300, s.title);
    ctx.fillStyle = '#E93B3D';
    ctx.fillRect(0, 300, w, 100);
    ctx.fillStyle = '#ffffff';
    if (s.price !== null) {
      ctx.font = `bold 26px ${FONT}`;
      ctx.fillText('¥', 24, 362);
      ctx.font = `bold 48px ${FONT}`;
      ctx.fillText(formatYuan(s.price), 44, 366);
      if (s.originalPrice) {
        const x = 52 + ctx.measureText(formatYuan(s.price)).width;
        ctx.font = `22px ${FONT}`;
        ctx.globalAlpha = 0.8;
        const text = `¥${formatYuan(s.originalPrice)}`;
        ctx.fillText(text, x, 364);
        ctx.fillRect(x, 356, ctx.measureText(text).width, 2);
        ctx.globalAlpha = 1;
      }
    } else if (s.subtitle) {
      ctx.font = `bold 30px ${FONT}`;
      ctx.fillText(clip(ctx, s.title, 300), 24, 344);
      ctx.font = `20px ${FONT}`;
      ctx.fillText(clip(ctx, s.subtitle, 300), 24, 378);
    } else {
      ctx.font = `bold 36px ${FONT}`;
      ctx.fillText(clip(ctx, s.title, 300), 24, 364);
    }
    ctx.font = `bold 26px ${FONT}`;
    const tag = s.promotion ?? '好物推荐';
    const tw = ctx.measureText(tag).width;
    ctx.fillStyle = '#ffffff';
    roundRect(ctx, w - tw - 48, 326, tw + 28, 48, 24);
    ctx.fill();
    ctx.fillStyle = '#E93B3D';
    ctx.fillText(tag, w - tw - 34, 360);
    return canvas.toBuffer('image/png');
  }

  private async drawPoster(s: Subject, sharer: { name: string; avatar: string | null }, qr: Buffer): Promise<Buffer> {
    loadFonts();
    const [w, h] = [750, 1200];
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#f5f5f5';
    ctx.fillRect(0, 0, w, h);
    // The sharer.
    const avatar = await this.media(sharer.avatar);
    ctx.save();
    ctx.beginPath();
    ctx.arc(80, 80, 40, 0, Math.PI * 2);
    ctx.clip();
    if (avatar) ctx.drawImage(avatar, 40, 40, 80, 80);
    else {
      ctx.fillStyle = '#fde8e8';
      ctx.fillRect(40, 40, 80, 80);
    }
    ctx.restore();
    ctx.fillStyle = '#222222';
    ctx.font = `bold 30px ${FONT}`;
    ctx.fillText(clip(ctx, sharer.name, 520), 140, 72);
    ctx.fillStyle = '#888888';
    ctx.font = `24px ${FONT}`;
    ctx.fillText(s.packet ? '送你一个红包，点开就领' : s.subtitle ? '邀你一起来逛' : '向你推荐一件好物', 140, 110);
    // The goods.
    ctx.fillStyle = '#ffffff';
    roundRect(ctx, 30, 150, w - 60, 1010, 24);
    ctx.fill();
    const photo = await this.media(s.cover);
    ctx.save();
    roundRect(ctx, 30, 150, w - 60, 690, 24);
    ctx.clip();
    if (s.packet) {
      // The envelope, scaled to the photo's width; its flap's colour fills the space above it.
      const scale = (w - 60) / 500;
      ctx.fillStyle = '#D93A2F';
      ctx.fillRect(30, 150, w - 60, 690);
      ctx.fillStyle = '#E8503F';
      ctx.fillRect(30, 150, w - 60, (690 - 400 * scale) / 3);
      ctx.translate(30, 150 + (690 - 400 * scale) / 3);
      ctx.scale(scale, scale);
      drawEnvelope(ctx, s, 500, 400);
    } else if (photo) drawCover(ctx, photo, 30, 150, w - 60, 690);
    else placeholder(ctx, 30, 150, w - 60, 690, s.title);
    ctx.restore();
    if (s.price !== null) {
      ctx.fillStyle = '#E93B3D';
      ctx.font = `bold 30px ${FONT}`;
      ctx.fillText('¥', 60, 910);
      ctx.font = `bold 56px ${FONT}`;
      ctx.fillText(formatYuan(s.price), 84, 912);
    }
    ctx.fillStyle = '#222222';
    ctx.font = `bold 32px ${FONT}`;
    wrap(ctx, s.title, 60, 970, 400, 44, 2);
    ctx.drawImage(await loadImage(qr), 500, 870, 210, 210);
    ctx.fillStyle = '#888888';
    ctx.font = `22px ${FONT}`;
    ctx.fillText('长按识别小程序码', 516, 1112);
    ctx.fillText(`${this.config.storeName} · 社区好物`, 60, 1112);
    return canvas.toBuffer('image/png');
  }
}

/** A red envelope: the sender's name, the greeting, a gold 開 and the total. */
function drawEnvelope(ctx: SKRSContext2D, s: Subject, w: number, h: number): void {
  ctx.fillStyle = '#D93A2F';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#E8503F';
  ctx.beginPath();
  ctx.ellipse(w / 2, 0, w * 0.75, 150, 0, 0, Math.PI);
  ctx.fill();
  ctx.fillStyle = '#FFE3B0';
  ctx.font = `bold 34px ${FONT}`;
  const title = clip(ctx, s.title, w - 60);
  ctx.fillText(title, (w - ctx.measureText(title).width) / 2, 70);
  ctx.font = `24px ${FONT}`;
  const greeting = clip(ctx, s.promotion ?? '', w - 60);
  ctx.fillText(greeting, (w - ctx.measureText(greeting).width) / 2, 112);
  ctx.fillStyle = '#F4C26B';
  ctx.beginPath();
  ctx.arc(w / 2, 220, 56, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#8A3B12';
  ctx.font = `bold 52px ${FONT}`;
  ctx.fillText('開', w / 2 - ctx.measureText('開').width / 2, 238);
  if (s.price !== null) {
    ctx.fillStyle = '#FFE3B0';
    ctx.font = `bold 30px ${FONT}`;
    const total = `共 ¥${formatYuan(s.price)}，点开就领`;
    ctx.fillText(total, (w - ctx.measureText(total).width) / 2, 350);
  }
}

function hash(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

function drawCover(ctx: SKRSContext2D, img: Image, x: number, y: number, w: number, h: number): void {
  const scale = Math.max(w / img.width, h / img.height);
  const sw = w / scale;
  const sh = h / scale;
  ctx.drawImage(img, (img.width - sw) / 2, (img.height - sh) / 2, sw, sh, x, y, w, h);
}

function placeholder(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, title: string): void {
  ctx.fillStyle = '#fde8e8';
  ctx.fillRect(x, y, w, h);
  ctx.fillStyle = '#E93B3D';
  ctx.font = `bold 44px ${FONT}`;
  const text = [...title].slice(0, 8).join('');
  ctx.fillText(text, x + (w - ctx.measureText(text).width) / 2, y + h / 2 + 16);
}

function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

function clip(ctx: SKRSContext2D, text: string, max: number): string {
  let out = text;
  while (out.length > 1 && ctx.measureText(out).width > max) out = out.slice(0, -1);
  return out === text ? text : `${out.slice(0, -1)}…`;
}

function wrap(ctx: SKRSContext2D, text: string, x: number, y: number, max: number, line: number, lines: number): void {
  const chars = [...text];
  let row = '';
  let drawn = 0;
  for (let i = 0; i < chars.length && drawn < lines; i++) {
    if (ctx.measureText(row + chars[i]).width > max) {
      const last = drawn === lines - 1;
      ctx.fillText(last ? `${row.slice(0, -1)}…` : row, x, y + drawn * line);
      drawn++;
      row = last ? '' : chars[i];
      if (last) return;
    } else row += chars[i];
  }
  if (row && drawn < lines) ctx.fillText(row, x, y + drawn * line);
}
