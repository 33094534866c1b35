import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AdminReviewView, Page } from '@linli/shared';
import { AdminAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminReviewQuery, HideReviewDto } from './reviews.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('admin: reviews')
@AdminAuth('operator')
@Controller('admin/reviews')
export class AdminReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  list(@Query() query: AdminReviewQuery): Promise<Page<AdminReviewView>> {
    return this.reviews.adminList(query);
  }

  @Post(':id/hide')
  @HttpCode(200)
  hide(@Param('id', IdPipe) id: number, @Body() dto: HideReviewDto): Promise<AdminReviewView> {
    return this.reviews.hide(id, dto.reason);
  }

  @Post(':id/show')
  @HttpCode(200)
  show(@Param('id', IdPipe) id: number): Promise<AdminReviewView> {
    return this.reviews.show(id);
  }
}
