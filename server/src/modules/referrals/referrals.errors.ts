import { AppError } from '../../common/app-error';

export class ReferralsError extends AppError {}
