import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The outbox: work after commit (the WeChat shipping report first), written in the business transaction, delivered with retries. */
export class Outbox1764310000000 implements MigrationInterface {
  name = 'Outbox1764310000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    await q.createTable(new Table({
      name: 'outbox_messages',
      engine: mysql ? 'InnoDB' : undefined,
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'topic', type: 'varchar', length: '64' },
        { name: 'payload', type: 'text' },
        { name: 'dedupe_key', type: 'varchar', length: '128', isNullable: true },
        { name: 'status', type: 'varchar', length: '10' },
        { name: 'attempts', type: 'int', default: 0 },
        { name: 'next_attempt_at', type: 'datetime', precision: 3 },
        { name: 'locked_until', type: 'datetime', precision: 3, isNullable: true },
        { name: 'lock_token', type: 'varchar', length: '32', isNullable: true },
        { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
        { name: 'delivered_at', type: 'datetime', precision: 3, isNullable: true },
        { name: 'created_at', type: 'datetime', precision: 3, default: now },
      ],
      indices: [
        // NULL keys never collide, so messages without a key are never deduplicated.
        new TableIndex({ name: 'uq_outbox_dedupe', columnNames: ['topic', 'dedupe_key'], isUnique: true }),
        // The worker's query: pending messages in due order.
        new TableIndex({ name: 'idx_outbox_due', columnNames: ['status', 'next_attempt_at'] }),
      ],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('outbox_messages', true);
  }
}
