import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Overdue pickups: `orders.overdue_notified_at` is set once per order by the sweep that tells the store's leader
 * (a conditional UPDATE on `IS NULL`, so two instances announce an order once). `leader_notice_consents` counts the
 * one-time subscription consents a leader gave for 逾期未取提醒: each message spends one.
 */
export class PickupOverdue1764700000000 implements MigrationInterface {
  name = 'PickupOverdue1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    await q.addColumn('orders', new TableColumn({ name: 'overdue_notified_at', type: 'datetime', precision: 3, isNullable: true }));
    // The sweep looks for waiting orders by when they became ready.
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_status_ready', columnNames: ['status', 'ready_at'] }));
    await q.createTable(new Table({
      name: 'leader_notice_consents', engine: mysql ? 'InnoDB' : undefined,
      columns: [
        { name: 'user_id', type: 'int', isPrimary: true }, { name: 'credits', type: 'int', default: 0 },
        { name: 'updated_at', type: 'datetime', precision: 3, default: now },
      ],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('leader_notice_consents', true);
    await q.dropIndex('orders', 'idx_orders_status_ready');
    await q.dropColumn('orders', 'overdue_notified_at');
  }
}
