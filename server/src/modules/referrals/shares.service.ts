import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, SHARE_CODE_PATTERN, ShareChannel, ShareFunnelView, ShareTarget, ShareView, Page, chinaDate } from '@linli/shared';
import { createHmac } from 'node:crypto';
import { RateLimitError, RateLimiter } from '../../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TransactionRunner } from '../../database/transaction-runner';
import { In } from 'typeorm';
import { Product } from '../catalog/entities/product.entity';
import { CommunityCampaign, StoreStaff } from '../community/entities/community.entities';
import { RedPacket, RedPacketShare } from '../coupons/entities/red-packet.entity';
import { Group } from '../group-buy/entities/group.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { ShareLink, ShareVisit } from './entities/referral.entities';
import { ReferralsError } from './referrals.errors';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The page each target opens on, and its query key (the share code rides beside it as `s`). */
const TARGET_PAGES: Record<ShareTarget, { page: string; key: string }> = {
  product: { page: 'packages/shop/product/index', key: 'id' },
  group: { page: 'packages/group/detail/index', key: 'id' },
  // A packet opens by its unguessable code, which the path carries (only people who can see the packet share it).
  red_packet: { page: 'packages/coupons/packet/index', key: 'code' },
  store: { page: 'pages/index/index', key: 'store' },
  // The community campaigns page (社区团购), which puts the shared campaign first; `resolve` names its store.
  campaign: { page: 'packages/community/campaign/index', key: 'id' },
};

/**
 * Share codes and visits. A code is `<share id in base36>.<10-character HMAC>`: at most 18 characters, fitting a mini
 * program code's `scene`; the server tells a real code from a forged one without reading the database, so recording
 * a visit is one INSERT. The code carries no sharer: only the server knows what it means.
 */
@Injectable()
export class SharesService {
  private readonly key: Buffer;

  constructor(
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {
    this.key = createHmac('sha256', config.jwt.secret).update('linli:share-code').digest();
  }

  encode(id: number): string {
    return `${id.toString(36)}.${this.mac(id)}`;
  }

  /** The share id a code names, or null for anything forged, malformed or unknown to this key. */
  decode(code: string): number | null {
    if (typeof code !== 'string' || !SHARE_CODE_PATTERN.test(code)) return null;
    const [idPart, mac] = code.split('.');
    const id = parseInt(idPart, 36);
    if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return null;
    return this.mac(id) === mac ? id : null;
  }

  private mac(id: number): string {
    const digest = createHmac('sha256', this.key).update(String(id)).digest();
    return Array.from(digest.subarray(0, 10), (b) => BASE62[b % 62]).join('');
  }

  /** `key` is what the page opens by when it is not the id (a red packet's code). */
  pathOf(target: ShareTarget, targetId: number, code: string, key: string | number = targetId): string {
    const t = TARGET_PAGES[target];
    return `/${t.page}?${t.key}=${key}&s=${code}`;
  }

  /** Issues a share. Sharing grants nothing: this writes one row and changes nothing else about the sharer. */
  async create(userId: number, target: ShareTarget, targetId: number, channel: ShareChannel, storeId?: number): Promise<ShareView> {
    await this.checkTarget(target, targetId, userId);
    if (storeId !== undefined) await this.checkCampaignStore(target, targetId, storeId);
    const repo = this.tx.dataSource.getRepository(ShareLink);
    const share = await repo.save(repo.create({ sharerId: userId, target, targetId, channel, storeId: storeId ?? null }));
    return (await this.views([share]))[0];
  }

  /** Views of shares; red packets' paths carry the packet's code, read in one query. */
  async views(shares: ShareLink[]): Promise<ShareView[]> {
    const packetIds = shares.filter((s) => s.target === 'red_packet').map((s) => s.targetId);
    const packets = packetIds.length ? await this.tx.dataSource.getRepository(RedPacket).find({ select: { id: true, code: true }, where: { id: In(packetIds) } }) : [];
    return shares.map((share) => {
      const code = this.encode(share.id);
      const key = share.target === 'red_packet' ? packets.find((p) => p.id === share.targetId)?.code ?? '' : share.targetId;
      return { code, target: share.target, targetId: share.targetId, channel: share.channel, path: this.pathOf(share.target, share.targetId, code, key), createdAt: share.createdAt.toISOString() };
    });
  }

  private async checkTarget(target: ShareTarget, targetId: number, userId: number): Promise<void> {
    const m = this.tx.dataSource.manager;
    let exists: boolean;
    switch (target) {
      case 'product':
        exists = await m.getRepository(Product).existsBy({ id: targetId, onShelf: true });
        break;
      case 'group':
        exists = await m.getRepository(Group).existsBy({ id: targetId });
        break;
      case 'store':
        exists = await m.getRepository(PickupStore).existsBy({ id: targetId });
        break;
      case 'red_packet': {
        // Only the sender or a claimer (people who already hold its code) may share a live or finished packet.
        const packet = await m.getRepository(RedPacket).findOneBy({ id: targetId });
        exists = !!packet && !['pending_payment', 'cancelled'].includes(packet.status)
          && (packet.senderUserId === userId || (await m.getRepository(RedPacketShare).existsBy({ packetId: targetId, userId })));
        break;
      }
      case 'campaign':
        // A community campaign (团购活动).
        exists = await m.getRepository(CommunityCampaign).existsBy({ id: targetId });
        break;
    }
    if (!exists) throw new ReferralsError(ErrorCode.ShareTargetNotFound);
  }

  /** A store rides only on a campaign share, and only an open store the campaign sells at. */
  private async checkCampaignStore(target: ShareTarget, campaignId: number, storeId: number): Promise<void> {
    if (target !== 'campaign') throw new ReferralsError(ErrorCode.ValidationFailed, '只有社区团购的分享可以带自提点', ['storeId']);
    const m = this.tx.dataSource.manager;
    const campaign = await m.getRepository(CommunityCampaign).findOneBy({ id: campaignId });
    if (!campaign) throw new ReferralsError(ErrorCode.ShareTargetNotFound);
    const open = await m.getRepository(PickupStore).existsBy({ id: storeId, state: 'open' });
    if (!open || (campaign.storeIds && !campaign.storeIds.includes(storeId))) throw new ReferralsError(ErrorCode.PickupStoreNotFound);
  }

  /** What a code points at; a campaign also names the store it opens with (null when the visitor must choose). */
  async resolve(code: string): Promise<{ target: ShareTarget; targetId: number; storeId: number | null }> {
    const id = this.decode(code);
    const share = id ? await this.tx.dataSource.getRepository(ShareLink).findOneBy({ id }) : null;
    if (!share) throw new ReferralsError(ErrorCode.ShareTargetNotFound);
    const storeId = share.target === 'campaign' ? await this.campaignStore(share.targetId, share.sharerId, share.storeId) : null;
    return { target: share.target, targetId: share.targetId, storeId };
  }

  /**
   * The open store a shared campaign opens with: the store the share was made from, else the sharer's own store (a
   * leader's or staff member's), when the campaign sells there; else the first open store the campaign names; null
   * for an all-stores campaign with neither (the visitor chooses).
   */
  private async campaignStore(campaignId: number, sharerId: number, sharedFrom: number | null): Promise<number | null> {
    const m = this.tx.dataSource.manager;
    const campaign = await m.getRepository(CommunityCampaign).findOneBy({ id: campaignId });
    if (!campaign) return null;
    const stores = m.getRepository(PickupStore);
    const offered = async (storeId: number | null | undefined) =>
      !!storeId && (!campaign.storeIds || campaign.storeIds.includes(storeId)) && (await stores.existsBy({ id: storeId, state: 'open' }));
    if (await offered(sharedFrom)) return sharedFrom;
    const own = (await stores.findOneBy({ leaderUserId: sharerId, state: 'open' }))?.id
      ?? (await m.getRepository(StoreStaff).findOneBy({ userId: sharerId }))?.storeId;
    if (own && (await offered(own))) return own;
    if (!campaign.storeIds?.length) return null;
    const open = await stores.find({ select: { id: true }, where: { id: In(campaign.storeIds), state: 'open' } });
    return campaign.storeIds.find((s) => open.some((o) => o.id === s)) ?? null;
  }

  /**
   * A visit through a share: one INSERT that ignores a duplicate (one row per share, device and day), no reads.
   * A forged or unknown code is ignored. Anonymous visits are tied to the user when the app binds after login.
   */
  async visit(code: string, deviceId: string, userId: number | null, ip: string, now = new Date()): Promise<{ accepted: boolean }> {
    const shareId = this.decode(code);
    if (!shareId) return { accepted: false };
    // Bounded per address and per device, in the shared rate-limit buckets (one upsert each, no reads).
    const { visitIp, visitDevice } = this.config.rateLimits;
    if ((await this.limiter.hit(`visit:ip:${ip}`)).hits > visitIp || (await this.limiter.hit(`visit:d:${deviceId}`)).hits > visitDevice) {
      throw new RateLimitError(ErrorCode.TooManyRequests, '操作太频繁，请稍后再试');
    }
    await this.tx.dataSource.createQueryBuilder().insert().into(ShareVisit).values({ shareId, deviceId, userId, day: chinaDate(now), createdAt: now }).orIgnore().updateEntity(false).execute();
    return { accepted: true };
  }

  /** My shares, newest first, each with its funnel: visits → unique visitors → orders → sales. */
  async mine(userId: number, page: number, pageSize: number): Promise<Page<ShareFunnelView>> {
    const repo = this.tx.dataSource.getRepository(ShareLink);
    const [shares, total] = await repo.findAndCount({ where: { sharerId: userId }, order: { id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    const ids = shares.map((s) => s.id);
    const visits = ids.length
      ? await this.tx.dataSource.query(`SELECT share_id AS shareId, COUNT(*) AS visits, COUNT(DISTINCT COALESCE(CAST(user_id AS CHAR), device_id)) AS visitors FROM share_visits WHERE share_id IN (${ids.map(() => '?').join(',')}) GROUP BY share_id`, ids) as { shareId: number; visits: number; visitors: number }[]
      : [];
    const orders = ids.length
      ? await this.tx.dataSource.query(`SELECT share_id AS shareId, COUNT(*) AS orders, SUM(amount) AS sales FROM order_attributions WHERE share_id IN (${ids.map(() => '?').join(',')}) GROUP BY share_id`, ids) as { shareId: number; orders: number; sales: number }[]
      : [];
    const v = new Map(visits.map((r) => [Number(r.shareId), r]));
    const o = new Map(orders.map((r) => [Number(r.shareId), r]));
    const views = await this.views(shares);
    return {
      items: shares.map((s, i) => ({
        ...views[i], visits: Number(v.get(s.id)?.visits ?? 0), visitors: Number(v.get(s.id)?.visitors ?? 0),
        orders: Number(o.get(s.id)?.orders ?? 0), sales: Number(o.get(s.id)?.sales ?? 0),
      })).map(({ path: _path, ...rest }) => rest),
      total, page, pageSize,
    };
  }
}
