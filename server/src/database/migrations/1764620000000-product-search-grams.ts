import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { textGrams } from '../../modules/catalog/catalog.rules';

/**
 * The product search index: single characters and character pairs of title + subtitle, one row per (gram, product),
 * so a keyword search intersects a few index ranges instead of scanning every product with LIKE '%…%'.
 * Binary collation on MariaDB: grams are already folded, and a case/accent-insensitive key would call distinct grams
 * duplicates (spaces are stored as '␣' because keys ignore trailing spaces).
 * Backfills every existing product.
 */
export class ProductSearchGrams1764620000000 implements MigrationInterface {
  name = 'ProductSearchGrams1764620000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    await q.createTable(new Table({
      name: 'product_search_grams', engine: mysql ? 'InnoDB' : undefined,
      columns: [
        { name: 'gram', type: 'varchar', length: '8', isPrimary: true, ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}) },
        { name: 'product_id', type: 'int', isPrimary: true },
      ],
      indices: [{ name: 'idx_product_search_grams_product', columnNames: ['product_id'] }],
    }), true);
    for (let after = 0; ;) {
      const rows: { id: number; title: string; subtitle: string }[] = await q.query(
        'SELECT id, title, subtitle FROM products WHERE id > ? ORDER BY id LIMIT 500', [after],
      );
      if (!rows.length) break;
      after = Number(rows[rows.length - 1].id);
      const values = rows.flatMap((r) => textGrams(r.title, r.subtitle ?? '').map((g) => [g, Number(r.id)] as const));
      for (let i = 0; i < values.length; i += 500) {
        const chunk = values.slice(i, i + 500);
        await q.query(`INSERT INTO product_search_grams (gram, product_id) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`, chunk.flat());
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('product_search_grams');
  }
}
