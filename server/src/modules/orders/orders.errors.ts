import { AppError } from '../../common/app-error';

export class OrderError extends AppError {}
