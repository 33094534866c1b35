import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for the keyset lists (newest first by id): a shopper's orders, the operator's order list filtered by
 * status or date, and a shopper's after-sale refunds. Each list walks one index range and stops after a page.
 * And the home feed: on-shelf products newest first, and their count from the index alone.
 */
export class ListIndexes1764630000000 implements MigrationInterface {
  name = 'ListIndexes1764630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_user_id', columnNames: ['user_id', 'id'] }));
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_status_id', columnNames: ['status', 'id'] }));
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_created', columnNames: ['created_at'] }));
    await q.createIndex('refunds', new TableIndex({ name: 'idx_refunds_user_source', columnNames: ['user_id', 'source'] }));
    await q.createIndex('products', new TableIndex({ name: 'idx_products_shelf', columnNames: ['on_shelf', 'deleted_at', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('products', 'idx_products_shelf');
    await q.dropIndex('refunds', 'idx_refunds_user_source');
    await q.dropIndex('orders', 'idx_orders_created');
    await q.dropIndex('orders', 'idx_orders_status_id');
    await q.dropIndex('orders', 'idx_orders_user_id');
  }
}
