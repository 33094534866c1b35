import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, Max, Min } from 'class-validator';
import { MAX_LINE_QUANTITY } from '@linli/shared';
import { OptionalNonNull } from '../../common/validation';

export class AddCartItemDto {
  @ApiProperty() @IsInt() @Min(1) skuId: number;
  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY }) @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) quantity: number;
}

export class UpdateCartItemDto {
  @ApiPropertyOptional() @OptionalNonNull() @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) quantity?: number;
  @ApiPropertyOptional() @OptionalNonNull() @IsBoolean() selected?: boolean;
}

export class SelectCartItemsDto {
  @ApiProperty() @IsBoolean() selected: boolean;
  @ApiPropertyOptional({ description: 'Omit to apply to every item' }) @OptionalNonNull() @IsArray() @ArrayMaxSize(200) @IsInt({ each: true }) itemIds?: number[];
}

export class RemoveCartItemsDto {
  @ApiProperty() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsInt({ each: true }) itemIds: number[];
}
