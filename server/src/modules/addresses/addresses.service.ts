import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AddressView, ErrorCode } from '@linli/shared';
import { EntityManager, Not, Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { AddressDto, toAddressView } from './addresses.dto';
import { Address } from './entities/address.entity';

export class AddressError extends AppError {}

export const MAX_ADDRESSES = 20;

/** A shopper's addresses. Exactly one is the default whenever there are any. */
@Injectable()
export class AddressesService {
  constructor(
    @InjectRepository(Address) private readonly addresses: Repository<Address>,
    private readonly tx: TransactionRunner,
  ) {}

  async list(userId: number): Promise<AddressView[]> {
    return (await this.addresses.find({ where: { userId }, order: { isDefault: 'DESC', id: 'DESC' } })).map(toAddressView);
  }

  async get(userId: number, id: number): Promise<AddressView> {
    return toAddressView(await this.require(this.addresses.manager, userId, id));
  }

  /** For checkout: the given address of this user, or their default. */
  async findForCheckout(userId: number, id?: number): Promise<AddressView | null> {
    const found = id ? await this.addresses.findOneBy({ id, userId }) : await this.addresses.findOne({ where: { userId }, order: { isDefault: 'DESC', id: 'DESC' } });
    if (id && !found) throw new AddressError(ErrorCode.AddressNotFound, '收货地址不存在');
    return found ? toAddressView(found) : null;
  }

  async create(userId: number, dto: AddressDto): Promise<AddressView> {
    const id = await this.tx.run(async (m) => {
      const repo = m.getRepository(Address);
      const count = await repo.countBy({ userId });
      if (count >= MAX_ADDRESSES) throw new AddressError(ErrorCode.AddressLimitExceeded, `最多保存${MAX_ADDRESSES}个地址`);
      const isDefault = dto.isDefault === true || count === 0;
      const { identifiers } = await repo.insert({ ...dto, userId, isDefault });
      const newId = Number(identifiers[0].id);
      if (isDefault) await this.clearOtherDefaults(m, userId, newId);
      return newId;
    });
    return this.get(userId, id);
  }

  async update(userId: number, id: number, dto: AddressDto): Promise<AddressView> {
    await this.tx.run(async (m) => {
      const current = await this.require(m, userId, id);
      // The default can be moved to another address, not switched off (that would leave none).
      const isDefault = dto.isDefault === true || current.isDefault;
      await m.getRepository(Address).update({ id, userId }, { ...dto, isDefault });
      if (isDefault) await this.clearOtherDefaults(m, userId, id);
    });
    return this.get(userId, id);
  }

  async remove(userId: number, id: number): Promise<void> {
    await this.tx.run(async (m) => {
      const current = await this.require(m, userId, id);
      await m.getRepository(Address).delete({ id, userId });
      if (current.isDefault) {
        const next = await m.getRepository(Address).findOne({ where: { userId }, order: { id: 'DESC' } });
        if (next) await m.getRepository(Address).update({ id: next.id }, { isDefault: true });
      }
    });
  }

  private async require(m: EntityManager, userId: number, id: number): Promise<Address> {
    const found = await m.getRepository(Address).findOneBy({ id, userId });
    if (!found) throw new AddressError(ErrorCode.AddressNotFound, '收货地址不存在');
    return found;
  }

  private async clearOtherDefaults(m: EntityManager, userId: number, keepId: number): Promise<void> {
    await m.getRepository(Address).update({ userId, id: Not(keepId), isDefault: true }, { isDefault: false });
  }
}
