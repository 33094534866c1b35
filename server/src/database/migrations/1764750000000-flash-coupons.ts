import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A flash slot says whether its items take coupons (issue 13). Off by default: the flash price is already the
 * lowest, and the operator opts a slot in; a coupon must also allow flash prices itself (`combine_flash`).
 * A refused queued purchase keeps its error code beside its reason.
 */
export class FlashCoupons1764750000000 implements MigrationInterface {
  name = 'FlashCoupons1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('flash_slots', new TableColumn({ name: 'accepts_coupons', type: 'boolean', default: 0 }));
    // Why a queued purchase was refused, as an error code, so the app can tell a coupon refusal from a sold-out one.
    await q.addColumn('flash_reservations', new TableColumn({ name: 'reason_code', type: 'varchar', length: '40', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('flash_reservations', 'reason_code');
    await q.dropColumn('flash_slots', 'accepts_coupons');
  }
}
