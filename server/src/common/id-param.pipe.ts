import { Injectable, PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@linli/shared';
import { AppError } from './app-error';

/** The largest id an INT primary key holds. */
export const MAX_ID = 2_147_483_647;

/** Whether `text` is an id written canonically: decimal digits, no sign, no leading zero, no space, in range. */
export function isCanonicalId(text: string): boolean {
  return /^[1-9][0-9]{0,9}$/.test(text) && Number(text) <= MAX_ID;
}

/**
 * Parses a route id. Only the canonical form is accepted: `0x10`, `16.0`, `+16`, `16e0`, `016` and ` 16` are all
 * 400, never "16" (the global pipe leaves path parameters as the raw string for this check).
 */
@Injectable()
export class IdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    if (typeof value !== 'string' || !isCanonicalId(value)) {
      throw new AppError(ErrorCode.ValidationFailed, `id must be a whole number from 1 to ${MAX_ID}, written plainly`, ['id']);
    }
    return Number(value);
  }
}
