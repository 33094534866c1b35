import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, INVITE_TTL_HOURS, maskName } from '@linli/shared';
import { In, Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/error.filter';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { User } from '../auth/entities/user.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { InviteView, MyStoreRoleView, StaffView } from './community.dto';
import { newInviteCode } from './community-codes';
import { CommunityError } from './community.errors';
import { StaffInvite, StoreStaff } from './entities/community.entities';
import { toStoreView } from './stores.service';

export interface Verifier {
  userId: number;
  storeId: number;
  role: 'leader' | 'staff';
}

/** Who may act for a store: its leader, and staff the leader added by one-time invite. Always read from the database. */
@Injectable()
export class StaffService {
  constructor(
    @InjectRepository(PickupStore) private readonly stores: Repository<PickupStore>,
    @InjectRepository(StoreStaff) private readonly staff: Repository<StoreStaff>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tx: TransactionRunner,
  ) {}

  /** The store this person verifies pickups at, or null. A closed store verifies nothing. */
  async verifierOf(userId: number): Promise<Verifier | null> {
    const led = await this.stores.findOneBy({ leaderUserId: userId });
    if (led) return led.state === 'closed' ? null : { userId, storeId: led.id, role: 'leader' };
    const row = await this.staff.findOneBy({ userId });
    if (!row) return null;
    const store = await this.stores.findOneBy({ id: row.storeId });
    return store && store.state !== 'closed' ? { userId, storeId: row.storeId, role: 'staff' } : null;
  }

  async requireVerifier(userId: number): Promise<Verifier> {
    const v = await this.verifierOf(userId);
    if (!v) throw new CommunityError(ErrorCode.NotStoreVerifier);
    return v;
  }

  async requireLeader(userId: number): Promise<PickupStore> {
    const store = await this.stores.findOneBy({ leaderUserId: userId });
    if (!store || store.state === 'closed') throw new CommunityError(ErrorCode.NotStoreLeader);
    return store;
  }

  async me(userId: number): Promise<MyStoreRoleView> {
    const v = await this.verifierOf(userId);
    if (!v) return { role: null, store: null };
    return { role: v.role, store: toStoreView(await this.stores.findOneByOrFail({ id: v.storeId })) };
  }

  /** A one-time code, valid for a day, that makes whoever claims it staff of the leader's store. */
  async invite(leaderId: number): Promise<InviteView> {
    const store = await this.requireLeader(leaderId);
    const expiresAt = new Date(Date.now() + INVITE_TTL_HOURS * 3600_000);
    for (let attempt = 0; ; attempt++) {
      const code = newInviteCode();
      try {
        await this.staff.manager.getRepository(StaffInvite).insert({ code, storeId: store.id, expiresAt, usedBy: null, usedAt: null });
        return { code, expiresAt: expiresAt.toISOString() };
      } catch (e) {
        if (!isUniqueViolation(e) || attempt >= 3) throw e;
      }
    }
  }

  /**
   * Claims an invite: one conditional UPDATE (unused, unexpired) decides who gets it, and the unique staff row
   * keeps a person at one store. A leader or existing staff member cannot join.
   */
  async join(userId: number, rawCode: string): Promise<MyStoreRoleView> {
    const code = rawCode.toUpperCase();
    if (await this.verifierOf(userId)) throw new CommunityError(ErrorCode.StaffAlreadyAtStore);
    await this.tx.run(async (m) => {
      const invite = await m.getRepository(StaffInvite).findOneBy({ code });
      if (!invite) throw new CommunityError(ErrorCode.StaffInviteInvalid);
      const now = new Date();
      const claimed = await m.createQueryBuilder().update(StaffInvite).set({ usedBy: userId, usedAt: now })
        .where('id = :id AND used_by IS NULL AND expires_at > :now', { id: invite.id, now }).execute();
      if (affectedRows(claimed) !== 1) throw new CommunityError(ErrorCode.StaffInviteInvalid);
      if (await m.getRepository(PickupStore).existsBy({ leaderUserId: userId })) throw new CommunityError(ErrorCode.StaffAlreadyAtStore);
      try {
        await m.getRepository(StoreStaff).insert({ storeId: invite.storeId, userId });
      } catch (e) {
        if (isUniqueViolation(e)) throw new CommunityError(ErrorCode.StaffAlreadyAtStore);
        throw e;
      }
    });
    return this.me(userId);
  }

  async list(storeId: number): Promise<StaffView[]> {
    const rows = await this.staff.find({ where: { storeId }, order: { id: 'ASC' } });
    const users = rows.length ? await this.users.findBy({ id: In(rows.map((r) => r.userId)) }) : [];
    const names = new Map(users.map((u) => [u.id, u.nickname]));
    return rows.map((r) => ({ userId: r.userId, name: maskName(names.get(r.userId) ?? ''), since: r.createdAt.toISOString() }));
  }

  async listForLeader(leaderId: number): Promise<StaffView[]> {
    return this.list((await this.requireLeader(leaderId)).id);
  }

  /** Removes a staff member of the leader's own store; someone at another store is not found. */
  async remove(leaderId: number, userId: number): Promise<void> {
    const store = await this.requireLeader(leaderId);
    const { affected } = await this.staff.delete({ storeId: store.id, userId });
    if (!affected) throw new CommunityError(ErrorCode.StaffNotFound);
  }
}
