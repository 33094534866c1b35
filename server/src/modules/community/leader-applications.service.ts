import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, maskPhone } from '@linli/shared';
import { In, Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/error.filter';
import { RateLimiter } from '../../common/rate-limit';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { User } from '../auth/entities/user.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { AdminLeaderApplicationView, ApplyLeaderDto, LeaderApplicationView, MyLeaderApplicationView } from './community.dto';
import { CommunityError } from './community.errors';
import { LeaderApplication, LeaderApplicationStatus, StoreStaff } from './entities/community.entities';
import { LeaderCommissionService } from './leader-commission.service';

/** Phone-button codes exchanged per shopper per minute: each exchange is a paid call to WeChat. */
export const PHONE_EXCHANGES_PER_MINUTE = 5;

function view(a: LeaderApplication, masked: boolean): LeaderApplicationView {
  return {
    id: a.id, status: a.status, storeName: a.storeName, address: a.address, district: a.district,
    latitude: Number(a.latitude), longitude: Number(a.longitude), hours: a.hours, phone: masked ? maskPhone(a.phone) : a.phone,
    reason: a.reason, storeId: a.storeId, createdAt: a.createdAt.toISOString(), decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}

/**
 * 申请当团长: a shopper applies with their store's details and the phone number WeChat's phone button vouches for;
 * an operator approves (opening a store from the application, or handing them a store without a leader) or rejects
 * with a reason. One pending application per person (unique `pending_user_id`); the decision is a conditional
 * UPDATE on `status = 'pending'`, so two operators deciding at once give one decision.
 */
@Injectable()
export class LeaderApplicationsService {
  constructor(
    @InjectRepository(LeaderApplication) private readonly applications: Repository<LeaderApplication>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly wechat: WechatApiClient,
    private readonly limiter: RateLimiter,
    private readonly tx: TransactionRunner,
  ) {}

  async apply(userId: number, dto: ApplyLeaderDto): Promise<LeaderApplicationView> {
    const { hits } = await this.limiter.hit(`leader-apply:${userId}`);
    if (hits > PHONE_EXCHANGES_PER_MINUTE) throw new CommunityError(ErrorCode.TooManyRequests, '操作太频繁，请稍后再试');
    await this.refuseIfTaken(userId);
    // Checked before exchanging the code, so a repeat does not spend a WeChat call; the unique key settles races.
    if (await this.applications.existsBy({ pendingUserId: userId })) throw new CommunityError(ErrorCode.LeaderApplicationExists);
    const { purePhoneNumber } = await this.wechat.getUserPhoneNumber(dto.phoneCode);
    try {
      const { identifiers } = await this.applications.insert({
        userId, pendingUserId: userId, status: 'pending', storeName: dto.storeName, address: dto.address, district: dto.district,
        latitude: dto.latitude, longitude: dto.longitude, hours: dto.hours, phone: purePhoneNumber, reason: null, storeId: null, decidedBy: null, decidedAt: null,
      });
      return view(await this.applications.findOneByOrFail({ id: Number(identifiers[0].id) }), true);
    } catch (e) {
      if (isUniqueViolation(e)) throw new CommunityError(ErrorCode.LeaderApplicationExists);
      throw e;
    }
  }

  async mine(userId: number): Promise<MyLeaderApplicationView> {
    const latest = await this.applications.findOne({ where: { userId }, order: { id: 'DESC' } });
    return { application: latest ? view(latest, true) : null };
  }

  async adminList(status?: LeaderApplicationStatus): Promise<AdminLeaderApplicationView[]> {
    const rows = await this.applications.find({ where: status ? { status } : {}, order: { id: 'DESC' }, take: 200 });
    const users = rows.length ? await this.users.findBy({ id: In(rows.map((r) => r.userId)) }) : [];
    const names = new Map(users.map((u) => [u.id, u.nickname]));
    return rows.map((r) => ({ ...view(r, false), userId: r.userId, nickname: names.get(r.userId) ?? '' }));
  }

  async adminGet(id: number): Promise<AdminLeaderApplicationView> {
    const row = await this.applications.findOneBy({ id });
    if (!row) throw new CommunityError(ErrorCode.LeaderApplicationNotFound);
    const user = await this.users.findOneBy({ id: row.userId });
    return { ...view(row, false), userId: row.userId, nickname: user?.nickname ?? '' };
  }

  /**
   * Approves: in one transaction the application leaves `pending` (the single winner), the store is opened from its
   * details (or the chosen store, which must have no leader, is taken by a conditional update) and the applicant
   * becomes its leader with an account in the commission ledger.
   */
  async approve(id: number, adminId: number, storeId?: number): Promise<AdminLeaderApplicationView> {
    const app = await this.applications.findOneBy({ id });
    if (!app) throw new CommunityError(ErrorCode.LeaderApplicationNotFound);
    await this.tx.run(async (m) => {
      const decided = await m.createQueryBuilder().update(LeaderApplication)
        .set({ status: 'approved', pendingUserId: null, decidedBy: adminId, decidedAt: new Date() })
        .where('id = :id AND status = :pending', { id, pending: 'pending' }).execute();
      if (!affectedRows(decided)) throw new CommunityError(ErrorCode.LeaderApplicationState);
      if (await m.getRepository(StoreStaff).existsBy({ userId: app.userId })) throw new CommunityError(ErrorCode.StoreLeaderTaken);
      if (await m.getRepository(PickupStore).existsBy({ leaderUserId: app.userId })) throw new CommunityError(ErrorCode.StoreLeaderTaken);
      let target = storeId;
      try {
        if (target === undefined) {
          const { identifiers } = await m.getRepository(PickupStore).insert({
            name: app.storeName, address: app.address, district: app.district, latitude: app.latitude, longitude: app.longitude,
            hours: app.hours, phone: app.phone, photo: null, state: 'open', leaderUserId: app.userId,
          });
          target = Number(identifiers[0].id);
        } else {
          const store = await m.getRepository(PickupStore).findOneBy({ id: target });
          if (!store || store.state === 'closed') throw new CommunityError(ErrorCode.PickupStoreNotFound, '自提点不存在或已关闭');
          const taken = await m.createQueryBuilder().update(PickupStore).set({ leaderUserId: app.userId })
            .where('id = :id AND leader_user_id IS NULL', { id: target }).execute();
          if (!affectedRows(taken)) throw new CommunityError(ErrorCode.StoreLeaderTaken, '该自提点已有团长');
        }
      } catch (e) {
        if (isUniqueViolation(e)) throw new CommunityError(ErrorCode.StoreLeaderTaken);
        throw e;
      }
      await m.getRepository(LeaderApplication).update({ id }, { storeId: target });
      await LeaderCommissionService.openAccount(m, app.userId);
    });
    return this.adminGet(id);
  }

  async reject(id: number, adminId: number, reason: string): Promise<AdminLeaderApplicationView> {
    if (!(await this.applications.existsBy({ id }))) throw new CommunityError(ErrorCode.LeaderApplicationNotFound);
    const decided = await this.applications.createQueryBuilder().update(LeaderApplication)
      .set({ status: 'rejected', pendingUserId: null, reason, decidedBy: adminId, decidedAt: new Date() })
      .where('id = :id AND status = :pending', { id, pending: 'pending' }).execute();
    if (!affectedRows(decided)) throw new CommunityError(ErrorCode.LeaderApplicationState);
    return this.adminGet(id);
  }

  /** A leader or staff member already has a store. */
  private async refuseIfTaken(userId: number): Promise<void> {
    const [leads, staffs] = await Promise.all([
      this.applications.manager.getRepository(PickupStore).existsBy({ leaderUserId: userId }),
      this.applications.manager.getRepository(StoreStaff).existsBy({ userId }),
    ]);
    if (leads || staffs) throw new CommunityError(ErrorCode.LeaderApplicationExists, '你已是自提点的团长或店员');
  }
}
