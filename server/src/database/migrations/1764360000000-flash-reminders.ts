import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** 提醒我: subscription messages owed at a flash slot's start. */
export class FlashReminders1764360000000 implements MigrationInterface {
  name = 'FlashReminders1764360000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    await q.createTable(new Table({
      name: 'flash_reminders',
      engine: mysql ? 'InnoDB' : undefined,
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'user_id', type: 'int' },
        { name: 'item_id', type: 'int' },
        { name: 'slot_id', type: 'int' },
        { name: 'starts_at', type: 'datetime', precision: 3 },
        { name: 'status', type: 'varchar', length: '10' },
        { name: 'attempts', type: 'int', default: 0 },
        { name: 'error', type: 'varchar', length: '100', isNullable: true },
        { name: 'sent_at', type: 'datetime', precision: 3, isNullable: true },
        { name: 'created_at', type: 'datetime', precision: 3, default: now },
      ],
      indices: [
        new TableIndex({ name: 'uq_flash_reminders_user_item', columnNames: ['user_id', 'item_id'], isUnique: true }),
        new TableIndex({ name: 'idx_flash_reminders_due', columnNames: ['status', 'starts_at'] }),
      ],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('flash_reminders', true);
  }
}
