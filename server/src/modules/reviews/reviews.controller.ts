import { Body, Controller, Get, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type MyReviewView, type OrderReviewsView, type Page, type ReviewPhotoView, type ReviewSummaryView, type ReviewView } from '@linli/shared';
import type { FastifyRequest } from 'fastify';
import { CurrentUserId, ShopperAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { ProductReviewQuery, REVIEW_PHOTO_UPLOAD_SCHEMA, ReviewCreateDto, ReviewUpdateDto } from './reviews.dto';
import { ReviewError, ReviewsService } from './reviews.service';

@ApiTags('reviews')
@Controller('api')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('products/:id/reviews')
  @ApiOperation({ summary: "A product's visible reviews, those with photos first" })
  list(@Param('id', IdPipe) id: number, @Query() query: ProductReviewQuery): Promise<Page<ReviewView>> {
    return this.reviews.forProduct(id, query);
  }

  @Get('products/:id/reviews/summary')
  @ApiOperation({ summary: 'Rating, counts and the first reviews for the product page' })
  summary(@Param('id', IdPipe) id: number): Promise<ReviewSummaryView> {
    return this.reviews.summary(id);
  }

  @Get('orders/:id/reviews')
  @ShopperAuth()
  @ApiOperation({ summary: "One of the shopper's orders: its lines and their reviews" })
  forOrder(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<OrderReviewsView> {
    return this.reviews.forOrder(userId, id);
  }

  @Post('reviews/photos')
  @ShopperAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: REVIEW_PHOTO_UPLOAD_SCHEMA })
  @ApiOperation({ summary: 'Upload one review photo (JPEG, PNG or WebP, ≤ 8 MB); EXIF is removed and a thumbnail made' })
  async uploadPhoto(@CurrentUserId() userId: number, @Req() req: FastifyRequest): Promise<ReviewPhotoView> {
    const { body, truncated } = await readUpload(req);
    return this.reviews.uploadPhoto(userId, body, truncated);
  }

  @Post('reviews')
  @ShopperAuth()
  @ApiOperation({ summary: 'Review one line of a completed order (once per line)' })
  create(@CurrentUserId() userId: number, @Body() dto: ReviewCreateDto): Promise<MyReviewView> {
    return this.reviews.create(userId, dto);
  }

  @Get('reviews/:id')
  @ShopperAuth()
  get(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<MyReviewView> {
    return this.reviews.getMine(userId, id);
  }

  @Put('reviews/:id')
  @ShopperAuth()
  update(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number, @Body() dto: ReviewUpdateDto): Promise<MyReviewView> {
    return this.reviews.update(userId, id, dto);
  }
}

/** The single `file` part of a multipart upload; anything else is a bad image (400), an oversize one is marked truncated. */
async function readUpload(req: FastifyRequest): Promise<{ body: Buffer; truncated: boolean }> {
  if (!req.isMultipart()) throw new ReviewError(ErrorCode.ReviewPhotoInvalid, '请以 multipart/form-data 上传图片');
  let part;
  try {
    part = await req.file();
  } catch {
    throw new ReviewError(ErrorCode.ReviewPhotoInvalid);
  }
  if (!part || part.fieldname !== 'file') throw new ReviewError(ErrorCode.ReviewPhotoInvalid, '请选择图片');
  try {
    const body = await part.toBuffer();
    return { body, truncated: part.file.truncated };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return { body: Buffer.alloc(0), truncated: true };
    throw new ReviewError(ErrorCode.ReviewPhotoInvalid);
  }
}
