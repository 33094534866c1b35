import { Injectable, PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@linli/shared';
import { AppError } from './app-error';

/** Parses a positive integer route id, answering 400 VALIDATION_FAILED otherwise. */
@Injectable()
export class IdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const text = String(value);
    if (!/^\d{1,12}$/.test(text) || Number(text) < 1) {
      throw new AppError(ErrorCode.ValidationFailed, 'id must be a positive integer', ['id']);
    }
    return Number(text);
  }
}
