import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { OrderStatus, chinaDate, maskName } from '@linli/shared';
import { createCanvas } from '@napi-rs/canvas';
import { Between, In, Repository } from 'typeorm';
import { User } from '../auth/entities/user.entity';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { FONT, loadFonts } from '../referrals/share-images.service';
import { DailyReportView } from './community.dto';
import { StaffService } from './staff.service';

const CHINA_OFFSET_MS = 8 * 3600_000;
/** Sold today: paid and not refunded or cancelled since. */
const SOLD: OrderStatus[] = [OrderStatus.Paid, OrderStatus.ReadyForPickup, OrderStatus.Completed, OrderStatus.Grouping];

/** The China calendar day holding `now`: its date text and its [start, end) instants. */
export function chinaDay(now: Date): { date: string; start: Date; end: Date } {
  const date = chinaDate(now);
  const start = new Date(Date.parse(`${date}T00:00:00.000Z`) - CHINA_OFFSET_MS);
  return { date, start, end: new Date(start.getTime() + 86_400_000) };
}

/**
 * 销售战报: what a leader's store sold today, for the group chat. Counts, top products and masked names only, never
 * a phone, full name or code. Sharing it is ordinary sharing: it grants nothing.
 */
@Injectable()
export class DailyReportService {
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderLine) private readonly lines: Repository<OrderLine>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly staff: StaffService,
  ) {}

  async report(leaderId: number, now = new Date()): Promise<DailyReportView> {
    const store = await this.staff.requireLeader(leaderId);
    const day = chinaDay(now);
    const sold = await this.orders.find({
      where: { pickupStoreId: store.id, fulfilment: 'pickup', status: In(SOLD), paidAt: Between(day.start, new Date(day.end.getTime() - 1)) },
      order: { paidAt: 'DESC', id: 'DESC' }, take: 5000,
    });
    const waiting = await this.orders.find({ where: { pickupStoreId: store.id, status: OrderStatus.ReadyForPickup }, select: { id: true }, take: 5000 });
    const soldLines = sold.length ? await this.lines.findBy({ orderId: In(sold.map((o) => o.id)) }) : [];
    const waitingLines = waiting.length ? await this.lines.findBy({ orderId: In(waiting.map((o) => o.id)) }) : [];
    const byTitle = new Map<string, number>();
    for (const l of soldLines) byTitle.set(l.title, (byTitle.get(l.title) ?? 0) + l.quantity);
    const topProducts = [...byTitle].map(([title, quantity]) => ({ title, quantity })).sort((a, b) => b.quantity - a.quantity || a.title.localeCompare(b.title)).slice(0, 5);
    const buyerIds = [...new Set(sold.map((o) => o.userId))];
    const users = buyerIds.length ? await this.users.findBy({ id: In(buyerIds.slice(0, 8)) }) : [];
    const names = new Map(users.map((u) => [u.id, u.nickname]));
    return {
      date: day.date, storeName: store.name, orders: sold.length, shoppers: buyerIds.length,
      units: soldLines.reduce((n, l) => n + l.quantity, 0), topProducts,
      waitingOrders: waiting.length, waitingUnits: waitingLines.reduce((n, l) => n + l.quantity, 0),
      recentBuyers: buyerIds.slice(0, 8).map((id) => {
        const name = names.get(id);
        return name ? maskName(name) : '邻居';
      }),
    };
  }

  /** The same report as a 750×1000 PNG to save or send into the group chat. */
  async image(leaderId: number, now = new Date()): Promise<Buffer> {
    return drawReport(await this.report(leaderId, now));
  }
}

export function drawReport(r: DailyReportView): Buffer {
  loadFonts();
  const [w, h] = [750, 1000];
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f5f5f5';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#E93B3D';
  ctx.fillRect(0, 0, w, 240);
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold 52px ${FONT}`;
  ctx.fillText('销售战报', 48, 100);
  ctx.font = `28px ${FONT}`;
  ctx.fillText(`${r.storeName} · ${r.date}`, 48, 156);
  ctx.fillText('邻里社区团购', 48, 204);
  // Three figures.
  const stats: [string, string][] = [[String(r.orders), '今日订单'], [String(r.shoppers), '下单邻居'], [String(r.waitingUnits), '待自提(件)']];
  stats.forEach(([value, label], i) => {
    const x = 40 + i * 230;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(x, 270, 210, 150);
    ctx.fillStyle = '#E93B3D';
    ctx.font = `bold 56px ${FONT}`;
    ctx.fillText(value, x + 24, 352);
    ctx.fillStyle = '#666666';
    ctx.font = `26px ${FONT}`;
    ctx.fillText(label, x + 24, 398);
  });
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(40, 450, 670, 330);
  ctx.fillStyle = '#222222';
  ctx.font = `bold 32px ${FONT}`;
  ctx.fillText('今日热卖', 70, 505);
  ctx.font = `28px ${FONT}`;
  if (!r.topProducts.length) {
    ctx.fillStyle = '#999999';
    ctx.fillText('今天还没有订单', 70, 565);
  }
  r.topProducts.forEach((p, i) => {
    const y = 565 + i * 44;
    ctx.fillStyle = '#222222';
    ctx.fillText(`${i + 1}. ${clip(ctx, p.title, 480)}`, 70, y);
    ctx.fillStyle = '#E93B3D';
    const q = `${p.quantity}件`;
    ctx.fillText(q, 680 - ctx.measureText(q).width, y);
  });
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(40, 810, 670, 150);
  ctx.fillStyle = '#222222';
  ctx.font = `bold 30px ${FONT}`;
  ctx.fillText('刚刚下单', 70, 860);
  ctx.font = `26px ${FONT}`;
  ctx.fillStyle = '#666666';
  ctx.fillText(clip(ctx, r.recentBuyers.length ? r.recentBuyers.join('、') : '等你来抢第一单', 600), 70, 910);
  return canvas.toBuffer('image/png');
}

function clip(ctx: { measureText(t: string): { width: number } }, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  const chars = Array.from(text);
  while (chars.length && ctx.measureText(`${chars.join('')}…`).width > max) chars.pop();
  return `${chars.join('')}…`;
}
