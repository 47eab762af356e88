import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VariableEntity } from '../entities/variable.entity';
import { KeyedRepository } from './keyed.repository';
import { Page, PageRequest } from './page';

/** Binds a secret variable's ciphertext to its tenant and row (SecretBox associated data). */
export const variableSecretBinding = (tenantId: string, id: string) => `tenant:${tenantId}:variable:${id}`;

@Injectable()
export class VariableRepository extends KeyedRepository<VariableEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, VariableEntity, 'key', 'variable');
  }

  async list(tenantId: string, page: PageRequest, search?: string): Promise<Page<VariableEntity>> {
    const [items, total] = await this.rows
      .createQueryBuilder('v')
      .where('v.tenant_id = :tenantId', { tenantId })
      .andWhere(search ? `v.key ILIKE :pattern ESCAPE '\\'` : '1 = 1', { pattern: `%${(search ?? '').replace(/[\\%_]/g, '\\$&')}%` })
      .orderBy('v.key')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items, total, ...page };
  }

  /** Secret variables of every tenant, for re-encryption after a key rotation. */
  secrets(): Promise<VariableEntity[]> {
    return this.rows.findBy({ isSecret: true });
  }
}
