import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VariableEntity } from '../entities/variable.entity';
import { KeyedRepository } from './keyed.repository';

/** Binds a secret variable's ciphertext to its tenant and row (SecretBox associated data). */
export const variableSecretBinding = (tenantId: string, id: string) => `tenant:${tenantId}:variable:${id}`;

@Injectable()
export class VariableRepository extends KeyedRepository<VariableEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, VariableEntity, 'key', 'variable');
  }

  /** Secret variables of every tenant, for re-encryption after a key rotation. */
  secrets(): Promise<VariableEntity[]> {
    return this.rows.findBy({ isSecret: true });
  }
}
