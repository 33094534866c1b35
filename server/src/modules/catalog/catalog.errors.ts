import { AppError } from '../../common/app-error';

export class CatalogError extends AppError {}
