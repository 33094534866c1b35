import { AppError } from '../../common/app-error';

export class CouponError extends AppError {}
