import { Inject, Injectable, Logger } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ReviewsService } from './reviews.service';

/** Removes review photos uploaded but never used (after a day), on the shared sweep timer. */
@Injectable()
export class ReviewPhotoSweeper extends PeriodicSweep<number> {
  protected readonly logger = new Logger(ReviewPhotoSweeper.name);

  constructor(
    private readonly reviews: ReviewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected get intervalSeconds(): number {
    return this.config.sweepIntervalSeconds;
  }

  protected async pass(now: Date): Promise<number> {
    const removed = await this.reviews.removeAbandonedPhotos(now);
    if (removed) this.logger.log({ removed }, 'abandoned review photos removed');
    return removed;
  }
}
