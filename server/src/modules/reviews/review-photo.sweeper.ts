import { Inject, Injectable } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ReviewsService } from './reviews.service';

/** Removes review photos uploaded but never used (after a day), on the shared sweep timer. */
@Injectable()
export class ReviewPhotoSweeper extends PeriodicSweep<number> {
  constructor(
    private readonly reviews: ReviewsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  protected async pass(now: Date): Promise<number> {
    const removed = await this.reviews.removeAbandonedPhotos(now);
    if (removed) this.logger.log({ removed }, 'abandoned review photos removed');
    return removed;
  }
}
