import { ERRORS, ErrorCode } from '@linli/shared';

/**
 * The base of every business error. Each module subclasses it once (e.g. `OrderError`)
 * so a stack trace says where the rule lives. The status always comes from the code (`ERRORS` in shared),
 * so one code never answers with two statuses; the message defaults to the table's.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    readonly fields?: string[],
  ) {
    super(message);
    this.status = ERRORS[code].status;
    this.name = new.target.name;
  }
}

export class CommonError extends AppError {}

/** A refusal the client may try again after a while; the error filter sends `Retry-After`. */
export class RetryLaterError extends AppError {
  constructor(
    code: ErrorCode,
    readonly retryAfterSeconds: number,
    message?: string,
  ) {
    super(code, message);
  }
}
