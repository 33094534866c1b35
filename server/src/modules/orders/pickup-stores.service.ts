import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode } from '@linli/shared';
import { EntityManager, In, Repository } from 'typeorm';
import { PickupStore } from './entities/pickup-store.entity';
import { OrderError } from './orders.errors';

export type PickupStoreInput = Pick<PickupStore, 'name' | 'address'> & Partial<Pick<PickupStore, 'district' | 'latitude' | 'longitude' | 'hours' | 'phone' | 'photo' | 'state' | 'leaderUserId'>>;

/** Pickup stores as the order core needs them: created (by the community module or the test factory), referenced by pickup orders. */
@Injectable()
export class PickupStoresService {
  constructor(@InjectRepository(PickupStore) private readonly stores: Repository<PickupStore>) {}

  async create(input: PickupStoreInput): Promise<PickupStore> {
    const { identifiers } = await this.stores.insert({ district: '', latitude: 0, longitude: 0, hours: '', phone: '', photo: null, ...input, state: input.state ?? 'open' });
    return this.stores.findOneByOrFail({ id: Number(identifiers[0].id) });
  }

  /** The store a new pickup order names: it must exist and be open. */
  async requireOpen(m: EntityManager, id: number | undefined): Promise<PickupStore> {
    const store = id ? await m.getRepository(PickupStore).findOneBy({ id }) : null;
    if (!store || store.state !== 'open') throw new OrderError(ErrorCode.PickupStoreNotFound, '自提点不存在或已停用');
    return store;
  }

  async byIds(ids: number[]): Promise<Map<number, PickupStore>> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return new Map();
    return new Map((await this.stores.findBy({ id: In(wanted) })).map((s) => [s.id, s]));
  }
}
