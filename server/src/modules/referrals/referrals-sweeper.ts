import { Inject, Injectable } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CommissionLedgerService } from './commission-ledger.service';
import { WithdrawalsService } from './withdrawals.service';

export interface ReferralsSweepResult {
  settled: number;
  queried: number;
}

/** Settles commission whose after-sales window closed, and asks WeChat about transfers no notification settled. Safe on every instance. */
@Injectable()
export class ReferralsSweeper extends PeriodicSweep<ReferralsSweepResult> {
  constructor(
    private readonly ledger: CommissionLedgerService,
    private readonly withdrawals: WithdrawalsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(config);
  }

  protected async pass(now: Date): Promise<ReferralsSweepResult> {
    const settled = await this.ledger.settleDue(now);
    const { queried } = await this.withdrawals.sweep(now, this.config.wechatPay.reconcileAfterSeconds);
    return { settled, queried };
  }
}
