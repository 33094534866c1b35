import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The order core: each line's net paid amount (what refunds pay back), fulfilment apart from the promotion kind
 * (delivery or pickup at a store; a pickup order has no address), and a minimal pickup store table.
 * Existing lines were never discounted, so their net is their line total.
 */
export class OrderCore1764300000000 implements MigrationInterface {
  name = 'OrderCore1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };

    await q.createTable(new Table({
      name: 'pickup_stores', engine: mysql ? 'InnoDB' : undefined,
      columns: [
        id, { name: 'name', type: 'varchar', length: '40' }, { name: 'address', type: 'varchar', length: '200' },
        { name: 'state', type: 'varchar', length: '8', default: "'open'" }, { name: 'created_at', type: 'datetime', precision: 3, default: now },
      ],
    }), true);

    await q.addColumn('order_lines', new TableColumn({ name: 'net_amount', type: 'int', default: 0 }));
    await q.query('UPDATE order_lines SET net_amount = line_total');

    await q.addColumns('orders', [
      new TableColumn({ name: 'fulfilment', type: 'varchar', length: '8', default: "'delivery'" }),
      new TableColumn({ name: 'pickup_store_id', type: 'int', isNullable: true }),
      new TableColumn({ name: 'ready_at', type: 'datetime', precision: 3, isNullable: true }),
    ]);
    const address = (await q.getTable('orders'))!.findColumnByName('address')!;
    await q.changeColumn('orders', address, new TableColumn({ name: 'address', type: 'text', isNullable: true }));
    await q.createIndex('orders', new TableIndex({ name: 'idx_orders_pickup_store', columnNames: ['pickup_store_id', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('orders', 'idx_orders_pickup_store');
    const address = (await q.getTable('orders'))!.findColumnByName('address')!;
    await q.query("UPDATE orders SET address = '{}' WHERE address IS NULL");
    await q.changeColumn('orders', address, new TableColumn({ name: 'address', type: 'text' }));
    await q.dropColumns('orders', ['ready_at', 'pickup_store_id', 'fulfilment']);
    await q.dropColumn('order_lines', 'net_amount');
    await q.dropTable('pickup_stores', true);
  }
}
