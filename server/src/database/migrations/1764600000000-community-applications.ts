import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

/**
 * Leader applications (a shopper applies with their store's details and a WeChat-verified phone number; an operator
 * approves or rejects) and the arrival notices a shopper consented to at checkout (one subscription message per
 * pickup order when its goods arrive). `pending_user_id` is the applicant while the application is pending and null
 * after: its unique index allows one pending application per person on both databases. A shopper's pickup contact
 * phone (`shopper_phones`, from the phone button) lets a leader find their waiting orders by its last digits.
 */
export class CommunityApplications1764600000000 implements MigrationInterface {
  name = 'CommunityApplications1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const engine = mysql ? 'InnoDB' : undefined;

    await q.createTable(new Table({
      name: 'leader_applications', engine,
      columns: [
        id, { name: 'user_id', type: 'int' }, { name: 'pending_user_id', type: 'int', isNullable: true },
        { name: 'status', type: 'varchar', length: '10' },
        { name: 'store_name', type: 'varchar', length: '40' }, { name: 'address', type: 'varchar', length: '200' },
        { name: 'district', type: 'varchar', length: '20' }, { name: 'latitude', type: 'double' }, { name: 'longitude', type: 'double' },
        { name: 'hours', type: 'varchar', length: '40' }, { name: 'phone', type: 'varchar', length: '20' },
        { name: 'reason', type: 'varchar', length: '200', isNullable: true }, { name: 'store_id', type: 'int', isNullable: true },
        { name: 'decided_by', type: 'int', isNullable: true }, { name: 'decided_at', type: 'datetime', precision: 3, isNullable: true },
        { name: 'created_at', type: 'datetime', precision: 3, default: now },
      ],
      indices: [
        { name: 'uq_leader_applications_pending', columnNames: ['pending_user_id'], isUnique: true },
        { name: 'idx_leader_applications_user', columnNames: ['user_id'] },
        { name: 'idx_leader_applications_status', columnNames: ['status'] },
      ],
    }), true);

    await q.createTable(new Table({
      name: 'pickup_notices', engine,
      columns: [
        { name: 'order_id', type: 'int', isPrimary: true }, { name: 'user_id', type: 'int' }, { name: 'status', type: 'varchar', length: '10' },
        { name: 'attempts', type: 'int', default: 0 }, { name: 'error', type: 'varchar', length: '100', isNullable: true },
        { name: 'sent_at', type: 'datetime', precision: 3, isNullable: true }, { name: 'created_at', type: 'datetime', precision: 3, default: now },
      ],
    }), true);

    await q.createTable(new Table({
      name: 'shopper_phones', engine,
      columns: [
        { name: 'user_id', type: 'int', isPrimary: true }, { name: 'phone', type: 'varchar', length: '20' },
        { name: 'verified_at', type: 'datetime', precision: 3, default: now },
      ],
      indices: [{ name: 'idx_shopper_phones_phone', columnNames: ['phone'] }],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('shopper_phones', true);
    await q.dropTable('pickup_notices', true);
    await q.dropTable('leader_applications', true);
  }
}
