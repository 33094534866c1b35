import { Inject, Injectable } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PacketSweepResult, RedPacketsService } from './red-packets.service';

/** Expires red packets past their time and sends the unclaimed value back. Safe on every instance at once. */
@Injectable()
export class RedPacketSweeper extends PeriodicSweep<PacketSweepResult> {
  constructor(
    private readonly packets: RedPacketsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  protected async pass(now: Date): Promise<PacketSweepResult> {
    const result = await this.packets.expireDue(now);
    if (result.expired) this.logger.log(result, 'red packet sweep');
    return result;
  }
}
