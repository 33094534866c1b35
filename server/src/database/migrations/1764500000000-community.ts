import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Community store + group: pickup stores become real stores (location, district, hours, phone, photo, a leader),
 * staff who verify pickups at one store, one-time staff invites, and each pickup order's pickup code with who
 * verified it; community campaigns with their items, their orders and the per-store batches after the cut-off.
 * A person is leader or staff of at most one store (unique user columns).
 */
export class Community1764500000000 implements MigrationInterface {
  name = 'Community1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const engine = mysql ? 'InnoDB' : undefined;

    await q.addColumns('pickup_stores', [
      new TableColumn({ name: 'district', type: 'varchar', length: '20', default: "''" }),
      new TableColumn({ name: 'latitude', type: 'double', default: 0 }),
      new TableColumn({ name: 'longitude', type: 'double', default: 0 }),
      new TableColumn({ name: 'hours', type: 'varchar', length: '40', default: "''" }),
      new TableColumn({ name: 'phone', type: 'varchar', length: '20', default: "''" }),
      new TableColumn({ name: 'photo', type: 'varchar', length: '255', isNullable: true }),
      new TableColumn({ name: 'leader_user_id', type: 'int', isNullable: true }),
    ]);
    await q.createIndex('pickup_stores', new TableIndex({ name: 'uq_pickup_stores_leader', columnNames: ['leader_user_id'], isUnique: true }));

    await q.createTable(new Table({
      name: 'store_staff', engine,
      columns: [id, { name: 'store_id', type: 'int' }, { name: 'user_id', type: 'int' }, { name: 'created_at', type: 'datetime', precision: 3, default: now }],
      indices: [{ name: 'uq_store_staff_user', columnNames: ['user_id'], isUnique: true }, { name: 'idx_store_staff_store', columnNames: ['store_id'] }],
    }), true);

    await q.createTable(new Table({
      name: 'staff_invites', engine,
      columns: [
        id, { name: 'code', type: 'varchar', length: '8' }, { name: 'store_id', type: 'int' },
        { name: 'expires_at', type: 'datetime', precision: 3 }, { name: 'used_by', type: 'int', isNullable: true },
        { name: 'used_at', type: 'datetime', precision: 3, isNullable: true }, { name: 'created_at', type: 'datetime', precision: 3, default: now },
      ],
      indices: [{ name: 'uq_staff_invites_code', columnNames: ['code'], isUnique: true }],
    }), true);

    await q.createTable(new Table({
      name: 'community_campaigns', engine,
      columns: [
        id, { name: 'title', type: 'varchar', length: '60' }, { name: 'starts_at', type: 'datetime', precision: 3 }, { name: 'cutoff_at', type: 'datetime', precision: 3 },
        { name: 'pickup_date', type: 'varchar', length: '10' }, { name: 'store_ids', type: 'text', isNullable: true }, { name: 'commission_rate_bps', type: 'int', isNullable: true },
        { name: 'coupons_allowed', type: 'boolean', default: false }, { name: 'created_at', type: 'datetime', precision: 3, default: now },
      ],
    }), true);

    await q.createTable(new Table({
      name: 'community_campaign_items', engine,
      columns: [
        id, { name: 'campaign_id', type: 'int' }, { name: 'sku_id', type: 'int' }, { name: 'price', type: 'int' }, { name: 'stock', type: 'int' },
        { name: 'sold', type: 'int', default: 0 }, { name: 'per_user_limit', type: 'int' },
      ],
      indices: [{ name: 'uq_community_items_sku', columnNames: ['campaign_id', 'sku_id'], isUnique: true }],
    }), true);

    await q.createTable(new Table({
      name: 'community_orders', engine,
      columns: [
        { name: 'order_id', type: 'int', isPrimary: true }, { name: 'campaign_id', type: 'int' }, { name: 'store_id', type: 'int' },
        { name: 'item_id', type: 'int' }, { name: 'batch_id', type: 'int', isNullable: true },
      ],
      indices: [{ name: 'idx_community_orders_batch', columnNames: ['campaign_id', 'store_id'] }],
    }), true);

    await q.createTable(new Table({
      name: 'community_batches', engine,
      columns: [
        id, { name: 'campaign_id', type: 'int' }, { name: 'store_id', type: 'int' }, { name: 'status', type: 'varchar', length: '12' },
        { name: 'shipped_at', type: 'datetime', precision: 3, isNullable: true }, { name: 'arrived_at', type: 'datetime', precision: 3, isNullable: true },
        { name: 'arrived_by', type: 'int', isNullable: true }, { name: 'shortages', type: 'text', isNullable: true },
        { name: 'created_at', type: 'datetime', precision: 3, default: now }, { name: 'version', type: 'int', default: 1 },
      ],
      indices: [{ name: 'uq_community_batches_store', columnNames: ['campaign_id', 'store_id'], isUnique: true }],
    }), true);

    // 'community' is the first order kind longer than eight characters.
    const kind = (await q.getTable('orders'))!.findColumnByName('kind')!;
    await q.changeColumn('orders', kind, new TableColumn({ name: 'kind', type: 'varchar', length: '12', default: "'normal'" }));

    await q.addColumns('orders', [
      new TableColumn({ name: 'pickup_code', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'picked_up_by', type: 'int', isNullable: true }),
    ]);
    await q.createIndex('orders', new TableIndex({ name: 'uq_orders_pickup_code', columnNames: ['pickup_code'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('orders', 'uq_orders_pickup_code');
    await q.dropColumns('orders', ['picked_up_by', 'pickup_code']);
    await q.query("UPDATE orders SET kind = 'normal' WHERE kind = 'community'");
    const kind = (await q.getTable('orders'))!.findColumnByName('kind')!;
    await q.changeColumn('orders', kind, new TableColumn({ name: 'kind', type: 'varchar', length: '8', default: "'normal'" }));
    await q.dropTable('community_batches', true);
    await q.dropTable('community_orders', true);
    await q.dropTable('community_campaign_items', true);
    await q.dropTable('community_campaigns', true);
    await q.dropTable('staff_invites', true);
    await q.dropTable('store_staff', true);
    await q.dropIndex('pickup_stores', 'uq_pickup_stores_leader');
    await q.dropColumns('pickup_stores', ['leader_user_id', 'photo', 'phone', 'hours', 'longitude', 'latitude', 'district']);
  }
}
