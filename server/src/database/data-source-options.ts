import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { AdminLoginFailure } from '../modules/admin-auth/entities/admin-login-failure.entity';
import { AdminUser } from '../modules/admin-auth/entities/admin-user.entity';
import { Address } from '../modules/addresses/entities/address.entity';
import { User } from '../modules/auth/entities/user.entity';
import { CartItem } from '../modules/cart/entities/cart-item.entity';
import { Banner } from '../modules/catalog/entities/banner.entity';
import { Category } from '../modules/catalog/entities/category.entity';
import { Product } from '../modules/catalog/entities/product.entity';
import { Sku } from '../modules/catalog/entities/sku.entity';
import { ProductSearchGram } from '../modules/catalog/entities/product-search-gram.entity';
import { OrderEventRecord } from '../modules/orders/entities/order-event.entity';
import { OrderLine } from '../modules/orders/entities/order-line.entity';
import { Order } from '../modules/orders/entities/order.entity';
import { PickupStore } from '../modules/orders/entities/pickup-store.entity';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { PaymentsAndRefunds1763900000000 } from './migrations/1763900000000-payments-and-refunds';
import { RateLimitBuckets1764000000000 } from './migrations/1764000000000-rate-limit-buckets';
import { GroupBuy1764100000000 } from './migrations/1764100000000-group-buy';
import { FlashSale1764200000000 } from './migrations/1764200000000-flash-sale';
import { OrderCore1764300000000 } from './migrations/1764300000000-order-core';
import { Referrals1764400000000 } from './migrations/1764400000000-referrals';
import { Community1764500000000 } from './migrations/1764500000000-community';
import { CommunityApplications1764600000000 } from './migrations/1764600000000-community-applications';
import { ProductSearchGrams1764620000000 } from './migrations/1764620000000-product-search-grams';
import { ListIndexes1764630000000 } from './migrations/1764630000000-list-indexes';
import { PickupOverdue1764700000000 } from './migrations/1764700000000-pickup-overdue';
import { FlashCoupons1764750000000 } from './migrations/1764750000000-flash-coupons';
import { COMMUNITY_ENTITIES } from '../modules/community/entities/community.entities';
import { REFERRAL_ENTITIES } from '../modules/referrals/entities/referral.entities';
import { Outbox1764310000000 } from './migrations/1764310000000-outbox';
import { AccountSecurity1764320000000 } from './migrations/1764320000000-account-security';
import { Reviews1764350000000 } from './migrations/1764350000000-reviews';
import { FlashReminders1764360000000 } from './migrations/1764360000000-flash-reminders';
import { ProductAttributes1764370000000 } from './migrations/1764370000000-product-attributes';
import { Coupons1764450000000 } from './migrations/1764450000000-coupons';
import { PacketBalanceFunding1764760000000 } from './migrations/1764760000000-packet-balance-funding';
import { ShareStore1764770000000 } from './migrations/1764770000000-share-store';
import { ProductSortIndexes1764780000000 } from './migrations/1764780000000-product-sort-indexes';
import { BudgetEntry, CouponCode, CouponTemplate, MarketingBudget, UserCoupon } from '../modules/coupons/entities/coupon.entity';
import { RedPacket, RedPacketShare } from '../modules/coupons/entities/red-packet.entity';
import { FlashItem, FlashReservation, FlashSlot } from '../modules/flash-sale/entities/flash.entity';
import { GroupBuyCampaign, GroupBuySku } from '../modules/group-buy/entities/group-buy-campaign.entity';
import { Group, GroupMember } from '../modules/group-buy/entities/group.entity';
import { PurchaseQuota } from '../modules/orders/purchase-quota';
import { Payment } from '../modules/payments/entities/payment.entity';
import { Refund } from '../modules/payments/entities/refund.entity';
import { Review, ReviewPhoto } from '../modules/reviews/entities/review.entity';
import { FlashReminder } from '../modules/reminders/flash-reminder.entity';
import { OutboxMessage } from '../modules/outbox/entities/outbox-message.entity';

export const ENTITIES = [User, AdminUser, AdminLoginFailure, Category, Product, ProductSearchGram, Sku, Banner, CartItem, Address, Order, OrderLine, OrderEventRecord, Payment, Refund, PurchaseQuota, GroupBuyCampaign, GroupBuySku, Group, GroupMember, FlashSlot, FlashItem, FlashReservation, PickupStore, OutboxMessage, Review, ReviewPhoto, FlashReminder, CouponTemplate, UserCoupon, CouponCode, MarketingBudget, BudgetEntry, RedPacket, RedPacketShare, ...REFERRAL_ENTITIES, ...COMMUNITY_ENTITIES];
export const MIGRATIONS = [InitialSchema1763800000000, PaymentsAndRefunds1763900000000, RateLimitBuckets1764000000000, GroupBuy1764100000000, FlashSale1764200000000, OrderCore1764300000000, Outbox1764310000000, AccountSecurity1764320000000, Reviews1764350000000, FlashReminders1764360000000, ProductAttributes1764370000000, Referrals1764400000000, Coupons1764450000000, Community1764500000000, CommunityApplications1764600000000, ProductSearchGrams1764620000000, ListIndexes1764630000000, PickupOverdue1764700000000, FlashCoupons1764750000000, PacketBalanceFunding1764760000000, ShareStore1764770000000, ProductSortIndexes1764780000000];

/** One place decides the database: MySQL/MariaDB through mysql2 when configured, otherwise embedded SQLite. Never synchronize. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  if (config.database.type === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: config.database.url,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      poolSize: config.database.poolSize,
      extra: { connectionLimit: config.database.poolSize, waitForConnections: true },
      migrationsTransactionMode: 'each',
    };
  }
  mkdirSync(dirname(config.database.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.file,
    enableWAL: true,
    timeout: 10_000,
    migrationsTransactionMode: 'each',
  };
}
