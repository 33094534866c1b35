import 'reflect-metadata';
import { createConnection } from 'mysql2/promise';
import { DataSource, DataSourceOptions } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/**
 * For the TypeORM CLI (`npm run migration:show|run|revert|generate`, see docs/operations.md): the same env and
 * database as the server. Migrations run only when asked, not on connect, so `show` and `revert` see the real state.
 */
async function cliDataSource(): Promise<DataSource> {
  const config = loadConfig();
  const options: DataSourceOptions = { ...dataSourceOptions(config), migrationsRun: false };
  if (config.database.type !== 'mysql' || !process.argv.includes('migration:generate')) return new DataSource(options);
  // To diff, TypeORM reads a MariaDB schema right only when told it is MariaDB (it reports column defaults differently).
  // Only there: the migrations themselves branch on the type being 'mysql'.
  const conn = await createConnection({ uri: config.database.url });
  const [rows] = await conn.query<{ version: string }[] & import('mysql2').RowDataPacket[]>('SELECT VERSION() AS version');
  await conn.end();
  return new DataSource({ ...options, type: /mariadb/i.test(rows[0]?.version ?? '') ? 'mariadb' : 'mysql' } as DataSourceOptions);
}

export default cliDataSource();
