import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * `share_links.store_id`: the pickup store a campaign share was made from (the store the sharer was viewing), so the
 * link opens the campaign at that store for a visitor who has none. Null for other targets and older shares.
 */
export class ShareStore1764770000000 implements MigrationInterface {
  name = 'ShareStore1764770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('share_links', new TableColumn({ name: 'store_id', type: 'int', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('share_links', 'store_id');
  }
}
