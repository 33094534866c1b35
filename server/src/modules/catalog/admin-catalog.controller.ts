import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CategoryView, Page, ProductDetailView, ProductSummaryView } from '@linli/shared';
import { AdminAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminProductQuery, CategoryDto, ProductInputDto, ShelfDto, StockAdjustDto } from './catalog.dto';
import { CatalogService } from './catalog.service';

@ApiTags('admin: catalog')
@AdminAuth()
@Controller('admin')
export class AdminCatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('categories')
  categories(): Promise<CategoryView[]> {
    return this.catalog.listCategories();
  }

  @Post('categories')
  createCategory(@Body() dto: CategoryDto): Promise<CategoryView> {
    return this.catalog.createCategory(dto);
  }

  @Put('categories/:id')
  updateCategory(@Param('id', IdPipe) id: number, @Body() dto: CategoryDto): Promise<CategoryView> {
    return this.catalog.updateCategory(id, dto);
  }

  @Delete('categories/:id')
  @AdminAuth()
  @HttpCode(204)
  deleteCategory(@Param('id', IdPipe) id: number): Promise<void> {
    return this.catalog.deleteCategory(id);
  }

  @Get('products')
  products(@Query() query: AdminProductQuery): Promise<Page<ProductSummaryView>> {
    return this.catalog.adminListProducts(query);
  }

  @Get('products/:id')
  product(@Param('id', IdPipe) id: number): Promise<ProductDetailView> {
    return this.catalog.getProduct(id);
  }

  @Post('products')
  createProduct(@Body() dto: ProductInputDto): Promise<ProductDetailView> {
    return this.catalog.createProduct(dto);
  }

  @Put('products/:id')
  updateProduct(@Param('id', IdPipe) id: number, @Body() dto: ProductInputDto): Promise<ProductDetailView> {
    return this.catalog.updateProduct(id, dto);
  }

  @Post('products/:id/shelf')
  @HttpCode(200)
  shelf(@Param('id', IdPipe) id: number, @Body() dto: ShelfDto): Promise<ProductDetailView> {
    return this.catalog.setShelf(id, dto.onShelf);
  }

  @Delete('products/:id')
  @AdminAuth()
  @HttpCode(204)
  deleteProduct(@Param('id', IdPipe) id: number): Promise<void> {
    return this.catalog.deleteProduct(id);
  }

  @Post('skus/:id/stock')
  @HttpCode(200)
  adjustStock(@Param('id', IdPipe) id: number, @Body() dto: StockAdjustDto): Promise<{ skuId: number; stock: number }> {
    return this.catalog.adjustStock(id, dto.delta);
  }
}
