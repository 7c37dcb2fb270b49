import { PipeTransform } from '@nestjs/common';
import { ZodType } from 'zod';

/**
 * Validates one socket event payload against its shared schema. A ZodError thrown here is turned
 * into an `error` event by AllExceptionsFilter, so the socket stays connected.
 */
export class ZodSocketPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    return this.schema.parse(value);
  }
}
