import { AppError } from '../../common/app-error';

export class PaymentError extends AppError {}
