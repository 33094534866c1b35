import { AppError } from '../../common/app-error';

export class GroupBuyError extends AppError {}
