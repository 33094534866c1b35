import { ErrorCode } from '@linli/shared';

/**
 * The base of every business error. Each module subclasses it once (e.g. `OrderError`)
 * so a stack trace says where the rule lives; the filter maps it to `{ code, message }`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  static notFound(code: ErrorCode, message: string): AppError {
    return new this(404, code, message);
  }
}

export class CommonError extends AppError {}
