import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/** WeChat Pay transactions (one per order) and refunds (after-sales and automatic). */
export class PaymentsAndRefunds1763900000000 implements MigrationInterface {
  name = 'PaymentsAndRefunds1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const date = (name: string): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: true });
    const created: TableColumnOptions = { name: 'created_at', type: 'datetime', precision: 3, default: now };
    const engine = mysql ? 'InnoDB' : undefined;

    await q.createTable(new Table({
      name: 'payments', engine,
      columns: [
        id, int('order_id', { isUnique: true }), str('out_trade_no', 32, { isUnique: true }), int('amount', { default: 0 }), str('status', 16),
        str('prepay_id', 64, { isNullable: true }), date('prepay_expires_at'), str('transaction_id', 32, { isNullable: true }),
        date('paid_at'), date('closed_at'), date('shipping_reported_at'), created, { ...created, name: 'updated_at' },
      ],
      indices: [new TableIndex({ name: 'idx_payments_status', columnNames: ['status', 'created_at'] })],
    }), true);

    await q.createTable(new Table({
      name: 'refunds', engine,
      columns: [
        id, int('order_id'), int('user_id'), str('out_refund_no', 64, { isUnique: true }), str('type', 16), str('source', 16), str('status', 16),
        int('amount', { default: 0 }), str('reason', 200), str('reject_reason', 200, { isNullable: true }), { name: 'lines', type: 'text' },
        str('order_status_before', 24, { isNullable: true }), { name: 'restock', type: 'boolean', default: 0 }, str('wechat_refund_id', 32, { isNullable: true }),
        str('handled_by', 32, { isNullable: true }), created, date('approved_at'), date('completed_at'),
      ],
      indices: [new TableIndex({ name: 'idx_refunds_order', columnNames: ['order_id'] }), new TableIndex({ name: 'idx_refunds_status', columnNames: ['status'] })],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('refunds', true);
    await q.dropTable('payments', true);
  }
}
