import { Injectable } from '@nestjs/common';
import type { Variable, VariablePage } from '@updraft/api-types';
import { DuplicateKeyError, variableSecretBinding, VariableEntity, VariableRepository } from '@updraft/persistence';
import { MASK, SecretBox } from '@updraft/secrets';
import { randomUUID } from 'node:crypto';
import type { KeySearchQuery } from '../../services/http/pagination.dto';
import type { CreateVariableDto, UpdateVariableDto } from './variables.dto';
import { VariableException } from './variables.exception';

function toView(v: VariableEntity): Variable {
  return {
    key: v.key,
    value: v.isSecret ? MASK : v.value,
    isSecret: v.isSecret,
    description: v.description,
    updatedAt: v.updatedAt.toISOString(),
  };
}

const notFound = (key: string) => new VariableException('variableNotFound', `variable '${key}' not found`);

/** Tenant variables; secret values are stored encrypted and never leave the API in clear. */
@Injectable()
export class VariablesService {
  constructor(
    private readonly variables: VariableRepository,
    private readonly box: SecretBox,
  ) {}

  async list(tenantId: string, query: KeySearchQuery): Promise<VariablePage> {
    const page = await this.variables.list(tenantId, { limit: query.limit, offset: query.offset }, query.search);
    return { ...page, items: page.items.map(toView) };
  }

  async get(tenantId: string, key: string): Promise<Variable> {
    return toView(await this.find(tenantId, key));
  }

  async create(tenantId: string, body: CreateVariableDto): Promise<Variable> {
    const id = randomUUID();
    const isSecret = body.isSecret ?? false;
    const value = isSecret ? this.box.encrypt(body.value, variableSecretBinding(tenantId, id)) : body.value;
    try {
      return toView(
        await this.variables.create(tenantId, {
          id,
          key: body.key,
          value,
          isSecret,
          description: body.description ?? null,
        }),
      );
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new VariableException('variableExists', error.message);
      throw error;
    }
  }

  async update(tenantId: string, key: string, body: UpdateVariableDto): Promise<Variable> {
    const variable = await this.find(tenantId, key);
    const isSecret = body.isSecret ?? variable.isSecret;
    // A secret is never turned into plain text by the platform: the caller gives the plain value.
    if (variable.isSecret && !isSecret && body.value === undefined)
      throw new VariableException('plainValueMissing', 'give the value to make a secret variable plain');
    const plain =
      body.value ??
      (variable.isSecret
        ? this.box.decrypt(variable.value, variableSecretBinding(tenantId, variable.id))
        : variable.value);
    variable.value = isSecret ? this.box.encrypt(plain, variableSecretBinding(tenantId, variable.id)) : plain;
    variable.isSecret = isSecret;
    if (body.description !== undefined) variable.description = body.description;
    return toView(await this.variables.save(variable));
  }

  async remove(tenantId: string, key: string): Promise<void> {
    if (!(await this.variables.remove(tenantId, key))) throw notFound(key);
  }

  private async find(tenantId: string, key: string): Promise<VariableEntity> {
    const variable = await this.variables.find(tenantId, key);
    if (!variable) throw notFound(key);
    return variable;
  }
}
