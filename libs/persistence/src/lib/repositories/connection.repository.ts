import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { ConnectionEntity } from '../entities/connection.entity';
import { KeyedRepository } from './keyed.repository';

/** Binds a connection password's ciphertext to its tenant and row (SecretBox associated data). */
export const connectionSecretBinding = (tenantId: string, id: string) => `tenant:${tenantId}:connection:${id}`;

@Injectable()
export class ConnectionRepository extends KeyedRepository<ConnectionEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, ConnectionEntity, 'connId', 'connection');
  }

  /** Connections of every tenant that hold a password, for re-encryption after a key rotation. */
  withPasswords(): Promise<ConnectionEntity[]> {
    return this.rows.findBy({ password: Not(IsNull()) });
  }
}
