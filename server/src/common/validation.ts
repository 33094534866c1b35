import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsInt, Max, MaxDate, Min, MinDate, ValidateBy, ValidateIf, ValidationOptions, buildMessage } from 'class-validator';
import { ErrorCode } from '@linli/shared';
import { AppError } from './app-error';
import { MAX_ID } from './id-param.pipe';

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

/**
 * The global pipe. Path parameters pass through untouched: with `transform`, Nest would turn `0x10`, `16.0` or
 * ` 16` into the number 16 before the route's own pipe (IdPipe) could refuse it.
 */
class StrictValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param') return value;
    return super.transformPrimitive(value, metadata);
  }

  /**
   * A DTO body must be a JSON object. ValidationPipe passes `null` and a missing body through unvalidated, and the
   * service then fails; a missing body is validated as `{}`, so its required fields are still required.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dtoBody = metadata.type === 'body' && typeof metadata.metatype === 'function' && ![Object, Array, String, Number, Boolean].includes(metadata.metatype as never);
    if (!dtoBody) return super.transform(value, metadata);
    if (value === undefined) return super.transform({}, metadata);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ValidationFailedError([{ property: 'body', constraints: { object: 'body must be a JSON object' }, children: [] }]);
    }
    return super.transform(value, metadata);
  }
}

/** Strict DTO validation: unknown fields (a client-sent price, say) are refused, not silently used. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailedError(errors),
  });
}

/** Trims surrounding whitespace from a string field before it is validated. */
export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * The field may be left out; `null` is validated like any other value, so it is refused. (class-validator's
 * `IsOptional` lets `null` through, and the database then refuses it with a 500.) Use `IsOptional` only where
 * null has a documented meaning.
 */
export const OptionalNonNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A row id in a body or query: a whole number from 1 to what an INT key holds (1e308 passes `IsInt`). */
export const IsId = (options?: ValidationOptions): PropertyDecorator => {
  const decorators = [IsInt(options), Min(1, options), Max(MAX_ID, options)];
  return (target, key) => decorators.forEach((d) => d(target, key));
};

/** The earliest and latest instants the API accepts: well inside what every database column and `Date` can hold. */
export const EARLIEST_DATE = new Date('2000-01-01T00:00:00Z');
export const LATEST_DATE = new Date('2100-01-01T00:00:00Z');

/** An ISO date-time between 2000 and 2100 (a year −1 was once stored and broke every list that read it). */
export const SaneDate = (): PropertyDecorator => {
  const decorators = [Type(() => Date), IsDate(), MinDate(EARLIEST_DATE), MaxDate(LATEST_DATE)];
  return (target, key) => decorators.forEach((d) => d(target, key));
};

/** A JSON object (not an array, not null) whose values are all strings, with at most `maxKeys` keys. */
export function IsStringMap(maxKeys: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value)
          && Object.keys(value).length <= maxKeys && Object.values(value).every((v) => typeof v === 'string'),
        defaultMessage: buildMessage((each) => `${each}$property must be an object of at most ${maxKeys} string values`, options),
      },
    },
    options,
  );
}

/** How deep a JSON body may nest. Our deepest DTO needs 4; validators recurse, so a deeper body could overflow the stack. */
export const MAX_JSON_DEPTH = 16;

/** The nesting depth of a parsed JSON value (0 for a scalar), counted without recursion; stops past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) pending.push([child, inner]);
  }
  return deepest;
}
