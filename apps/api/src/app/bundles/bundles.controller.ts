import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseBoolPipe,
  ParseUUIDPipe,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentTenant, CurrentUser, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { PaginationQuery } from '../../services/http/pagination.dto';
import { BundleUploadInterceptor } from './bundle-upload.interceptor';
import { BundlesService } from './bundles.service';
import type { Bundle, BundlePage } from '@updraft/api-types';
import { ApiErrors } from '../../services/http/api-errors.decorator';

@Controller('tenants/:tenant/bundles')
export class BundlesController {
  constructor(private readonly bundles: BundlesService) {}

  /** Upload a DAG bundle (a new version). */
  @Post()
  @RequirePermission(PERMISSIONS.bundlesDeploy)
  @UseInterceptors(BundleUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The bundle: a .tar.gz or .zip with updraft.json.' },
      },
    },
  })
  @ApiErrors({
    413: 'The archive is larger than MAX_BUNDLE_BYTES.',
    429: 'Too many bundle uploads for this tenant this minute (BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE); `Retry-After` says when to try again.',
  })
  upload(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('wait', new ParseBoolPipe({ optional: true })) wait?: boolean,
  ): Promise<Bundle> {
    return this.bundles.upload(tenant.id, user.id, file?.buffer, wait ?? false);
  }

  /** List bundle versions, newest first. */
  @Get()
  @RequirePermission(PERMISSIONS.bundlesRead)
  list(@CurrentTenant() tenant: TenantContext, @Query() page: PaginationQuery): Promise<BundlePage> {
    return this.bundles.list(tenant.id, page);
  }

  /** Get a bundle version with its parse errors. */
  @Get(':id')
  @RequirePermission(PERMISSIONS.bundlesRead)
  get(@CurrentTenant() tenant: TenantContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<Bundle> {
    return this.bundles.get(tenant.id, id);
  }

  /** Make an earlier bundle version active again. */
  @Post(':id/rollback')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.bundlesDeploy)
  @ApiErrors({ 409: 'That version cannot be made active (it failed to parse, or is active already).' })
  rollback(@CurrentTenant() tenant: TenantContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<Bundle> {
    return this.bundles.rollback(tenant.id, id);
  }
}
