import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { BIND_MODES, BindMode, DISTRIBUTOR_STATUSES, DistributorStatus, MAX_COMMISSION_DEPTH, MAX_RATE_BPS, SHARE_CHANNELS, SHARE_CODE_MAX_LENGTH, SHARE_CODE_PATTERN, SHARE_TARGETS, ShareChannel, ShareTarget, WITHDRAWAL_STATUSES, WithdrawalStatus } from '@linli/shared';
import { PageQuery } from '../../common/pagination.dto';
import { IsId, OptionalNonNull, Trim } from '../../common/validation';

const MAX_FEN = 100_000_000;
const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

export class CreateShareDto {
  @ApiProperty({ enum: SHARE_TARGETS }) @IsIn(SHARE_TARGETS) target: ShareTarget;
  @ApiProperty() @IsInt() @Min(1) @Max(2_147_483_647) targetId: number;
  @ApiProperty({ enum: SHARE_CHANNELS }) @IsIn(SHARE_CHANNELS) channel: ShareChannel;
  @ApiPropertyOptional({ description: 'A campaign only: the pickup store the sharer is viewing; the link opens the campaign there' })
  @OptionalNonNull() @IsId() storeId?: number;
}

export class ShareCodeParam {
  @ApiProperty({ maxLength: SHARE_CODE_MAX_LENGTH }) @Matches(SHARE_CODE_PATTERN, { message: 'code is not a share code' }) code: string;
}

/** What a share code points at. */
export class ShareTargetView {
  @ApiProperty({ enum: SHARE_TARGETS }) target: ShareTarget;
  @ApiProperty() targetId: number;
  @ApiProperty({ nullable: true, type: Number, description: 'A campaign: the pickup store it opens with; null otherwise' }) storeId: number | null;
}

export class VisitDto {
  @ApiProperty({ maxLength: SHARE_CODE_MAX_LENGTH, description: 'The share code from the path query or the scene' })
  @IsString() @Length(1, SHARE_CODE_MAX_LENGTH) code: string;
  @ApiProperty({ description: 'A random id the app keeps on the device' }) @Matches(DEVICE_ID, { message: 'deviceId must be 8-64 letters, digits, _ or -' }) deviceId: string;
}

export class BindDto {
  @ApiProperty({ maxLength: SHARE_CODE_MAX_LENGTH }) @IsString() @Length(1, SHARE_CODE_MAX_LENGTH) code: string;
  @ApiPropertyOptional() @OptionalNonNull() @Matches(DEVICE_ID, { message: 'deviceId must be 8-64 letters, digits, _ or -' }) deviceId?: string;
}

export class WithdrawDto {
  @ApiProperty({ description: 'fen' }) @IsInt() @Min(1) @Max(MAX_FEN) amount: number;
}

export class RejectDto {
  @ApiProperty({ maxLength: 100 }) @Trim() @IsString() @Length(1, 100) reason: string;
}

export class ReferralSettingsDto {
  @ApiProperty({ enum: [1, 2], description: 'Commission depth: 1 by default, 2 at most; more is refused' }) @IsInt() @Min(1) @Max(MAX_COMMISSION_DEPTH) depth: 1 | 2;
  @ApiProperty({ description: 'basis points of the line net' }) @IsInt() @Min(0) @Max(MAX_RATE_BPS) defaultRateBps: number;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_RATE_BPS) level2RateBps: number;
  @ApiProperty({ enum: BIND_MODES }) @IsIn(BIND_MODES) bindMode: BindMode;
  @ApiProperty() @IsInt() @Min(0) @Max(365) protectionDays: number;
  @ApiProperty({ description: '0: never lapses' }) @IsInt() @Min(0) @Max(3650) lapseDays: number;
  @ApiProperty() @IsInt() @Min(1) @Max(90) attributionDays: number;
  @ApiProperty() @IsInt() @Min(0) @Max(90) settleWindowDays: number;
  @ApiProperty() @IsBoolean() autoApprove: boolean;
  @ApiProperty() @IsInt() @Min(10) @Max(MAX_FEN) withdrawMin: number;
  @ApiProperty() @IsInt() @Min(10) @Max(MAX_FEN) withdrawDailyLimit: number;
}

export class ProductRateDto {
  @ApiPropertyOptional({ type: 'integer', description: 'basis points; null returns the product to the default rate', nullable: true })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_RATE_BPS) rateBps: number | null;
}

export class AdminDistributorsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DISTRIBUTOR_STATUSES }) @IsOptional() @IsIn(DISTRIBUTOR_STATUSES) status?: DistributorStatus;
}

export class AdminWithdrawalsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WITHDRAWAL_STATUSES }) @IsOptional() @IsIn(WITHDRAWAL_STATUSES) status?: WithdrawalStatus;
}

export class LedgerQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'settled', 'reversed'] }) @IsOptional() @IsIn(['pending', 'settled', 'reversed']) state?: 'pending' | 'settled' | 'reversed';
}

export class UserIdParam {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) userId: number;
}
