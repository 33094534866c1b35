import { Injectable, PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@linli/shared';
import { AppError } from './app-error';

/** Parses a positive integer route id, answering 400 VALIDATION_FAILED otherwise. */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,12}$/.test(value) || Number(value) < 1) {
      throw new AppError(400, ErrorCode.ValidationFailed, `invalid id: ${value}`, ['id']);
    }
    return Number(value);
  }
}
