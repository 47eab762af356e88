import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Variable, VariablePage } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { KeySearchQuery } from '../../services/http/pagination.dto';
import { CreateVariableDto, UpdateVariableDto } from './variables.dto';
import { VariablesService } from './variables.service';

/** Tenant variables; secret values are stored encrypted and never leave the API in clear. */
@Controller('tenants/:tenant/variables')
export class VariablesController {
  constructor(private readonly variables: VariablesService) {}

  /** List variables. */
  @Get()
  @RequirePermission(PERMISSIONS.variablesRead)
  list(@CurrentTenant() tenant: TenantContext, @Query() query: KeySearchQuery): Promise<VariablePage> {
    return this.variables.list(tenant.id, query);
  }

  /** Get a variable. */
  @Get(':key')
  @RequirePermission(PERMISSIONS.variablesRead)
  get(@CurrentTenant() tenant: TenantContext, @Param('key') key: string): Promise<Variable> {
    return this.variables.get(tenant.id, key);
  }

  /** Create a variable. */
  @Post()
  @RequirePermission(PERMISSIONS.variablesEdit)
  @ApiErrors({ 409: 'A variable with that key exists.' })
  create(@CurrentTenant() tenant: TenantContext, @Body() body: CreateVariableDto): Promise<Variable> {
    return this.variables.create(tenant.id, body);
  }

  /** Change a variable. */
  @Patch(':key')
  @RequirePermission(PERMISSIONS.variablesEdit)
  update(
    @CurrentTenant() tenant: TenantContext,
    @Param('key') key: string,
    @Body() body: UpdateVariableDto,
  ): Promise<Variable> {
    return this.variables.update(tenant.id, key, body);
  }

  /** Delete a variable. */
  @Delete(':key')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.variablesEdit)
  remove(@CurrentTenant() tenant: TenantContext, @Param('key') key: string): Promise<void> {
    return this.variables.remove(tenant.id, key);
  }
}
