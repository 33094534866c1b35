import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { CategoryView, DetailBlock, PRODUCT_SORTS, ProductDetailView, ProductSort, ProductSummaryView, SkuView, SpecDimension } from '@linli/shared';
import { PageQuery } from '../../common/pagination.dto';
import { Trim } from '../../common/validation';
import type { Category } from './entities/category.entity';
import type { Product } from './entities/product.entity';
import type { Sku } from './entities/sku.entity';

const MEDIA_URL = /^(\/media\/[A-Za-z0-9/_.-]+|https:\/\/\S+)$/;

export class ProductQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  categoryId?: number;

  @ApiPropertyOptional({ description: 'Searches title and subtitle' }) @IsOptional() @Trim() @IsString() @Length(0, 40)
  keyword?: string;

  @ApiPropertyOptional({ enum: PRODUCT_SORTS }) @IsOptional() @IsIn(PRODUCT_SORTS)
  sort: ProductSort = 'newest';
}

export class AdminProductQuery extends ProductQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  onShelf?: boolean;
}

export class CategoryDto {
  @ApiProperty() @Trim() @IsString() @Length(1, 32) name: string;
  @ApiPropertyOptional() @IsOptional() @Matches(MEDIA_URL) icon?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
}

export class SpecDimensionDto implements SpecDimension {
  @ApiProperty() @Trim() @IsString() @Length(1, 16) name: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @Length(1, 24, { each: true }) values: string[];
}

export class DetailBlockDto {
  @ApiProperty({ enum: ['text', 'image'] }) @IsIn(['text', 'image']) type: 'text' | 'image';
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) text?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(MEDIA_URL) url?: string;
}

export class SkuInputDto {
  @ApiPropertyOptional({ description: 'Existing SKU id when editing; omit for a new SKU' }) @IsOptional() @IsInt() @Min(1) id?: number;
  @ApiProperty({ example: { 重量: '500g' } }) @IsObject() specs: Record<string, string>;
  @ApiProperty({ description: 'fen' }) @IsInt() @Min(1) @Max(100_000_000) price: number;
  @ApiProperty({ description: 'fen' }) @IsInt() @Min(1) @Max(100_000_000) originalPrice: number;
  @ApiPropertyOptional({ description: 'Initial stock of a new SKU; existing stock changes through the stock endpoint' }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) stock?: number;
}

export class ProductAttributeDto {
  @ApiProperty({ example: '产地' }) @Trim() @IsString() @Length(1, 16) name: string;
  @ApiProperty({ example: '山东烟台' }) @Trim() @IsString() @Length(1, 64) value: string;
}

export class ProductInputDto {
  @ApiProperty() @IsInt() @Min(1) categoryId: number;
  @ApiProperty() @Trim() @IsString() @Length(1, 64) title: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(0, 128) subtitle?: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(9) @Matches(MEDIA_URL, { each: true }) images: string[];
  @ApiPropertyOptional({ type: [DetailBlockDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => DetailBlockDto) detail?: DetailBlockDto[];
  @ApiProperty({ type: [SpecDimensionDto] }) @IsArray() @ArrayMaxSize(3) @ValidateNested({ each: true }) @Type(() => SpecDimensionDto) specDimensions: SpecDimensionDto[];
  @ApiPropertyOptional({ type: [ProductAttributeDto], description: '规格参数 rows, in order' }) @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ProductAttributeDto) attributes?: ProductAttributeDto[];
  @ApiProperty({ type: [SkuInputDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SkuInputDto) skus: SkuInputDto[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() onShelf?: boolean;
}

export class ShelfDto {
  @ApiProperty() @IsBoolean() onShelf: boolean;
}

export class StockAdjustDto {
  @ApiProperty({ description: 'Units to add (negative to remove)' }) @IsInt() @Min(-10_000_000) @Max(10_000_000) delta: number;
}

export const toCategoryView = (c: Category): CategoryView => ({ id: c.id, name: c.name, icon: c.icon, sortOrder: c.sortOrder });

export function toProductSummary(p: Product): ProductSummaryView {
  return { id: p.id, categoryId: p.categoryId, title: p.title, subtitle: p.subtitle, cover: p.cover, price: p.minPrice, originalPrice: p.minOriginalPrice, sales: p.sales, onShelf: p.onShelf };
}

export const toSkuView = (s: Sku): SkuView => ({ id: s.id, specs: s.specs, price: s.price, originalPrice: s.originalPrice, stock: s.stock, sales: s.sales });

export function toProductDetail(p: Product, skus: Sku[]): ProductDetailView {
  return { ...toProductSummary(p), images: p.images, attributes: p.attributes ?? [], detail: p.detail as DetailBlock[], specDimensions: p.specDimensions, skus: skus.map(toSkuView) };
}
