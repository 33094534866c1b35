import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * One multi-row INSERT of plain rows, with no entity machinery: TypeORM's insert builder costs O(rows × columns²)
 * in parameter bookkeeping and reads generated columns back, which dominated the flash-sale writer's CPU.
 * Values go through the driver's own conversion (dates, simple-json) and each column's transformer, so a row
 * lands exactly as `repository.insert` would write it. Columns left out take their database default.
 */
export async function bulkInsert<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: Partial<T>[], properties: (keyof T & string)[]): Promise<void> {
  if (!rows.length) return;
  const metadata = m.connection.getMetadata(target);
  const driver = m.connection.driver;
  const columns = properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return column;
  });
  const params: unknown[] = [];
  for (const row of rows) {
    for (const column of columns) {
      let value: unknown = row[column.propertyName as keyof T];
      if (value === undefined) value = null;
      if (column.transformer) for (const transformer of [column.transformer].flat()) value = transformer.to(value);
      params.push(value === null ? null : driver.preparePersistentValue(value, column));
    }
  }
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`;
  await m.query(sql, params);
}
