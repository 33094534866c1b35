import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LocalMediaStorage, MediaStorage } from '../../common/media-storage';
import { Product } from '../catalog/entities/product.entity';
import { AdminReviewsController } from './admin-reviews.controller';
import { Review, ReviewPhoto } from './entities/review.entity';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';
import { ReviewPhotoSweeper } from './review-photo.sweeper';

@Module({
  imports: [TypeOrmModule.forFeature([Review, ReviewPhoto, Product])],
  controllers: [ReviewsController, AdminReviewsController],
  providers: [ReviewsService, ReviewPhotoSweeper, { provide: MediaStorage, useClass: LocalMediaStorage }],
})
export class ReviewsModule {}
