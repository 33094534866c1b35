import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { OverduePickupSweeper } from '../modules/community/overdue-pickup-sweeper';
import { RedPacketSweeper } from '../modules/coupons/red-packet-sweeper';
import { GroupSweeper } from '../modules/group-buy/group-sweeper';
import { OrderSweeper } from '../modules/orders/order-sweeper';
import { OutboxWorker } from '../modules/outbox/outbox-worker';
import { PaymentSweeper } from '../modules/payments/payment-sweeper';
import { ReferralsSweeper } from '../modules/referrals/referrals-sweeper';

/** Runs every sweep once, then delivers the outbox, and prints what it did: for a cron, or to test sweeps across processes. */
async function main(): Promise<void> {
  const config = { ...loadConfig(), sweepIntervalSeconds: 0, seedDemo: false };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  const payments = await app.get(PaymentSweeper).sweepOnce();
  const orders = await app.get(OrderSweeper).sweepOnce();
  const groups = await app.get(GroupSweeper).sweepOnce();
  const packets = await app.get(RedPacketSweeper).sweepOnce();
  const referrals = await app.get(ReferralsSweeper).sweepOnce();
  const overduePickups = await app.get(OverduePickupSweeper).sweepOnce();
  // Last, so messages the sweeps above enqueued go out in this run.
  const outbox = await app.get(OutboxWorker).sweepOnce();
  process.stdout.write(`${JSON.stringify({ ...orders, ...payments, groups, packets, referrals, overduePickups, outbox })}\n`);
  await app.close();
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
