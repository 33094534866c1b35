import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { FULFILMENTS, Fulfilment, GROUP_STATUSES, GroupStatus, GroupTier, MAX_GROUP_SIZE, MAX_LINE_QUANTITY, MIN_GROUP_SIZE } from '@linli/shared';
import { PageQuery } from '../../common/pagination.dto';
import { IsId, OptionalNonNull, SaneDate, Trim } from '../../common/validation';

const MAX_FEN = 10_000_000;
const MIN_TIME_LIMIT = 30;
const MAX_TIME_LIMIT = 7 * 24 * 3600;

export class CreateGroupOrderDto {
  @ApiProperty() @IsId() campaignId: number;
  @ApiProperty() @IsId() skuId: number;
  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY }) @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) quantity: number;
  @ApiPropertyOptional({ description: 'Join this group; omit to open one' }) @OptionalNonNull() @IsId() groupId?: number;
  @ApiPropertyOptional({ minimum: MIN_GROUP_SIZE, maximum: MAX_GROUP_SIZE, description: 'The size to open (a tier); omit for the base size' }) @OptionalNonNull() @IsInt() @Min(MIN_GROUP_SIZE) @Max(MAX_GROUP_SIZE) groupSize?: number;
  @ApiPropertyOptional({ description: 'Required for delivery; a pickup order has no address' })
  @ValidateIf((o: CreateGroupOrderDto) => o.fulfilment !== 'pickup' || o.addressId !== undefined) @IsId() addressId?: number;
  @ApiPropertyOptional({ enum: FULFILMENTS, default: 'delivery' }) @OptionalNonNull() @IsIn(FULFILMENTS) fulfilment?: Fulfilment;
  @ApiPropertyOptional({ description: 'Required for pickup: an open pickup store' })
  @ValidateIf((o: CreateGroupOrderDto) => o.fulfilment === 'pickup' || o.pickupStoreId !== undefined) @IsId() pickupStoreId?: number;
  @ApiPropertyOptional() @OptionalNonNull() @Trim() @IsString() @Length(0, 200) remark?: string;
  @ApiPropertyOptional({ example: 'k-6f1c2a9e', description: 'Idempotency key: repeating a create with it returns the same order' })
  @OptionalNonNull() @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'requestKey must be 8-64 letters, digits, _ or -' }) requestKey?: string;
  @ApiPropertyOptional({ description: 'One of your coupons; the server re-checks it and computes the discount' }) @OptionalNonNull() @IsId() couponId?: number;
}

export class GroupOrderPreviewDto extends OmitType(CreateGroupOrderDto, ['addressId', 'pickupStoreId', 'remark', 'requestKey', 'couponId'] as const) {
  @ApiPropertyOptional() @OptionalNonNull() @IsId() addressId?: number;
  @ApiPropertyOptional({ description: 'Required for pickup' })
  @ValidateIf((o: GroupOrderPreviewDto) => o.fulfilment === 'pickup' || o.pickupStoreId !== undefined) @IsId() pickupStoreId?: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'One of your coupons; null for none; omit to get the best one' }) @IsOptional() @IsId() couponId?: number | null;
}

export class MyGroupsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GROUP_STATUSES }) @OptionalNonNull() @IsIn(GROUP_STATUSES) status?: GroupStatus;
}

// ---- operator ----

export class GroupTierDto implements GroupTier {
  @ApiProperty({ minimum: MIN_GROUP_SIZE + 1, maximum: MAX_GROUP_SIZE }) @IsInt() @Min(MIN_GROUP_SIZE + 1) @Max(MAX_GROUP_SIZE) size: number;
  @ApiProperty({ description: 'Extra fen off per unit for a group this size' }) @IsInt() @Min(1) @Max(MAX_FEN) discount: number;
}

export class CampaignSkuDto {
  @ApiProperty() @IsId() skuId: number;
  @ApiProperty({ description: 'Base group price in fen' }) @IsInt() @Min(1) @Max(MAX_FEN) groupPrice: number;
}

export class CreateCampaignDto {
  @ApiProperty() @IsId() productId: number;
  @ApiProperty() @Trim() @IsString() @Length(1, 60) title: string;
  @ApiProperty({ minimum: MIN_GROUP_SIZE, maximum: MAX_GROUP_SIZE }) @IsInt() @Min(MIN_GROUP_SIZE) @Max(MAX_GROUP_SIZE) groupSize: number;
  @ApiPropertyOptional({ type: [GroupTierDto] }) @OptionalNonNull() @IsArray() @ArrayMaxSize(5) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => GroupTierDto) tiers?: GroupTierDto[];
  @ApiPropertyOptional({ description: '团长优惠, fen per unit' }) @OptionalNonNull() @IsInt() @Min(0) @Max(MAX_FEN) leaderDiscount?: number;
  @ApiProperty({ minimum: MIN_TIME_LIMIT, maximum: MAX_TIME_LIMIT }) @IsInt() @Min(MIN_TIME_LIMIT) @Max(MAX_TIME_LIMIT) timeLimitSeconds: number;
  @ApiProperty({ example: '2031-01-01T10:00:00.000Z' }) @SaneDate() startsAt: Date;
  @ApiProperty({ example: '2031-01-02T10:00:00.000Z' }) @SaneDate() endsAt: Date;
  @ApiProperty({ description: 'Total group-priced units; editing it moves the units left by the same amount' }) @IsInt() @Min(0) @Max(1_000_000) stock: number;
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) perUserLimit: number;
  @ApiPropertyOptional() @OptionalNonNull() @IsBoolean() newCustomerOnly?: boolean;
  @ApiPropertyOptional({ default: true, description: 'Whether shoppers may use coupons on this campaign' }) @OptionalNonNull() @IsBoolean() acceptsCoupons?: boolean;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_GROUP_SIZE, nullable: true, description: '模拟成团: at expiry a group with at least this many paid members succeeds; null turns it off' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_GROUP_SIZE) virtualMinMembers?: number | null;
  @ApiProperty({ type: [CampaignSkuDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => CampaignSkuDto) skus: CampaignSkuDto[];
}

/**
 * The product cannot change; everything else can, and applies to groups opened from now on. Fields may be left out
 * but not sent as null (`skipNullProperties: false`), except `virtualMinMembers`, where null means off.
 */
export class UpdateCampaignDto extends PartialType(OmitType(CreateCampaignDto, ['productId', 'virtualMinMembers'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_GROUP_SIZE, nullable: true, description: '模拟成团 threshold; null turns it off' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_GROUP_SIZE) virtualMinMembers?: number | null;
}

export class AdminGroupsQuery extends PageQuery {
  @ApiPropertyOptional() @OptionalNonNull() @Type(() => Number) @IsId() campaignId?: number;
  @ApiPropertyOptional({ enum: GROUP_STATUSES }) @OptionalNonNull() @IsIn(GROUP_STATUSES) status?: GroupStatus;
}

export class ForceGroupDto {
  @ApiProperty({ enum: ['success', 'fail'] }) @IsIn(['success', 'fail']) outcome: 'success' | 'fail';
  @ApiProperty({ minLength: 2, maxLength: 200, description: 'Kept on the group' }) @Trim() @IsString() @Length(2, 200) reason: string;
}
