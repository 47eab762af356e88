import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import type { Variable, VariablePage } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { DuplicateKeyError, variableSecretBinding, VariableEntity, VariableRepository } from '@updraft/persistence';
import { MASK, SecretBox } from '@updraft/secrets';
import { randomUUID } from 'node:crypto';
import { KeySearchQuery } from '../../services/http/pagination.dto';
import { CreateVariableDto, UpdateVariableDto } from './variables.dto';
import { ApiErrors } from '../../services/http/api-errors.decorator';

function toView(v: VariableEntity): Variable {
  return {
    key: v.key,
    value: v.isSecret ? MASK : v.value,
    isSecret: v.isSecret,
    description: v.description,
    updatedAt: v.updatedAt.toISOString(),
  };
}

/** Tenant variables; secret values are stored encrypted and never leave the API in clear. */
@Controller('tenants/:tenant/variables')
export class VariablesController {
  constructor(
    private readonly variables: VariableRepository,
    private readonly box: SecretBox,
  ) {}

  /** List variables. */
  @Get()
  @RequirePermission(PERMISSIONS.variablesRead)
  async list(@CurrentTenant() tenant: TenantContext, @Query() query: KeySearchQuery): Promise<VariablePage> {
    const page = await this.variables.list(tenant.id, { limit: query.limit, offset: query.offset }, query.search);
    return { ...page, items: page.items.map(toView) };
  }

  /** Get a variable. */
  @Get(':key')
  @RequirePermission(PERMISSIONS.variablesRead)
  async get(@CurrentTenant() tenant: TenantContext, @Param('key') key: string): Promise<Variable> {
    return toView(await this.find(tenant, key));
  }

  /** Create a variable. */
  @Post()
  @RequirePermission(PERMISSIONS.variablesEdit)
  @ApiErrors({ 409: 'A variable with that key exists.' })
  async create(@CurrentTenant() tenant: TenantContext, @Body() body: CreateVariableDto): Promise<Variable> {
    const id = randomUUID();
    const isSecret = body.isSecret ?? false;
    const value = isSecret ? this.box.encrypt(body.value, variableSecretBinding(tenant.id, id)) : body.value;
    try {
      return toView(
        await this.variables.create(tenant.id, {
          id,
          key: body.key,
          value,
          isSecret,
          description: body.description ?? null,
        }),
      );
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new ConflictException(error.message);
      throw error;
    }
  }

  /** Change a variable. */
  @Patch(':key')
  @RequirePermission(PERMISSIONS.variablesEdit)
  async update(
    @CurrentTenant() tenant: TenantContext,
    @Param('key') key: string,
    @Body() body: UpdateVariableDto,
  ): Promise<Variable> {
    const variable = await this.find(tenant, key);
    const isSecret = body.isSecret ?? variable.isSecret;
    // A secret is never turned into plain text by the platform: the caller gives the plain value.
    if (variable.isSecret && !isSecret && body.value === undefined)
      throw new BadRequestException('give the value to make a secret variable plain');
    const plain =
      body.value ??
      (variable.isSecret
        ? this.box.decrypt(variable.value, variableSecretBinding(tenant.id, variable.id))
        : variable.value);
    variable.value = isSecret ? this.box.encrypt(plain, variableSecretBinding(tenant.id, variable.id)) : plain;
    variable.isSecret = isSecret;
    if (body.description !== undefined) variable.description = body.description;
    return toView(await this.variables.save(variable));
  }

  /** Delete a variable. */
  @Delete(':key')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.variablesEdit)
  async remove(@CurrentTenant() tenant: TenantContext, @Param('key') key: string): Promise<void> {
    if (!(await this.variables.remove(tenant.id, key))) throw new NotFoundException(`variable '${key}' not found`);
  }

  private async find(tenant: TenantContext, key: string): Promise<VariableEntity> {
    const variable = await this.variables.find(tenant.id, key);
    if (!variable) throw new NotFoundException(`variable '${key}' not found`);
    return variable;
  }
}
