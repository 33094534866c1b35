import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * Revocable operator tokens (a version each token must match), operator login backoff, a record of failed operator
 * logins, and shoppers an operator has blocked.
 */
export class AccountSecurity1764320000000 implements MigrationInterface {
  name = 'AccountSecurity1764320000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    await q.addColumns('admin_users', [
      new TableColumn({ name: 'token_version', type: 'int', default: 1 }),
      new TableColumn({ name: 'failed_logins', type: 'int', default: 0 }),
      new TableColumn({ name: 'locked_until', type: 'datetime', precision: 3, isNullable: true }),
    ]);
    await q.addColumn('users', new TableColumn({ name: 'blocked', type: 'boolean', default: 0 }));
    await q.createTable(new Table({
      name: 'admin_login_failures',
      engine: mysql ? 'InnoDB' : undefined,
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'username', type: 'varchar', length: '64' },
        { name: 'address', type: 'varchar', length: '64' },
        { name: 'reason', type: 'varchar', length: '16' },
        { name: 'created_at', type: 'datetime', precision: 3, default: mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))" },
      ],
      indices: [{ columnNames: ['username', 'created_at'] }, { columnNames: ['created_at'] }],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('admin_login_failures', true);
    await q.dropColumn('users', 'blocked');
    await q.dropColumns('admin_users', ['token_version', 'failed_logins', 'locked_until']);
  }
}
