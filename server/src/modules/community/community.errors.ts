import { AppError } from '../../common/app-error';

export class CommunityError extends AppError {}
