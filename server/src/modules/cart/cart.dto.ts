import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, Max, Min } from 'class-validator';
import { MAX_LINE_QUANTITY } from '@linli/shared';
import { IsId, OptionalNonNull } from '../../common/validation';

export class AddCartItemDto {
  @ApiProperty() @IsId() skuId: number;
  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY }) @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) quantity: number;
}

export class UpdateCartItemDto {
  @ApiPropertyOptional() @OptionalNonNull() @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) quantity?: number;
  @ApiPropertyOptional() @OptionalNonNull() @IsBoolean() selected?: boolean;
}

export class SelectCartItemsDto {
  @ApiProperty() @IsBoolean() selected: boolean;
  @ApiPropertyOptional({ type: [Number], description: 'Omit to apply to every item' }) @OptionalNonNull() @IsArray() @ArrayMaxSize(200) @IsId({ each: true }) itemIds?: number[];
}

export class RemoveCartItemsDto {
  @ApiProperty({ type: [Number] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsId({ each: true }) itemIds: number[];
}
