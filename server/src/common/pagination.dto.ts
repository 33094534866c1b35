import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalNonNull } from './validation';

export class PageQuery {
  @ApiPropertyOptional({ default: 1 }) @OptionalNonNull() @Type(() => Number) @IsInt() @Min(1) @Max(10000)
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @OptionalNonNull() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  pageSize = 20;

  get skip(): number {
    return (this.page - 1) * this.pageSize;
  }
}
