import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/** Group-buy campaigns, groups and seats; the order's kind and group; per-user purchase counters. */
export class GroupBuy1764100000000 implements MigrationInterface {
  name = 'GroupBuy1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const date = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: 0 });
    const created: TableColumnOptions = { name: 'created_at', type: 'datetime', precision: 3, default: now };
    const engine = mysql ? 'InnoDB' : undefined;

    await q.addColumns('orders', [
      new TableColumn({ name: 'kind', type: 'varchar', length: '8', default: "'normal'" }),
      new TableColumn({ name: 'group_id', type: 'int', isNullable: true }),
    ]);

    await q.createTable(new Table({
      name: 'purchase_quotas', engine,
      columns: [str('scope', 32, { isPrimary: true }), int('user_id', { isPrimary: true }), int('used', { default: 0 })],
    }), true);

    await q.createTable(new Table({
      name: 'group_buy_campaigns', engine,
      columns: [
        id, int('product_id'), str('title', 60), int('group_size'), { name: 'tiers', type: 'text' }, int('leader_discount', { default: 0 }),
        int('time_limit_seconds'), date('starts_at', false), date('ends_at', false), int('stock_total'), int('stock_left'), int('per_user_limit'),
        bool('new_customer_only'), int('virtual_min_members', { isNullable: true }), date('stopped_at'), str('stopped_by', 32, { isNullable: true }),
        created, { ...created, name: 'updated_at' }, int('version', { default: 1 }),
      ],
      indices: [new TableIndex({ name: 'idx_group_buy_product', columnNames: ['product_id', 'ends_at'] })],
    }), true);

    await q.createTable(new Table({
      name: 'group_buy_skus', engine,
      columns: [id, int('campaign_id'), int('sku_id'), int('group_price', { default: 0 })],
      indices: [new TableIndex({ name: 'uq_group_buy_sku', columnNames: ['campaign_id', 'sku_id'], isUnique: true })],
    }), true);

    await q.createTable(new Table({
      name: 'group_buy_groups', engine,
      columns: [
        id, int('campaign_id'), int('product_id'), int('leader_user_id'), str('status', 12), int('size'), int('tier_discount', { default: 0 }),
        int('seats_taken', { default: 1 }), int('paid_count', { default: 0 }), date('opened_at'), date('expires_at'), date('closed_at'), bool('virtual'),
        str('closed_by', 32, { isNullable: true }), str('close_reason', 200, { isNullable: true }), created,
      ],
      indices: [
        new TableIndex({ name: 'idx_groups_campaign_status', columnNames: ['campaign_id', 'status'] }),
        new TableIndex({ name: 'idx_groups_status_expires', columnNames: ['status', 'expires_at'] }),
      ],
    }), true);

    await q.createTable(new Table({
      name: 'group_buy_members', engine,
      columns: [
        id, int('group_id'), int('user_id'), int('order_id'), bool('is_leader'), str('status', 12), int('seat_holder', { isNullable: true }),
        int('quantity'), int('refund_id', { isNullable: true }), created, date('paid_at'),
      ],
      indices: [
        new TableIndex({ name: 'uq_group_member_order', columnNames: ['order_id'], isUnique: true }),
        new TableIndex({ name: 'uq_group_member_holder', columnNames: ['group_id', 'seat_holder'], isUnique: true }),
        new TableIndex({ name: 'idx_group_member_status', columnNames: ['status'] }),
      ],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['group_buy_members', 'group_buy_groups', 'group_buy_skus', 'group_buy_campaigns', 'purchase_quotas']) await q.dropTable(table, true);
    await q.dropColumn('orders', 'group_id');
    await q.dropColumn('orders', 'kind');
  }
}
