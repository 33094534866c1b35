import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { GROUP_STATUSES, GroupStatus, GroupTier, MAX_GROUP_SIZE, MAX_LINE_QUANTITY, MIN_GROUP_SIZE } from '@linli/shared';
import { PageQuery } from '../../common/pagination.dto';
import { Trim } from '../../common/validation';

const MAX_FEN = 10_000_000;
const MIN_TIME_LIMIT = 30;
const MAX_TIME_LIMIT = 7 * 24 * 3600;

export class CreateGroupOrderDto {
  @ApiProperty() @IsInt() @Min(1) campaignId: number;
  @ApiProperty() @IsInt() @Min(1) skuId: number;
  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY }) @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) quantity: number;
  @ApiPropertyOptional({ description: 'Join this group; omit to open one' }) @IsOptional() @IsInt() @Min(1) groupId?: number;
  @ApiPropertyOptional({ description: 'The size to open (a tier); omit for the base size' }) @IsOptional() @IsInt() @Min(MIN_GROUP_SIZE) @Max(MAX_GROUP_SIZE) groupSize?: number;
  @ApiProperty() @IsInt() @Min(1) addressId: number;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(0, 200) remark?: string;
  @ApiPropertyOptional({ description: 'Idempotency key: repeating a create with it returns the same order' })
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'requestKey must be 8-64 letters, digits, _ or -' }) requestKey?: string;
  @ApiPropertyOptional({ description: 'One of your coupons; the server re-checks it and computes the discount' }) @IsOptional() @IsInt() @Min(1) couponId?: number;
}

export class GroupOrderPreviewDto extends OmitType(CreateGroupOrderDto, ['addressId', 'remark', 'requestKey', 'couponId'] as const) {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) addressId?: number;
  @ApiPropertyOptional({ nullable: true, description: 'One of your coupons; null for none; omit to get the best one' }) @IsOptional() @IsInt() @Min(1) couponId?: number | null;
}

export class MyGroupsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GROUP_STATUSES }) @IsOptional() @IsIn(GROUP_STATUSES) status?: GroupStatus;
}

// ---- operator ----

export class GroupTierDto implements GroupTier {
  @ApiProperty() @IsInt() @Min(MIN_GROUP_SIZE + 1) @Max(MAX_GROUP_SIZE) size: number;
  @ApiProperty({ description: 'Extra fen off per unit for a group this size' }) @IsInt() @Min(1) @Max(MAX_FEN) discount: number;
}

export class CampaignSkuDto {
  @ApiProperty() @IsInt() @Min(1) skuId: number;
  @ApiProperty({ description: 'Base group price in fen' }) @IsInt() @Min(1) @Max(MAX_FEN) groupPrice: number;
}

export class CreateCampaignDto {
  @ApiProperty() @IsInt() @Min(1) productId: number;
  @ApiProperty() @Trim() @IsString() @Length(1, 60) title: string;
  @ApiProperty({ minimum: MIN_GROUP_SIZE, maximum: MAX_GROUP_SIZE }) @IsInt() @Min(MIN_GROUP_SIZE) @Max(MAX_GROUP_SIZE) groupSize: number;
  @ApiPropertyOptional({ type: [GroupTierDto] }) @IsOptional() @IsArray() @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => GroupTierDto) tiers?: GroupTierDto[];
  @ApiPropertyOptional({ description: '团长优惠, fen per unit' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_FEN) leaderDiscount?: number;
  @ApiProperty({ minimum: MIN_TIME_LIMIT, maximum: MAX_TIME_LIMIT }) @IsInt() @Min(MIN_TIME_LIMIT) @Max(MAX_TIME_LIMIT) timeLimitSeconds: number;
  @ApiProperty() @Type(() => Date) @IsDate() startsAt: Date;
  @ApiProperty() @Type(() => Date) @IsDate() endsAt: Date;
  @ApiProperty({ description: 'Total group-priced units; editing it moves the units left by the same amount' }) @IsInt() @Min(0) @Max(1_000_000) stock: number;
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) perUserLimit: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() newCustomerOnly?: boolean;
  @ApiPropertyOptional({ default: true, description: 'Whether shoppers may use coupons on this campaign' }) @IsOptional() @IsBoolean() acceptsCoupons?: boolean;
  @ApiPropertyOptional({ nullable: true, description: '模拟成团: at expiry a group with at least this many paid members succeeds; null turns it off' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_GROUP_SIZE) virtualMinMembers?: number | null;
  @ApiProperty({ type: [CampaignSkuDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CampaignSkuDto) skus: CampaignSkuDto[];
}

/** The product cannot change; everything else can, and applies to groups opened from now on. */
export class UpdateCampaignDto extends PartialType(OmitType(CreateCampaignDto, ['productId'] as const)) {}

export class AdminGroupsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) campaignId?: number;
  @ApiPropertyOptional({ enum: GROUP_STATUSES }) @IsOptional() @IsIn(GROUP_STATUSES) status?: GroupStatus;
}

export class ForceGroupDto {
  @ApiProperty({ enum: ['success', 'fail'] }) @IsIn(['success', 'fail']) outcome: 'success' | 'fail';
  @ApiProperty({ description: 'Kept on the group' }) @Trim() @IsString() @Length(2, 200) reason: string;
}
