import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { FlashPreviewRequest, FlashPurchaseRequest } from '@linli/shared';
import { IsId, OptionalNonNull, SaneDate, Trim } from '../../common/validation';

export class FlashPurchaseDto implements FlashPurchaseRequest {
  @ApiProperty() @IsId() itemId: number;
  @ApiProperty({ minimum: 1, maximum: 99 }) @IsInt() @Min(1) @Max(99) quantity: number;
  @ApiProperty() @IsId() addressId: number;
  @ApiPropertyOptional({ description: 'One of your coupons (the one the preview chose); omit for none. Locked with the order, or the purchase fails with COUPON_UNUSABLE' }) @OptionalNonNull() @IsId() couponId?: number;
}

export class FlashPreviewDto implements FlashPreviewRequest {
  @ApiProperty() @IsId() itemId: number;
  @ApiProperty({ minimum: 1, maximum: 99 }) @IsInt() @Min(1) @Max(99) quantity: number;
  @ApiPropertyOptional({ description: 'Defaults to the shopper\'s default address' }) @OptionalNonNull() @IsId() addressId?: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'One of your coupons; null for none; omit to get the best one' }) @IsOptional() @IsId() couponId?: number | null;
}

export class PurchaseIdParam {
  @ApiProperty() @Matches(/^[a-z0-9]{8,32}$/, { message: 'purchase id is invalid' }) id: string;
}

export class CreateSlotDto {
  @ApiProperty({ example: '10:00场' }) @Trim() @IsString() @Length(1, 30) title: string;
  @ApiProperty({ example: '2031-01-01T10:00:00.000Z' }) @SaneDate() startsAt: Date;
  @ApiProperty({ example: '2031-01-01T12:00:00.000Z' }) @SaneDate() endsAt: Date;
  @ApiPropertyOptional({ default: false, description: 'Whether shoppers may use coupons on this slot (each coupon must also allow flash prices)' }) @OptionalNonNull() @IsBoolean() acceptsCoupons?: boolean;
}

export class UpdateSlotDto extends PartialType(CreateSlotDto, { skipNullProperties: false }) {}

export class CreateFlashItemDto {
  @ApiProperty() @IsId() skuId: number;
  @ApiProperty({ description: 'fen, at most the SKU price' }) @IsInt() @Min(1) @Max(10_000_000) flashPrice: number;
  @ApiProperty({ description: 'flash stock, separate from the SKU stock' }) @IsInt() @Min(1) @Max(1_000_000) stock: number;
  @ApiProperty() @IsInt() @Min(1) @Max(99) perUserLimit: number;
}

export class UpdateFlashItemDto {
  @ApiPropertyOptional() @OptionalNonNull() @IsInt() @Min(1) @Max(10_000_000) flashPrice?: number;
  @ApiPropertyOptional() @OptionalNonNull() @IsInt() @Min(1) @Max(1_000_000) stock?: number;
  @ApiPropertyOptional() @OptionalNonNull() @IsInt() @Min(1) @Max(99) perUserLimit?: number;
}
