import { AppError } from '../../common/app-error';

export class OutboxError extends AppError {}
