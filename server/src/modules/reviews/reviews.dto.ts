import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { REVIEW_MAX_CONTENT, REVIEW_MAX_PHOTOS, type ReviewInput, type ReviewUpdateInput } from '@linli/shared';
import { PageQuery } from '../../common/pagination.dto';
import { Trim } from '../../common/validation';

export class ReviewUpdateDto implements ReviewUpdateInput {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating: number;

  @ApiProperty({ maxLength: REVIEW_MAX_CONTENT }) @Trim() @IsString() @MaxLength(REVIEW_MAX_CONTENT) content: string;

  @ApiPropertyOptional({ type: [Number], maxItems: REVIEW_MAX_PHOTOS, description: 'Ids from POST /api/reviews/photos, in display order' })
  @IsOptional() @IsArray() @ArrayMaxSize(REVIEW_MAX_PHOTOS) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true })
  photoIds?: number[];
}

export class ReviewCreateDto extends ReviewUpdateDto implements ReviewInput {
  @ApiProperty() @IsInt() @Min(1) orderLineId: number;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

export class ProductReviewQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only reviews with photos (有图)' }) @IsOptional() @Transform(toBool) @IsBoolean() withPhotos?: boolean;
}

export class AdminReviewQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) productId?: number;

  @ApiPropertyOptional({ description: 'true: hidden only; false: visible only' }) @IsOptional() @Transform(toBool) @IsBoolean() hidden?: boolean;
}

export class HideReviewDto {
  @ApiProperty({ example: '含有广告' }) @Trim() @IsString() @Length(2, 100) reason: string;
}

/** The multipart upload, for the OpenAPI document. */
export const REVIEW_PHOTO_UPLOAD_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, at most 8 MB' } },
};
