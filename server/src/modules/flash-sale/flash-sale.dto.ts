import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { FlashPreviewRequest, FlashPurchaseRequest } from '@linli/shared';
import { Trim } from '../../common/validation';

export class FlashPurchaseDto implements FlashPurchaseRequest {
  @ApiProperty() @IsInt() @Min(1) itemId: number;
  @ApiProperty({ minimum: 1, maximum: 99 }) @IsInt() @Min(1) @Max(99) quantity: number;
  @ApiProperty() @IsInt() @Min(1) addressId: number;
}

export class FlashPreviewDto implements FlashPreviewRequest {
  @ApiProperty() @IsInt() @Min(1) itemId: number;
  @ApiProperty({ minimum: 1, maximum: 99 }) @IsInt() @Min(1) @Max(99) quantity: number;
  @ApiPropertyOptional({ description: 'Defaults to the shopper\'s default address' }) @IsOptional() @IsInt() @Min(1) addressId?: number;
}

export class PurchaseIdParam {
  @ApiProperty() @Matches(/^[a-z0-9]{8,32}$/, { message: 'purchase id is invalid' }) id: string;
}

export class CreateSlotDto {
  @ApiProperty({ example: '10:00场' }) @Trim() @IsString() @Length(1, 30) title: string;
  @ApiProperty() @Type(() => Date) @IsDate() startsAt: Date;
  @ApiProperty() @Type(() => Date) @IsDate() endsAt: Date;
}

export class UpdateSlotDto extends PartialType(CreateSlotDto) {}

export class CreateFlashItemDto {
  @ApiProperty() @IsInt() @Min(1) skuId: number;
  @ApiProperty({ description: 'fen, at most the SKU price' }) @IsInt() @Min(1) @Max(10_000_000) flashPrice: number;
  @ApiProperty({ description: 'flash stock, separate from the SKU stock' }) @IsInt() @Min(1) @Max(1_000_000) stock: number;
  @ApiProperty() @IsInt() @Min(1) @Max(99) perUserLimit: number;
}

export class UpdateFlashItemDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10_000_000) flashPrice?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1_000_000) stock?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(99) perUserLimit?: number;
}
