import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** 规格参数: a product's attribute rows (产地, 净含量, 保质期, 储存方式 …) as JSON text, like its other lists. */
export class ProductAttributes1764370000000 implements MigrationInterface {
  name = 'ProductAttributes1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('products', new TableColumn({ name: 'attributes', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('products', 'attributes');
  }
}
