import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, maskPhone } from '@linli/shared';
import { Repository } from 'typeorm';
import { RateLimiter } from '../../common/rate-limit';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { ContactPhoneView } from './community.dto';
import { CommunityError } from './community.errors';
import { ShopperPhone } from './entities/community.entities';
import { PHONE_EXCHANGES_PER_MINUTE } from './leader-applications.service';

/**
 * A shopper's pickup contact phone, vouched for by WeChat's phone button (getuserphonenumber), so the store can find
 * their waiting orders by its last digits. Shown masked to everyone, the owner included.
 */
@Injectable()
export class ContactPhonesService {
  constructor(
    @InjectRepository(ShopperPhone) private readonly phones: Repository<ShopperPhone>,
    private readonly wechat: WechatApiClient,
    private readonly limiter: RateLimiter,
  ) {}

  async mine(userId: number): Promise<ContactPhoneView> {
    const row = await this.phones.findOneBy({ userId });
    return { phone: row ? maskPhone(row.phone) : null };
  }

  async set(userId: number, phoneCode: string): Promise<ContactPhoneView> {
    const { hits } = await this.limiter.hit(`phone-code:${userId}`);
    if (hits > PHONE_EXCHANGES_PER_MINUTE) throw new CommunityError(ErrorCode.TooManyRequests, '操作太频繁，请稍后再试');
    const { purePhoneNumber } = await this.wechat.getUserPhoneNumber(phoneCode);
    await this.phones.upsert({ userId, phone: purePhoneNumber, verifiedAt: new Date() }, ['userId']);
    return this.mine(userId);
  }
}
