import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The storefront core: users, operators, catalog, cart, addresses and orders.
 * Written with TypeORM's schema builder so one migration serves MySQL/MariaDB and SQLite.
 */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const text = (name: string): TableColumnOptions => ({ name, type: 'text' });
    const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', default: def ? 1 : 0 });
    const money = (name: string): TableColumnOptions => ({ name, type: 'int', default: 0 });
    const date = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const created: TableColumnOptions = { name: 'created_at', type: 'datetime', precision: 3, default: now };
    const updated: TableColumnOptions = { name: 'updated_at', type: 'datetime', precision: 3, default: now };
    const table = (name: string, columns: TableColumnOptions[], indices: TableIndex[] = []) =>
      q.createTable(new Table({ name, columns, indices, engine: mysql ? 'InnoDB' : undefined }), true);

    await table('users', [id, str('openid', 64, { isUnique: true }), str('unionid', 64, { isNullable: true }), str('session_key', 64, { isNullable: true }), str('nickname', 64, { default: "''" }), str('avatar', 255, { isNullable: true }), created, date('last_login_at')]);

    await table('admin_users', [id, str('username', 64, { isUnique: true }), str('password_hash', 255), str('role', 16), str('display_name', 64, { default: "''" }), bool('disabled', false), created]);

    await table('categories', [id, str('name', 32), str('icon', 255, { isNullable: true }), int('sort_order', { default: 0 }), created]);

    await table(
      'products',
      [id, int('category_id'), str('title', 64), str('subtitle', 128, { default: "''" }), str('cover', 255), text('images'), text('detail'), text('spec_dimensions'), money('min_price'), money('min_original_price'), int('sales', { default: 0 }), bool('on_shelf', false), created, updated, date('deleted_at')],
      [new TableIndex({ name: 'idx_products_category', columnNames: ['category_id', 'on_shelf'] })],
    );

    await table(
      'skus',
      [id, int('product_id'), text('specs'), money('price'), money('original_price'), int('stock', { default: 0 }), int('sales', { default: 0 }), created, date('deleted_at')],
      [new TableIndex({ name: 'idx_skus_product', columnNames: ['product_id'] })],
    );

    await table('banners', [id, str('title', 64), str('image', 255), int('product_id', { isNullable: true }), int('sort_order', { default: 0 })]);

    await table(
      'cart_items',
      [id, int('user_id'), int('sku_id'), int('quantity'), bool('selected', true), created, updated],
      [new TableIndex({ name: 'uq_cart_user_sku', columnNames: ['user_id', 'sku_id'], isUnique: true })],
    );

    await table(
      'addresses',
      [id, int('user_id'), str('name', 32), str('phone', 20), str('province', 32), str('city', 32), str('district', 32), str('detail', 128), bool('is_default', false), created],
      [new TableIndex({ name: 'idx_addresses_user', columnNames: ['user_id'] })],
    );

    await table(
      'orders',
      [
        id, str('order_no', 32, { isUnique: true }), int('user_id'), str('status', 24),
        money('subtotal'), money('freight'), money('discount'), money('total'),
        text('address'), str('remark', 200, { default: "''" }), str('request_key', 64, { isNullable: true }),
        date('pay_deadline', false), date('paid_at'), date('shipped_at'), str('carrier', 32, { isNullable: true }), str('tracking_no', 64, { isNullable: true }),
        date('completed_at'), date('cancelled_at'), str('cancel_reason', 100, { isNullable: true }),
        created, updated, int('version', { default: 1 }),
      ],
      [
        new TableIndex({ name: 'idx_orders_user_status', columnNames: ['user_id', 'status'] }),
        new TableIndex({ name: 'idx_orders_status_deadline', columnNames: ['status', 'pay_deadline'] }),
        new TableIndex({ name: 'uq_orders_user_request', columnNames: ['user_id', 'request_key'], isUnique: true }),
      ],
    );

    await table(
      'order_lines',
      [id, int('order_id'), int('sku_id'), int('product_id'), str('title', 64), str('cover', 255), text('specs'), money('unit_price'), int('quantity'), money('line_total')],
      [new TableIndex({ name: 'idx_order_lines_order', columnNames: ['order_id'] })],
    );

    await table(
      'order_events',
      [id, int('order_id'), str('event', 24), str('from_status', 24, { isNullable: true }), str('to_status', 24), str('actor', 32), str('note', 200, { default: "''" }), created],
      [new TableIndex({ name: 'idx_order_events_order', columnNames: ['order_id'] })],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['order_events', 'order_lines', 'orders', 'addresses', 'cart_items', 'banners', 'skus', 'products', 'categories', 'admin_users', 'users']) {
      await q.dropTable(t, true);
    }
  }
}
