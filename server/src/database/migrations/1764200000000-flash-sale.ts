import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/** Flash-sale slots, items with their own stock, and one reservation per purchase. */
export class FlashSale1764200000000 implements MigrationInterface {
  name = 'FlashSale1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const date = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const created: TableColumnOptions = { name: 'created_at', type: 'datetime', precision: 3, default: now };
    const engine = mysql ? 'InnoDB' : undefined;

    await q.createTable(new Table({
      name: 'flash_slots', engine,
      columns: [id, str('title', 30), date('starts_at', false), date('ends_at', false), created],
      indices: [new TableIndex({ name: 'idx_flash_slots_time', columnNames: ['starts_at', 'ends_at'] })],
    }), true);

    await q.createTable(new Table({
      name: 'flash_items', engine,
      columns: [id, int('slot_id'), int('sku_id'), int('product_id'), int('flash_price', { default: 0 }), int('stock_total'), int('stock_left'), int('per_user_limit'), date('stopped_at')],
      indices: [new TableIndex({ name: 'uq_flash_item_sku', columnNames: ['slot_id', 'sku_id'], isUnique: true })],
    }), true);

    await q.createTable(new Table({
      name: 'flash_reservations', engine,
      columns: [
        str('id', 32, { isPrimary: true }), int('item_id'), int('user_id'), int('quantity'), str('status', 10),
        int('order_id', { isNullable: true, isUnique: true }), str('reason', 100, { isNullable: true }), created,
      ],
      indices: [new TableIndex({ name: 'idx_flash_res_item_user', columnNames: ['item_id', 'user_id'] })],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['flash_reservations', 'flash_items', 'flash_slots']) await q.dropTable(table, true);
  }
}
