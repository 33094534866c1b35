import { AppError } from '../../common/app-error';

export class OutboxError extends AppError {}

/**
 * Thrown by a handler when the receiver refused the message for good: sending the same payload again cannot succeed,
 * so the message is dead at once (for an operator to look at) instead of being retried for hours.
 */
export class PermanentDeliveryError extends Error {}
