import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ErrorCode } from '@linli/shared';
import { AppError } from './app-error';

function flatten(errors: ValidationError[], parent = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export class ValidationFailedError extends AppError {
  constructor(errors: ValidationError[]) {
    const flat = flatten(errors);
    super(ErrorCode.ValidationFailed, flat.map((f) => f.messages.join('; ')).join('; ') || 'invalid request', flat.map((f) => f.field));
  }
}

/** Strict DTO validation: unknown fields (a client-sent price, say) are refused, not silently used. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailedError(errors),
  });
}

/** Trims surrounding whitespace from a string field before it is validated. */
export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
