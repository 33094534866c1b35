import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { COUPON_SCOPES, COUPON_TYPES, CouponScope, CouponType, MAX_PACKET_SHARES, RED_PACKET_KINDS, RedPacketKind } from '@linli/shared';
import { PageQuery } from '../../common/pagination.dto';
import { IsId, OptionalNonNull, SaneDate, Trim } from '../../common/validation';
import { OrderLineDto } from '../orders/orders.dto';

/** The most fen one coupon or packet may carry (¥100,000): far above real use, far below integer trouble. */
export const MAX_COUPON_FEN = 10_000_000;
/** The most a shopper may put in one red packet (¥2,000). */
export const MAX_PACKET_FEN = 200_000;
/** The highest threshold a sender may put on a packet's coupons (the operator's rule). */
export const MAX_PACKET_THRESHOLD = 10_000;

export class CreateCouponTemplateDto {
  @ApiProperty() @Trim() @IsString() @Length(1, 40) title: string;
  @ApiProperty({ enum: COUPON_TYPES }) @IsIn(COUPON_TYPES) type: CouponType;
  @ApiPropertyOptional({ description: 'Fen off (满减, 无门槛)' }) @ValidateIf((o: CreateCouponTemplateDto) => o.type !== 'percent_off') @IsInt() @Min(1) @Max(MAX_COUPON_FEN) amount?: number;
  @ApiPropertyOptional({ description: 'Percent paid for 折扣, 1-99 (85 = 8.5折)' }) @ValidateIf((o: CreateCouponTemplateDto) => o.type === 'percent_off') @IsInt() @Min(1) @Max(99) rate?: number;
  @ApiPropertyOptional({ description: 'Most fen off for 折扣; 0 = no cap' }) @OptionalNonNull() @IsInt() @Min(0) @Max(MAX_COUPON_FEN) cap?: number;
  @ApiPropertyOptional({ description: 'Goods in scope must reach this (fen); required above 0 for 满减' }) @OptionalNonNull() @IsInt() @Min(0) @Max(MAX_COUPON_FEN) threshold?: number;
  @ApiPropertyOptional({ enum: COUPON_SCOPES, default: 'all' }) @OptionalNonNull() @IsIn(COUPON_SCOPES) scope?: CouponScope;
  @ApiPropertyOptional({ type: [Number], description: 'Category or product ids, by scope' }) @OptionalNonNull() @IsArray() @ArrayMaxSize(200) @IsId({ each: true }) scopeIds?: number[];
  @ApiPropertyOptional({ type: [Number] }) @OptionalNonNull() @IsArray() @ArrayMaxSize(200) @IsId({ each: true }) excludeProductIds?: number[];
  @ApiPropertyOptional({ description: 'Applies on top of group-buy prices' }) @OptionalNonNull() @IsBoolean() combineGroup?: boolean;
  @ApiPropertyOptional({ description: 'Applies on top of flash-sale prices' }) @OptionalNonNull() @IsBoolean() combineFlash?: boolean;
  @ApiProperty({ enum: ['fixed', 'relative'] }) @IsIn(['fixed', 'relative']) validity: 'fixed' | 'relative';
  @ApiPropertyOptional() @ValidateIf((o: CreateCouponTemplateDto) => o.validity === 'fixed') @SaneDate() validFrom?: Date;
  @ApiPropertyOptional() @ValidateIf((o: CreateCouponTemplateDto) => o.validity === 'fixed') @SaneDate() validTo?: Date;
  @ApiPropertyOptional({ description: 'Days from the claim (relative validity)' }) @ValidateIf((o: CreateCouponTemplateDto) => o.validity === 'relative') @IsInt() @Min(1) @Max(365) validDays?: number;
  @ApiProperty({ description: 'How many may ever be issued' }) @IsInt() @Min(1) @Max(10_000_000) total: number;
  @ApiProperty({ description: 'How many one shopper may hold' }) @IsInt() @Min(1) @Max(100) perUserLimit: number;
  @ApiPropertyOptional({ default: true, description: 'Shown in 领券中心 and on product pages' }) @OptionalNonNull() @IsBoolean() inCentre?: boolean;
  @ApiPropertyOptional({ description: 'Given to each new shopper on first login' }) @OptionalNonNull() @IsBoolean() newCustomerGift?: boolean;
  @ApiPropertyOptional() @OptionalNonNull() @SaneDate() claimStartsAt?: Date;
  @ApiPropertyOptional() @OptionalNonNull() @SaneDate() claimEndsAt?: Date;
}

/** Everything can change but the kind of discount; coupons already claimed keep the terms they were claimed with. */
// Fields may be left out, not sent as null (they reach NOT NULL columns).
export class UpdateCouponTemplateDto extends PartialType(OmitType(CreateCouponTemplateDto, ['type'] as const), { skipNullProperties: false }) {}

export class GrantCouponsDto {
  @ApiProperty({ type: [Number] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsId({ each: true }) userIds: number[];
}

export class CreateCodesDto {
  @ApiProperty({ minimum: 1, maximum: 5000 }) @IsInt() @Min(1) @Max(5000) count: number;
  @ApiProperty({ description: 'A name for the batch' }) @Trim() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'batch must be 1-32 letters, digits, _ or -' }) batch: string;
}

export class RedeemCodeDto {
  @ApiProperty({ example: 'K7QX-M2PA-9HWT' }) @IsString() @Length(4, 32) code: string;
}

export class MyCouponsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['unused', 'used', 'expired'] }) @OptionalNonNull() @IsIn(['unused', 'used', 'expired']) status?: 'unused' | 'used' | 'expired';
}

export class TemplatesQuery extends PageQuery {}

export class CartHintsDto {
  @ApiProperty({ type: [OrderLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => OrderLineDto) lines: OrderLineDto[];
}

// ---- red packets ----

export class SendRedPacketDto {
  @ApiProperty({ enum: RED_PACKET_KINDS }) @IsIn(RED_PACKET_KINDS) kind: RedPacketKind;
  @ApiProperty({ description: 'Total in fen' }) @IsInt() @Min(1) @Max(MAX_PACKET_FEN) amount: number;
  @ApiProperty({ minimum: 1, maximum: MAX_PACKET_SHARES }) @IsInt() @Min(1) @Max(MAX_PACKET_SHARES) shares: number;
  @ApiPropertyOptional() @OptionalNonNull() @Trim() @IsString() @Length(0, 40) greeting?: string;
  @ApiPropertyOptional({ description: 'Threshold of the coupons the shares become (fen), within the operator rule' }) @OptionalNonNull() @IsInt() @Min(0) @Max(MAX_PACKET_THRESHOLD) threshold?: number;
  @ApiPropertyOptional({ description: '专属: the friend (user id) it is for; omitted: the first friend who opens it' }) @OptionalNonNull() @IsId() recipientUserId?: number;
  @ApiPropertyOptional({ description: 'Idempotency key: repeating a send with it returns the same packet' })
  @OptionalNonNull() @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'requestKey must be 8-64 letters, digits, _ or -' }) requestKey?: string;
  @ApiPropertyOptional({ enum: ['wechat', 'balance'], default: 'wechat', description: "balance: a distributor pays from the withdrawable commission balance (live at once, no order)" })
  @OptionalNonNull() @IsIn(['wechat', 'balance']) payWith?: 'wechat' | 'balance';
}

export class OperatorRedPacketDto extends OmitType(SendRedPacketDto, ['amount', 'recipientUserId', 'requestKey', 'payWith'] as const) {
  @ApiProperty({ description: 'Total in fen, from the marketing budget' }) @IsInt() @Min(1) @Max(MAX_COUPON_FEN) amount: number;
  @ApiPropertyOptional({ description: 'Hours until unclaimed value returns (default 24)' }) @OptionalNonNull() @IsInt() @Min(1) @Max(24 * 7) expiresInHours?: number;
  @ApiPropertyOptional({ description: 'Days the coupons stay valid (default 7)' }) @OptionalNonNull() @IsInt() @Min(1) @Max(90) couponValidDays?: number;
}

export class MyPacketsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['sent', 'received'], default: 'received' }) @OptionalNonNull() @IsIn(['sent', 'received']) role?: 'sent' | 'received';
}

export class TopUpBudgetDto {
  @ApiProperty({ description: 'Fen added to the red-packet budget' }) @IsInt() @Min(1) @Max(MAX_COUPON_FEN) amount: number;
}

export class PacketCodeParam {
  @ApiProperty() @Matches(/^[A-Za-z0-9]{8,16}$/, { message: 'code must be 8-16 letters or digits' }) code: string;
}
