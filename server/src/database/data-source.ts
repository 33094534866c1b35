import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run migration:generate -w server`): reads the same env as the server. */
export default new DataSource(dataSourceOptions(loadConfig()));
