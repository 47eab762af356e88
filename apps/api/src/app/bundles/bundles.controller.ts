import { Controller, Get, HttpCode, Param, ParseBoolPipe, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { AuthenticatedUser, CurrentTenant, CurrentUser, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { PaginationQuery } from '../../services/http/pagination.dto';
import { BundleUploadInterceptor } from './bundle-upload.interceptor';
import { BundlesService } from './bundles.service';

@Controller('tenants/:tenant/bundles')
export class BundlesController {
  constructor(private readonly bundles: BundlesService) {}

  @Post()
  @RequirePermission(PERMISSIONS.bundlesDeploy)
  @UseInterceptors(BundleUploadInterceptor)
  upload(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('wait', new ParseBoolPipe({ optional: true })) wait?: boolean,
  ) {
    return this.bundles.upload(tenant.id, user.id, file?.buffer, wait ?? false);
  }

  @Get()
  @RequirePermission(PERMISSIONS.bundlesRead)
  list(@CurrentTenant() tenant: TenantContext, @Query() page: PaginationQuery) {
    return this.bundles.list(tenant.id, page);
  }

  @Get(':id')
  @RequirePermission(PERMISSIONS.bundlesRead)
  get(@CurrentTenant() tenant: TenantContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bundles.get(tenant.id, id);
  }

  @Post(':id/rollback')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.bundlesDeploy)
  rollback(@CurrentTenant() tenant: TenantContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bundles.rollback(tenant.id, id);
  }
}
