import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A flash slot says whether its items take coupons (issue 13). Off by default: the flash price is already the
 * lowest, and the operator opts a slot in; a coupon must also allow flash prices itself (`combine_flash`).
 */
export class FlashCoupons1764600000000 implements MigrationInterface {
  name = 'FlashCoupons1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('flash_slots', new TableColumn({ name: 'accepts_coupons', type: 'boolean', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('flash_slots', 'accepts_coupons');
  }
}
