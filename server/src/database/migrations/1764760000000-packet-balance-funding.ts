import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * A distributor funds a red packet from the withdrawable balance: `distributors.spent` holds what packets took (net
 * of what came back), `distributor_balance_entries` records each debit and return once (unique dedupe key), and
 * `red_packets.request_key` makes a repeated send return the same packet.
 */
export class PacketBalanceFunding1764760000000 implements MigrationInterface {
  name = 'PacketBalanceFunding1764760000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))";
    await q.addColumn('distributors', new TableColumn({ name: 'spent', type: 'int', default: 0 }));
    await q.addColumn('red_packets', new TableColumn({ name: 'request_key', type: 'varchar', length: '64', isNullable: true }));
    await q.createIndex('red_packets', new TableIndex({ name: 'uq_red_packets_sender_request', columnNames: ['sender_user_id', 'request_key'], isUnique: true }));
    await q.createTable(new Table({
      name: 'distributor_balance_entries', engine: mysql ? 'InnoDB' : undefined,
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'user_id', type: 'int' },
        { name: 'kind', type: 'varchar', length: '16' },
        { name: 'amount', type: 'int' },
        { name: 'packet_id', type: 'int', isNullable: true },
        { name: 'dedupe_key', type: 'varchar', length: '64' },
        { name: 'created_at', type: 'datetime', precision: 3, default: now },
      ],
      indices: [
        new TableIndex({ name: 'uq_distributor_balance_entries_dedupe', columnNames: ['dedupe_key'], isUnique: true }),
        new TableIndex({ name: 'idx_distributor_balance_entries_user', columnNames: ['user_id', 'created_at'] }),
      ],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('distributor_balance_entries', true);
    await q.dropIndex('red_packets', 'uq_red_packets_sender_request');
    await q.dropColumn('red_packets', 'request_key');
    await q.dropColumn('distributors', 'spent');
  }
}
