import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { ApiException, ERROR_STATUS } from './api-exception';

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

/** Every error leaves as `{ statusCode, error, message, details? }`; never a stack trace. A feature's coded ApiException gets the status of its kind. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toApiError(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const retryAfter = (body.details as { retryAfterSeconds?: number }[] | undefined)?.[0]?.retryAfterSeconds;
    if (body.statusCode === 429 && retryAfter) response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }

  private toApiError(exception: unknown): ApiError {
    if (exception instanceof ApiException) {
      const status = ERROR_STATUS[exception.kind];
      return {
        statusCode: status,
        error: STATUS_CODES[status] as string,
        message: exception.message,
        ...(exception.details !== undefined && { details: exception.details }),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const payload = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
      const message = Array.isArray(payload['message'])
        ? (payload['message'] as string[]).join('; ')
        : String(payload['message'] ?? exception.message);
      return {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
        ...(payload['details'] !== undefined && { details: payload['details'] }),
      };
    }
    const bodyParser = exception as { type?: string; status?: number; message?: string };
    if (bodyParser?.type === 'entity.too.large')
      return { statusCode: 413, error: STATUS_CODES[413] as string, message: 'request body too large' };
    if (bodyParser?.type === 'entity.parse.failed')
      return { statusCode: 400, error: STATUS_CODES[400] as string, message: 'request body is not valid JSON' };
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: STATUS_CODES[500] as string,
      message: 'internal error',
    };
  }
}
