import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, LatLng, sortStores } from '@linli/shared';
import { In, Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/error.filter';
import { TransactionRunner } from '../../database/transaction-runner';
import { User } from '../auth/entities/user.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { PickupStoresService } from '../orders/pickup-stores.service';
import { CreateStoreDto, AdminStoreView, StoreView, UpdateStoreDto } from './community.dto';
import { CommunityError } from './community.errors';
import { LeaderCommissionService } from './leader-commission.service';
import { StoreStaff } from './entities/community.entities';

export function toStoreView(s: PickupStore, distance: number | null = null): StoreView {
  return {
    id: s.id, name: s.name, address: s.address, district: s.district, latitude: Number(s.latitude), longitude: Number(s.longitude),
    hours: s.hours, phone: s.phone, photo: s.photo, state: s.state, distance,
  };
}

/** Community stores: the shopper's list (nearest first) and the operator's desk (create, edit, state, leader). */
@Injectable()
export class StoresService {
  constructor(
    @InjectRepository(PickupStore) private readonly stores: Repository<PickupStore>,
    @InjectRepository(StoreStaff) private readonly staff: Repository<StoreStaff>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly pickupStores: PickupStoresService,
    private readonly tx: TransactionRunner,
  ) {}

  /** Stores a shopper can pick: open and paused ones (a paused store shows its state), never closed ones. */
  async list(from: LatLng | null): Promise<StoreView[]> {
    const rows = await this.stores.findBy({ state: In(['open', 'paused']) });
    const views = rows.map((s) => toStoreView(s));
    return sortStores(views, from);
  }

  async get(id: number): Promise<StoreView> {
    const store = await this.stores.findOneBy({ id });
    if (!store || store.state === 'closed') throw new CommunityError(ErrorCode.PickupStoreNotFound);
    return toStoreView(store);
  }

  async adminList(): Promise<AdminStoreView[]> {
    const rows = await this.stores.find({ order: { id: 'ASC' } });
    const counts = rows.length
      ? ((await this.staff.createQueryBuilder('s').select('s.store_id', 'storeId').addSelect('COUNT(*)', 'n').where({ storeId: In(rows.map((r) => r.id)) }).groupBy('s.store_id').getRawMany()) as { storeId: number; n: string }[])
      : [];
    const byStore = new Map(counts.map((c) => [Number(c.storeId), Number(c.n)]));
    return rows.map((s) => ({ ...toStoreView(s), leaderUserId: s.leaderUserId, staffCount: byStore.get(s.id) ?? 0 }));
  }

  async adminGet(id: number): Promise<AdminStoreView> {
    const found = (await this.adminList()).find((s) => s.id === id);
    if (!found) throw new CommunityError(ErrorCode.PickupStoreNotFound, '自提点不存在');
    return found;
  }

  async create(dto: CreateStoreDto): Promise<AdminStoreView> {
    const store = await this.pickupStores.create({ ...dto, photo: dto.photo ?? null });
    return this.adminGet(store.id);
  }

  async update(id: number, dto: UpdateStoreDto): Promise<AdminStoreView> {
    await this.adminGet(id);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<PickupStore>;
    if (Object.keys(changes).length) await this.stores.update({ id }, changes);
    return this.adminGet(id);
  }

  /**
   * Makes a shopper the store's leader (or removes the leader with null). A person runs one store and cannot also be
   * staff anywhere: the unique leader column decides a race between two stores, the staff check runs in the same
   * transaction.
   */
  async setLeader(id: number, userId: number | null): Promise<AdminStoreView> {
    await this.adminGet(id);
    if (userId !== null && !(await this.users.existsBy({ id: userId }))) throw new CommunityError(ErrorCode.StoreInvalid, '用户不存在');
    await this.tx.run(async (m) => {
      if (userId !== null) {
        if (await m.getRepository(StoreStaff).existsBy({ userId })) throw new CommunityError(ErrorCode.StoreLeaderTaken);
        const other = await m.getRepository(PickupStore).findOneBy({ leaderUserId: userId });
        if (other && other.id !== id) throw new CommunityError(ErrorCode.StoreLeaderTaken);
      }
      try {
        await m.getRepository(PickupStore).update({ id }, { leaderUserId: userId });
        // The leader earns commission into the referrals ledger: they get an account there.
        if (userId !== null) await LeaderCommissionService.openAccount(m, userId);
      } catch (e) {
        if (isUniqueViolation(e)) throw new CommunityError(ErrorCode.StoreLeaderTaken);
        throw e;
      }
    });
    return this.adminGet(id);
  }
}
