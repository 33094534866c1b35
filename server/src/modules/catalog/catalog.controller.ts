import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CategoryView, Page, ProductDetailView, ProductSummaryView } from '@linli/shared';
import { IdPipe } from '../../common/id-param.pipe';
import { PublicCache } from '../../common/public-read-cache';
import { ProductQuery } from './catalog.dto';
import { BannerView, CatalogService } from './catalog.service';

/** Browsing works without login. */
@ApiTags('catalog')
@Controller('api')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('categories')
  @PublicCache()
  categories(): Promise<CategoryView[]> {
    return this.catalog.listCategories();
  }

  @Get('banners')
  @PublicCache()
  banners(): Promise<BannerView[]> {
    return this.catalog.listBanners();
  }

  @Get('products')
  @PublicCache()
  products(@Query() query: ProductQuery): Promise<Page<ProductSummaryView>> {
    return this.catalog.listProducts(query);
  }

  @Get('products/:id')
  @PublicCache()
  product(@Param('id', IdPipe) id: number): Promise<ProductDetailView> {
    return this.catalog.getProduct(id);
  }
}
