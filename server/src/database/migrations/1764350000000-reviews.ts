import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/** Reviews of completed order lines, and their photos. */
export class Reviews1764350000000 implements MigrationInterface {
  name = 'Reviews1764350000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const date = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const created: TableColumnOptions = { name: 'created_at', type: 'datetime', precision: 3, default: now };
    const updated: TableColumnOptions = { name: 'updated_at', type: 'datetime', precision: 3, default: now };
    const engine = mysql ? 'InnoDB' : undefined;

    await q.createTable(new Table({
      name: 'reviews', engine,
      columns: [
        id, int('order_id'), int('order_line_id'), int('user_id'), int('product_id'), int('sku_id'),
        str('spec_text', 128, { default: "''" }), int('rating'), str('content', 500, { default: "''" }),
        { name: 'has_photos', type: 'boolean', default: 0 }, date('hidden_at'), str('hidden_reason', 100, { isNullable: true }), created, updated,
      ],
      indices: [
        new TableIndex({ name: 'uq_reviews_order_line', columnNames: ['order_line_id'], isUnique: true }),
        new TableIndex({ name: 'idx_reviews_product', columnNames: ['product_id', 'hidden_at', 'has_photos', 'created_at'] }),
        new TableIndex({ name: 'idx_reviews_user', columnNames: ['user_id'] }),
      ],
    }), true);

    await q.createTable(new Table({
      name: 'review_photos', engine,
      columns: [
        id, int('user_id'), int('review_id', { isNullable: true }), int('position', { default: 0 }),
        str('image_key', 128), str('thumb_key', 128), int('width'), int('height'), int('bytes'), created,
      ],
      indices: [
        new TableIndex({ name: 'idx_review_photos_review', columnNames: ['review_id'] }),
        new TableIndex({ name: 'idx_review_photos_user', columnNames: ['user_id', 'review_id'] }),
      ],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['review_photos', 'reviews']) await q.dropTable(table, true);
  }
}
