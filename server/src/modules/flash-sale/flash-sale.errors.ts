import { AppError } from '../../common/app-error';

export class FlashSaleError extends AppError {}
