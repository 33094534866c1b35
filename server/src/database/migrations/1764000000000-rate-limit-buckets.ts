import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Fixed-window request counters shared by all instances (login and checkout limits). */
export class RateLimitBuckets1764000000000 implements MigrationInterface {
  name = 'RateLimitBuckets1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'rate_limit_buckets',
      engine: q.connection.options.type === 'mysql' ? 'InnoDB' : undefined,
      columns: [
        { name: 'bucket_key', type: 'varchar', length: '128', isPrimary: true },
        { name: 'window_start', type: 'bigint', isPrimary: true },
        { name: 'hits', type: 'int', default: 0 },
      ],
    }), true);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rate_limit_buckets', true);
  }
}
