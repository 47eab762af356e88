import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import type { TenantContext } from '@updraft/auth';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Observable } from 'rxjs';
import { consumeOrRefuse, RateLimits } from '../../services/rate-limits/rate-limits';

/** Room for the multipart framing (boundaries, part headers) around the archive itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Receives a bundle upload (multipart field `file`) after the route's access check: at most
 * BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE per tenant (else 429), and never more than
 * MAX_BUNDLE_BYTES read into memory: an upload declared larger is refused before its body is
 * read, and one that grows past the limit while streaming is cut off there (413 naming the limit);
 * the rest of its body is read and dropped, never kept.
 */
@Injectable()
export class BundleUploadInterceptor implements NestInterceptor {
  private readonly receive: RequestHandler;
  private readonly uploadsPerTenant: RateLimiterRedis;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    limits: RateLimits,
  ) {
    this.receive = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: config.maxBundleBytes, files: 1, fields: 8, fieldSize: 1024, parts: 9 },
    }).single('file');
    this.uploadsPerTenant = limits.limiter('bundle-uploads', config.bundleUploadsPerTenantPerMinute, 60);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & { tenant: TenantContext }>();
    const response = context.switchToHttp().getResponse<Response>();
    await consumeOrRefuse(
      this.uploadsPerTenant,
      request.tenant.id,
      `too many bundle uploads for this tenant (BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE = ${this.config.bundleUploadsPerTenantPerMinute})`,
    );
    if (Number(request.headers['content-length']) > this.config.maxBundleBytes + MULTIPART_OVERHEAD_BYTES)
      throw this.tooLarge();
    await new Promise<void>((resolve, reject) =>
      this.receive(request, response, (error: unknown) => (error ? reject(this.refusal(error)) : resolve())),
    );
    return next.handle();
  }

  private tooLarge(): PayloadTooLargeException {
    const limit = this.config.maxBundleBytes;
    return new PayloadTooLargeException({
      message: `bundle archive is larger than the limit of ${limit} bytes (${(limit / 1048576).toFixed(1)} MiB, MAX_BUNDLE_BYTES)`,
      details: [{ field: 'file', limitBytes: limit }],
    });
  }

  private refusal(error: unknown): HttpException {
    if (!(error instanceof MulterError))
      return new BadRequestException({
        message: `file: the upload is not a readable multipart form (${(error as Error).message})`,
      });
    if (error.code === 'LIMIT_FILE_SIZE') return this.tooLarge();
    if (error.code === 'LIMIT_UNEXPECTED_FILE')
      return new BadRequestException({
        message: `file: send one bundle archive in the multipart field "file" (got a file in "${error.field}")`,
        details: [{ field: error.field ?? 'file' }],
      });
    return new BadRequestException({
      message: `file: the upload form has too many or too large parts (${error.message})`,
    });
  }
}
