import { Inject, Injectable, Logger } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CommissionLedgerService } from './commission-ledger.service';
import { WithdrawalsService } from './withdrawals.service';

export interface ReferralsSweepResult {
  settled: number;
  retried: number;
  queried: number;
}

/** Settles commission whose after-sales window closed, and pushes transfers that never got an answer. Safe on every instance. */
@Injectable()
export class ReferralsSweeper extends PeriodicSweep<ReferralsSweepResult> {
  protected readonly logger = new Logger(ReferralsSweeper.name);

  constructor(
    private readonly ledger: CommissionLedgerService,
    private readonly withdrawals: WithdrawalsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected get intervalSeconds(): number {
    return this.config.sweepIntervalSeconds;
  }

  protected async pass(now: Date): Promise<ReferralsSweepResult> {
    const settled = await this.ledger.settleDue(now);
    const { retried, queried } = await this.withdrawals.sweep(now, this.config.wechatPay.reconcileAfterSeconds);
    return { settled, retried, queried };
  }
}
