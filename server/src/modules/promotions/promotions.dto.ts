import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PROMOTION_IDS_MAX } from '@linli/shared';

const toIds = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').filter((v) => v !== '').map((v) => (/^\d+$/.test(v) ? Number(v) : v)) : value;

export class ProductPromotionQuery {
  @ApiProperty({ description: `Comma-separated product ids, at most ${PROMOTION_IDS_MAX}`, example: '1,2,3', type: String })
  @Transform(toIds) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(PROMOTION_IDS_MAX) @IsInt({ each: true }) @Min(1, { each: true })
  ids: number[];
}

export class GroupBuyPickQuery {
  @ApiPropertyOptional({ default: 6, maximum: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(20)
  limit = 6;
}
