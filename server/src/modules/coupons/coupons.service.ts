import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CouponOfferView, CouponSource, CouponTerms, ErrorCode, Page, UserCouponView, couponFace, couponValidity, evaluateCoupon, inScope, trimYuan } from '@linli/shared';
import { randomInt } from 'node:crypto';
import { EntityManager, In, IsNull, MoreThan, Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/error.filter';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { bulkInsert } from '../../database/bulk-insert';
import { User } from '../auth/entities/user.entity';
import { Product } from '../catalog/entities/product.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { Order } from '../orders/entities/order.entity';
import { CouponCode, CouponTemplate, UserCoupon } from './entities/coupon.entity';
import { CouponError } from './coupons.errors';
import { CreateCodesDto, CreateCouponTemplateDto, MyCouponsQuery, TemplatesQuery, UpdateCouponTemplateDto } from './coupons.dto';
import { templateExpired, termsOf, toOfferView, toUserCouponView } from './coupon-views';

/** 32 letters and digits without 0/O/1/I: 12 of them are 60 random bits. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

export function newRedeemCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
  return code;
}

/** What a shopper types (any case, with or without dashes) → the stored form. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export interface CouponRoi {
  templateId: number;
  title: string;
  /** Planned to issue, claimed by shoppers, used on paid orders, held by unpaid orders. */
  total: number;
  claimed: number;
  used: number;
  locked: number;
  /** Fen taken off paid orders, and what those orders paid. */
  discountGiven: number;
  sales: number;
}

export interface AdminTemplateView extends CouponOfferView {
  validity: 'fixed' | 'relative';
  validFrom: string | null;
  validTo: string | null;
  validDays: number;
  scope: CouponTemplate['scope'];
  scopeIds: number[];
  excludeProductIds: number[];
  combineGroup: boolean;
  combineFlash: boolean;
  total: number;
  issued: number;
  inCentre: boolean;
  newCustomerGift: boolean;
  stoppedAt: string | null;
  roi: CouponRoi;
}

/** The new row's id from an INSERT's raw result: mysql2 reports `insertId`, better-sqlite3 the rowid itself. */
function insertedId(raw: unknown): number {
  const id = typeof raw === 'number' || typeof raw === 'bigint' ? Number(raw) : Number((raw as { insertId?: number } | null)?.insertId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error('insert reported no id');
  return id;
}

/** How long the claim path reuses a template it read (see `claimTemplate`). */
const CLAIM_TEMPLATE_TTL_MS = 1000;

/** How long a sold-out template is refused from memory (see `knownSoldOut`). */
const SOLD_OUT_HINT_MS = 1000;

/** Most answers in a rush are this one, so it is built once (no stack trace per refusal); never logged, never mutated. */
export const COUPON_SOLD_OUT = Object.freeze(new CouponError(ErrorCode.CouponSoldOut, '优惠券已抢光'));

@Injectable()
export class CouponsService {
  private readonly logger = new Logger(CouponsService.name);
  private readonly soldOutUntil = new Map<number, number>();
  private readonly confirming = new Set<number>();
  private readonly claimTemplates = new Map<number, { template: Promise<CouponTemplate | null>; at: number }>();

  constructor(
    @InjectRepository(CouponTemplate) private readonly templates: Repository<CouponTemplate>,
    @InjectRepository(UserCoupon) private readonly coupons: Repository<UserCoupon>,
    @InjectRepository(CouponCode) private readonly codes: Repository<CouponCode>,
    private readonly tx: TransactionRunner,
  ) {}

  // ---- claiming ----

  /**
   * Puts one coupon of a template in a shopper's wallet, inside the caller's transaction. Race-free without reading
   * first: the coupon row is inserted with the shopper's next claim number, which the unique key
   * (template, shopper, claim number) lets exist once and which may not pass the per-shopper limit; then the
   * template's `issued` moves by one conditional UPDATE that cannot pass the total. Any refusal rolls back both.
   */
  async issue(m: EntityManager, template: CouponTemplate, userId: number, source: CouponSource, now = new Date()): Promise<UserCoupon> {
    const refusal = claimRefusal(template, now);
    if (refusal) throw refusal;
    const held = template.perUserLimit === 1 ? 0 : await m.getRepository(UserCoupon).countBy({ templateId: template.id, userId });
    if (held >= template.perUserLimit) throw new CouponError(ErrorCode.CouponLimitReached, `每人限领${template.perUserLimit}张`);
    const { validFrom, validTo } = couponValidity(template, now);
    const values = {
      userId, templateId: template.id, packetId: null, claimSeq: held + 1, source, title: template.title, ...termsOf(template), validFrom, validTo,
      status: 'unused' as const, orderId: null, discount: 0, lockedAt: null, usedAt: null, createdAt: now, version: 1,
    };
    let id: number;
    try {
      // Without reading the row back (TypeORM would SELECT its defaults after the INSERT on MySQL): every column is
      // given here, so the coupon is known without another round trip; its id comes from the driver.
      const result = await m.createQueryBuilder().insert().into(UserCoupon).values(values).updateEntity(false).execute();
      id = insertedId(result.raw);
    } catch (err) {
      if (isUniqueViolation(err)) throw new CouponError(ErrorCode.CouponLimitReached, `每人限领${template.perUserLimit}张`);
      throw err;
    }
    const taken = await m.createQueryBuilder().update(CouponTemplate).set({ issued: () => 'issued + 1' })
      .where('id = :id AND issued < total AND stopped_at IS NULL', { id: template.id }).execute();
    if (affectedRows(taken) !== 1) {
      this.markSoldOut(template.id);
      throw new CouponError(ErrorCode.CouponSoldOut, '优惠券已抢光');
    }
    return Object.assign(new UserCoupon(), values, { id });
  }

  /**
   * A template this process found sold out. The claim route refuses it from memory, before any database work:
   * `issued` only grows, so the hint can only refuse what the conditional UPDATE would refuse too, and it never
   * grants anything. Every second one fresh read of the template confirms it (the rush keeps being refused while
   * that read runs) or drops it. An operator raising the total clears it here; other instances see it on their next
   * confirming read, within about a second.
   */
  knownSoldOut(templateId: number): boolean {
    const until = this.soldOutUntil.get(templateId);
    if (until === undefined) return false;
    if (until <= Date.now() && !this.confirming.has(templateId)) this.confirmSoldOut(templateId);
    return true;
  }

  /** One read at a time per template: still sold out renews the hint, anything else drops it (a stop is refused on the read, with its own message). */
  private confirmSoldOut(templateId: number): void {
    this.confirming.add(templateId);
    this.templates.findOneBy({ id: templateId }).then((t) => {
      if (t && t.issued >= t.total && !t.stoppedAt) this.soldOutUntil.set(templateId, Date.now() + SOLD_OUT_HINT_MS);
      else this.soldOutUntil.delete(templateId);
    }, () => this.soldOutUntil.delete(templateId)).finally(() => this.confirming.delete(templateId));
  }

  /**
   * The template as the claim path reads it, at most a second old (one read per template per second in a rush,
   * shared by the requests waiting for it). What it decides is either a refusal the database would make as well or
   * the terms copied onto the coupon; the total and the stop are decided by the conditional UPDATE on the row itself.
   * An edit in this process drops it at once; other instances see an edit within the second.
   */
  private claimTemplate(templateId: number): Promise<CouponTemplate | null> {
    const cached = this.claimTemplates.get(templateId);
    if (cached && Date.now() - cached.at < CLAIM_TEMPLATE_TTL_MS) return cached.template;
    const template = this.templates.findOneBy({ id: templateId });
    this.claimTemplates.set(templateId, { template, at: Date.now() });
    template.catch(() => this.claimTemplates.delete(templateId));
    return template;
  }

  private markSoldOut(templateId: number): void {
    this.soldOutUntil.set(templateId, Date.now() + SOLD_OUT_HINT_MS);
    // The cached row's `issued` is behind: when the hint lapses, a fresh read refuses without a transaction.
    this.claimTemplates.delete(templateId);
  }

  /** 立即领取 in the claim centre or on a product page. */
  async claim(userId: number, templateId: number, source: 'centre' | 'product'): Promise<UserCouponView> {
    if (this.knownSoldOut(templateId)) throw COUPON_SOLD_OUT;
    const template = await this.claimTemplate(templateId);
    if (!template || !template.inCentre) throw new CouponError(ErrorCode.CouponTemplateNotFound, '优惠券不存在');
    // Sold out or stopped: refused on the read alone, without a transaction. `issued` only grows, so this read can
    // only refuse what the conditional UPDATE would refuse too; it never grants anything.
    const refusal = claimRefusal(template, new Date());
    if (refusal) {
      if (refusal.code === ErrorCode.CouponSoldOut) this.markSoldOut(templateId);
      throw refusal;
    }
    return this.tx.run((m) => this.issue(m, template, userId, source)).then((c) => toUserCouponView(c));
  }

  /** A redeem code: used once (a conditional UPDATE on the code), and the coupon issued in the same transaction. */
  async redeem(userId: number, input: string): Promise<UserCouponView> {
    const code = normalizeCode(input);
    const row = code.length === CODE_LENGTH ? await this.codes.findOneBy({ code }) : null;
    if (!row || row.usedBy !== null) throw new CouponError(ErrorCode.RedeemCodeInvalid, '兑换码无效或已使用');
    const template = await this.templates.findOneByOrFail({ id: row.templateId });
    const coupon = await this.tx.run(async (m) => {
      const used = await m.createQueryBuilder().update(CouponCode).set({ usedBy: userId, usedAt: new Date() }).where('id = :id AND used_by IS NULL', { id: row.id }).execute();
      if (affectedRows(used) !== 1) throw new CouponError(ErrorCode.RedeemCodeInvalid, '兑换码无效或已使用');
      const issued = await this.issue(m, template, userId, 'code');
      await m.getRepository(CouponCode).update({ id: row.id }, { couponId: issued.id });
      return issued;
    });
    return toUserCouponView(coupon);
  }

  /** New-customer gifts, on a shopper's first login. Each gift is one claim, so it is given at most once per limit. */
  async giftNewCustomer(userId: number): Promise<number> {
    const gifts = await this.templates.findBy({ newCustomerGift: true, stoppedAt: IsNull() });
    let given = 0;
    for (const template of gifts) {
      try {
        await this.tx.run((m) => this.issue(m, template, userId, 'gift'));
        given++;
      } catch (err) {
        if (!(err instanceof CouponError)) throw err;
        this.logger.log({ userId, templateId: template.id, code: err.code }, 'new-customer gift not given');
      }
    }
    return given;
  }

  // ---- shopper reads ----

  /** 领券中心: templates on show that can still be used, with this shopper's state. */
  async centre(viewerId: number | null): Promise<CouponOfferView[]> {
    const now = new Date();
    const shown = (await this.templates.find({ where: { inCentre: true, stoppedAt: IsNull() }, order: { id: 'DESC' }, take: 100 }))
      .filter((t) => !templateExpired(t, now) && (!t.claimEndsAt || t.claimEndsAt > now));
    return this.offerViews(shown, viewerId, now);
  }

  /** The product page's coupon row: what applies to this product, and its best 券后价 for one unit of the cheapest SKU. */
  async forProduct(productId: number, viewerId: number | null): Promise<{ offers: CouponOfferView[]; afterCouponPrice: number | null }> {
    const m = this.templates.manager;
    const product = await m.getRepository(Product).findOneBy({ id: productId });
    if (!product) throw new CouponError(ErrorCode.ProductNotFound, '商品不存在');
    const skus = await m.getRepository(Sku).findBy({ productId, deletedAt: IsNull() });
    const now = new Date();
    const applicable = (await this.templates.find({ where: { inCentre: true, stoppedAt: IsNull() }, order: { id: 'DESC' }, take: 100 }))
      .filter((t) => !templateExpired(t, now) && (!t.claimEndsAt || t.claimEndsAt > now) && inScope(termsOf(t), { productId, categoryId: product.categoryId }));
    const offers = await this.offerViews(applicable, viewerId, now);
    if (!skus.length) return { offers, afterCouponPrice: null };
    // 券后价: one unit of the cheapest SKU with the best coupon the shopper holds or can still claim.
    const price = Math.min(...skus.map((s) => s.price));
    const line = { skuId: skus[0].id, productId, categoryId: product.categoryId, lineTotal: price };
    const always = { validFrom: new Date(0), validTo: new Date(now.getTime() + 86_400_000) };
    let best: number | null = null;
    const consider = (result: ReturnType<typeof evaluateCoupon>) => {
      if (result.ok && (best === null || price - result.discount < best)) best = price - result.discount;
    };
    const ctx = { lines: [line], promotion: 'none' as const, campaignAcceptsCoupons: true, now };
    applicable.forEach((t, i) => {
      if (offers[i].state === 'sold_out' && offers[i].claimed === 0) return;
      consider(evaluateCoupon(termsOf(t), always, ctx));
    });
    // Coupons already in the wallet count too, wherever they came from (a red packet, a grant, a redeem code).
    if (viewerId) {
      const held = await this.coupons.find({ where: { userId: viewerId, status: 'unused', validTo: MoreThan(now) }, take: 200 });
      for (const c of held) consider(evaluateCoupon(termsOf(c), c, ctx));
    }
    return { offers, afterCouponPrice: best };
  }

  /**
   * The 券 tag of product cards: for each product, the coupon the viewer holds (unused, valid) or could still claim
   * in the centre (open, not sold out, under the viewer's limit) whose scope covers it; the largest face wins.
   */
  async cardTags(products: { id: number; categoryId: number }[], viewerId: number | null, now = new Date()): Promise<Map<number, { label: string; held: boolean }>> {
    const out = new Map<number, { label: string; held: boolean }>();
    if (!products.length) return out;
    const templates = (await this.templates.find({ where: { inCentre: true, stoppedAt: IsNull() }, order: { id: 'DESC' }, take: 100 }))
      .filter((t) => !templateExpired(t, now) && (!t.claimStartsAt || t.claimStartsAt <= now) && (!t.claimEndsAt || t.claimEndsAt > now) && t.issued < t.total);
    const claimedBy = new Map<number, number>();
    const held = viewerId === null ? [] : await this.coupons.createQueryBuilder('c')
      .where("c.userId = :viewerId AND c.status = 'unused' AND c.validTo > :now AND c.validFrom <= :now", { viewerId, now }).take(200).getMany();
    if (viewerId !== null && templates.length) {
      const rows = await this.coupons.createQueryBuilder('c').select('c.templateId', 'templateId').addSelect('COUNT(*)', 'n')
        .where('c.userId = :viewerId AND c.templateId IN (:...ids)', { viewerId, ids: templates.map((t) => t.id) }).groupBy('c.templateId').getRawMany<{ templateId: number; n: number | string }>();
      for (const r of rows) claimedBy.set(Number(r.templateId), Number(r.n));
    }
    const claimable = templates.filter((t) => (claimedBy.get(t.id) ?? 0) < t.perUserLimit);
    // The face a shopper compares: an amount off, or what a percentage takes off ¥100.
    const worth = (t: { type: string; amount: number; rate: number }) => (t.type === 'percent_off' ? (100 - t.rate) * 100 : t.amount);
    const label = (t: { type: CouponTerms['type']; amount: number; rate: number; threshold: number }) =>
      t.type === 'percent_off' ? couponFace(t) : t.type === 'no_threshold' || t.threshold <= 0 ? `无门槛${couponFace(t)}` : `满${trimYuan(t.threshold)}减${trimYuan(t.amount)}`;
    for (const p of products) {
      const line = { productId: p.id, categoryId: p.categoryId };
      const mine = held.filter((c) => inScope(termsOf(c), line)).sort((a, b) => worth(b) - worth(a))[0];
      const open = claimable.filter((t) => inScope(termsOf(t), line)).sort((a, b) => worth(b) - worth(a))[0];
      const best = mine && (!open || worth(mine) >= worth(open)) ? { c: mine, held: true } : open ? { c: open, held: false } : null;
      if (best) out.set(p.id, { label: label(best.c), held: best.held });
    }
    return out;
  }

  async mine(userId: number, query: MyCouponsQuery): Promise<Page<UserCouponView>> {
    const now = new Date();
    const qb = this.coupons.createQueryBuilder('c').where('c.userId = :userId', { userId });
    if (query.status === 'unused') qb.andWhere("c.status IN ('unused', 'locked') AND c.validTo > :now", { now });
    else if (query.status === 'used') qb.andWhere("c.status = 'used'");
    else if (query.status === 'expired') qb.andWhere("c.status = 'unused' AND c.validTo <= :now", { now });
    const [rows, total] = await qb.orderBy('c.validTo', query.status === 'unused' ? 'ASC' : 'DESC').addOrderBy('c.id', 'DESC').skip(query.skip).take(query.pageSize).getManyAndCount();
    return { items: rows.map((c) => toUserCouponView(c, now)), total, page: query.page, pageSize: query.pageSize };
  }

  /** One of the shopper's coupons; another shopper's answers exactly like a missing one. */
  async getMine(userId: number, id: number): Promise<UserCouponView> {
    const coupon = await this.coupons.findOneBy({ id, userId });
    if (!coupon) throw new CouponError(ErrorCode.CouponNotFound, '优惠券不存在');
    return toUserCouponView(coupon);
  }

  private async offerViews(templates: CouponTemplate[], viewerId: number | null, now: Date): Promise<CouponOfferView[]> {
    const held = new Map<number, number>();
    if (viewerId && templates.length) {
      const rows = await this.coupons.createQueryBuilder('c').select('c.templateId', 'templateId').addSelect('COUNT(*)', 'n')
        .where('c.userId = :viewerId AND c.templateId IN (:...ids)', { viewerId, ids: templates.map((t) => t.id) }).groupBy('c.templateId').getRawMany<{ templateId: number; n: string | number }>();
      for (const r of rows) held.set(Number(r.templateId), Number(r.n));
    }
    return templates.map((t) => toOfferView(t, held.get(t.id) ?? 0, now));
  }

  // ---- operator ----

  async createTemplate(dto: CreateCouponTemplateDto, actor: string): Promise<AdminTemplateView> {
    const values = templateValues(dto, null);
    const { identifiers } = await this.templates.insert({ ...values, issued: 0, createdBy: actor.slice(0, 32) } as Partial<CouponTemplate>);
    return this.adminGet(Number(identifiers[0].id));
  }

  async updateTemplate(id: number, dto: UpdateCouponTemplateDto): Promise<AdminTemplateView> {
    const current = await this.requireTemplate(id);
    const values = templateValues({
      ...current, ...dto, validFrom: dto.validFrom ?? current.validFrom ?? undefined, validTo: dto.validTo ?? current.validTo ?? undefined,
      claimStartsAt: dto.claimStartsAt ?? current.claimStartsAt ?? undefined, claimEndsAt: dto.claimEndsAt ?? current.claimEndsAt ?? undefined,
    }, current);
    // The total may not drop below what is already issued: one conditional UPDATE decides.
    const result = await this.templates.createQueryBuilder().update(CouponTemplate).set(values as never).where('id = :id AND issued <= :total', { id, total: values.total }).execute();
    if (affectedRows(result) !== 1) throw new CouponError(ErrorCode.CouponInvalid, `发放总量不能少于已领取的${current.issued}张`);
    this.soldOutUntil.delete(id);
    this.claimTemplates.delete(id);
    return this.adminGet(id);
  }

  async stopTemplate(id: number): Promise<AdminTemplateView> {
    await this.requireTemplate(id);
    await this.templates.createQueryBuilder().update(CouponTemplate).set({ stoppedAt: new Date() }).where('id = :id AND stopped_at IS NULL', { id }).execute();
    this.claimTemplates.delete(id);
    return this.adminGet(id);
  }

  async adminList(query: TemplatesQuery): Promise<Page<AdminTemplateView>> {
    const [rows, total] = await this.templates.findAndCount({ order: { id: 'DESC' }, skip: query.skip, take: query.pageSize });
    const roi = await this.roi(rows.map((r) => r.id));
    return { items: rows.map((t) => adminView(t, roi.get(t.id)!)), total, page: query.page, pageSize: query.pageSize };
  }

  async adminGet(id: number): Promise<AdminTemplateView> {
    const t = await this.requireTemplate(id);
    return adminView(t, (await this.roi([id])).get(id)!);
  }

  /** An operator's grant to chosen shoppers: each is one claim (total and per-shopper limit hold); refusals are reported per shopper. */
  async grant(id: number, userIds: number[]): Promise<{ granted: number[]; refused: { userId: number; reason: string }[] }> {
    const template = await this.requireTemplate(id);
    const known = new Set((await this.templates.manager.getRepository(User).createQueryBuilder('u').select('u.id', 'id').where('u.id IN (:...ids)', { ids: [...new Set(userIds)] }).getRawMany<{ id: number }>()).map((u) => Number(u.id)));
    const granted: number[] = [];
    const refused: { userId: number; reason: string }[] = [];
    for (const userId of [...new Set(userIds)]) {
      if (!known.has(userId)) {
        refused.push({ userId, reason: '用户不存在' });
        continue;
      }
      try {
        await this.tx.run((m) => this.issue(m, template, userId, 'grant'));
        granted.push(userId);
      } catch (err) {
        if (!(err instanceof CouponError)) throw err;
        refused.push({ userId, reason: err.message });
      }
    }
    return { granted, refused };
  }

  /** A batch of one-time redeem codes. Codes are random (60 bits); a collision with an existing code is drawn again. */
  async createCodes(id: number, dto: CreateCodesDto): Promise<{ batch: string; codes: string[] }> {
    await this.requireTemplate(id);
    const codes = new Set<string>();
    while (codes.size < dto.count) codes.add(newRedeemCode());
    for (let attempt = 0; ; attempt++) {
      try {
        await this.tx.run((m) => bulkInsert(m, CouponCode, [...codes].map((code) => ({ templateId: id, code, batch: dto.batch })), ['templateId', 'code', 'batch']));
        break;
      } catch (err) {
        if (!isUniqueViolation(err) || attempt > 3) throw err;
        const taken = new Set((await this.codes.findBy({ code: In([...codes]) })).map((c) => c.code));
        for (const c of taken) {
          codes.delete(c);
          let fresh = newRedeemCode();
          while (codes.has(fresh)) fresh = newRedeemCode();
          codes.add(fresh);
        }
      }
    }
    return { batch: dto.batch, codes: [...codes].map((c) => c.replace(/(.{4})(?=.)/g, '$1-')) };
  }

  async listCodes(id: number): Promise<{ code: string; batch: string; usedBy: number | null; usedAt: string | null }[]> {
    await this.requireTemplate(id);
    return (await this.codes.find({ where: { templateId: id }, order: { id: 'ASC' }, take: 5000 }))
      .map((c) => ({ code: c.code.replace(/(.{4})(?=.)/g, '$1-'), batch: c.batch, usedBy: c.usedBy, usedAt: c.usedAt?.toISOString() ?? null }));
  }

  /** Coupon ROI per template: claimed, used and locked coupons, the discount paid orders got, and what they paid. */
  async roi(templateIds: number[]): Promise<Map<number, CouponRoi>> {
    const out = new Map<number, CouponRoi>();
    if (!templateIds.length) return out;
    const templates = await this.templates.findBy({ id: In(templateIds) });
    for (const t of templates) out.set(t.id, { templateId: t.id, title: t.title, total: t.total, claimed: 0, used: 0, locked: 0, discountGiven: 0, sales: 0 });
    const counts = await this.coupons.createQueryBuilder('c').select('c.templateId', 'templateId').addSelect('c.status', 'status').addSelect('COUNT(*)', 'n').addSelect('SUM(c.discount)', 'discount')
      .where('c.templateId IN (:...ids)', { ids: templateIds }).groupBy('c.templateId').addGroupBy('c.status').getRawMany<{ templateId: number; status: string; n: string; discount: string | null }>();
    for (const r of counts) {
      const roi = out.get(Number(r.templateId))!;
      roi.claimed += Number(r.n);
      if (r.status === 'used') {
        roi.used = Number(r.n);
        roi.discountGiven = Number(r.discount ?? 0);
      } else if (r.status === 'locked') roi.locked = Number(r.n);
    }
    const sales = await this.coupons.createQueryBuilder('c').innerJoin(Order, 'o', 'o.id = c.orderId').select('c.templateId', 'templateId').addSelect('SUM(o.total)', 'sales')
      .where("c.templateId IN (:...ids) AND c.status = 'used'", { ids: templateIds }).groupBy('c.templateId').getRawMany<{ templateId: number; sales: string | null }>();
    for (const r of sales) out.get(Number(r.templateId))!.sales = Number(r.sales ?? 0);
    return out;
  }

  private async requireTemplate(id: number): Promise<CouponTemplate> {
    const t = await this.templates.findOneBy({ id });
    if (!t) throw new CouponError(ErrorCode.CouponTemplateNotFound, '优惠券不存在');
    return t;
  }
}

/** Why nobody can claim this template now, or null. */
function claimRefusal(t: CouponTemplate, now: Date): CouponError | null {
  if (t.stoppedAt) return new CouponError(ErrorCode.CouponNotClaimable, '该优惠券已停止发放');
  if (t.claimStartsAt && t.claimStartsAt > now) return new CouponError(ErrorCode.CouponNotClaimable, '该优惠券尚未开始领取');
  if ((t.claimEndsAt && t.claimEndsAt <= now) || templateExpired(t, now)) return new CouponError(ErrorCode.CouponNotClaimable, '该优惠券已结束领取');
  if (t.issued >= t.total) return new CouponError(ErrorCode.CouponSoldOut, '优惠券已抢光');
  return null;
}

/** The template's columns from a create or an edit, checked together (rules one field cannot state alone). */
function templateValues(dto: Partial<CreateCouponTemplateDto> & Pick<CreateCouponTemplateDto, 'title' | 'validity' | 'total' | 'perUserLimit'>, current: CouponTemplate | null): Partial<CouponTemplate> {
  const type = current?.type ?? dto.type!;
  const amount = type === 'percent_off' ? 0 : dto.amount ?? current?.amount ?? 0;
  const rate = type === 'percent_off' ? dto.rate ?? current?.rate ?? 0 : 100;
  const threshold = type === 'no_threshold' ? 0 : dto.threshold ?? current?.threshold ?? 0;
  const scope = dto.scope ?? 'all';
  const scopeIds = scope === 'all' ? [] : [...new Set(dto.scopeIds ?? [])];
  const bad = (message: string) => new CouponError(ErrorCode.CouponInvalid, message);
  if (type !== 'percent_off' && amount < 1) throw bad('请填写优惠金额');
  if (type === 'percent_off' && (rate < 1 || rate > 99)) throw bad('折扣须在0.1折到9.9折之间');
  if (type === 'threshold_off' && threshold <= amount) throw bad('满减券的门槛须高于优惠金额');
  if (scope !== 'all' && !scopeIds.length) throw bad('指定分类或商品时须至少选择一个');
  if (dto.validity === 'fixed') {
    if (!dto.validFrom || !dto.validTo || dto.validTo.getTime() <= dto.validFrom.getTime()) throw bad('有效期的结束时间须晚于开始时间');
  } else if (!dto.validDays) throw bad('请填写领取后有效天数');
  if (dto.claimStartsAt && dto.claimEndsAt && dto.claimEndsAt <= dto.claimStartsAt) throw bad('领取结束时间须晚于开始时间');
  return {
    title: dto.title, type, amount, rate, cap: type === 'percent_off' ? dto.cap ?? current?.cap ?? 0 : 0, threshold, scope, scopeIds, excludeProductIds: [...new Set(dto.excludeProductIds ?? [])],
    combineGroup: dto.combineGroup ?? false, combineFlash: dto.combineFlash ?? false, validity: dto.validity,
    validFrom: dto.validity === 'fixed' ? dto.validFrom! : null, validTo: dto.validity === 'fixed' ? dto.validTo! : null, validDays: dto.validity === 'relative' ? dto.validDays! : 0,
    total: dto.total, perUserLimit: dto.perUserLimit, inCentre: dto.inCentre ?? true, newCustomerGift: dto.newCustomerGift ?? false,
    claimStartsAt: dto.claimStartsAt ?? null, claimEndsAt: dto.claimEndsAt ?? null,
  };
}

function adminView(t: CouponTemplate, roi: CouponRoi): AdminTemplateView {
  return {
    ...toOfferView(t, 0), validity: t.validity, validFrom: t.validFrom?.toISOString() ?? null, validTo: t.validTo?.toISOString() ?? null, validDays: t.validDays,
    scope: t.scope, scopeIds: t.scopeIds, excludeProductIds: t.excludeProductIds, combineGroup: t.combineGroup, combineFlash: t.combineFlash,
    total: t.total, issued: t.issued, inCentre: t.inCentre, newCustomerGift: t.newCustomerGift, stoppedAt: t.stoppedAt?.toISOString() ?? null, roi,
  };
}
