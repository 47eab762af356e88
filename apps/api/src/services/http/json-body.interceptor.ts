import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/**
 * A route that reads a `@Body()` takes JSON only: any other body is a 415, not ignored (the JSON parser
 * skips other types, so a `text/plain` body used to reach the route as `{}`). A request without a body (or an empty one) passes.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const hasBody =
      request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (hasBody && takesBody(context) && !request.is(['application/json', '+json'])) {
      throw new UnsupportedMediaTypeException(
        `the request body must be JSON (Content-Type: application/json), not ${request.headers['content-type'] ?? 'a body without a Content-Type'}`,
      );
    }
    return next.handle();
  }
}

function takesBody(context: ExecutionContext): boolean {
  const args: Record<string, unknown> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
  return Object.keys(args).some((key) => Number(key.split(':')[0]) === RouteParamtypes.BODY);
}
