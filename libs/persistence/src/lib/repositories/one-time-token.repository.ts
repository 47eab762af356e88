import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@updraft/domain';
import { DataSource, EntityManager } from 'typeorm';
import { MailStatus, OneTimeTokenEntity, OneTimeTokenPurpose } from '../entities/one-time-token.entity';

export interface NewOneTimeToken {
  purpose: OneTimeTokenPurpose;
  tokenHash: string;
  email: string;
  expiresAt: Date;
  userId?: string | null;
  tenantId?: string | null;
  role?: Role | null;
  createdBy?: string | null;
}

export type ConsumeResult =
  { ok: true; token: OneTimeTokenEntity } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

@Injectable()
export class OneTimeTokenRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  create(input: NewOneTimeToken): Promise<OneTimeTokenEntity> {
    const repo = this.db.getRepository(OneTimeTokenEntity);
    return repo.save(repo.create(input));
  }

  /**
   * Marks the token used and runs `apply` in the same transaction: if `apply` throws, the token
   * stays unused and nothing it did is kept.
   */
  async consume<T>(
    purpose: OneTimeTokenPurpose,
    tokenHash: string,
    apply: (token: OneTimeTokenEntity, tx: EntityManager) => Promise<T>,
  ): Promise<{ ok: true; value: T } | Exclude<ConsumeResult, { ok: true }>> {
    return this.db.transaction(async (tx) => {
      const token = await tx
        .getRepository(OneTimeTokenEntity)
        .findOne({ where: { purpose, tokenHash }, lock: { mode: 'pessimistic_write' } });
      if (!token) return { ok: false, reason: 'unknown' } as const;
      if (token.usedAt) return { ok: false, reason: 'used' } as const;
      if (token.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' } as const;
      await tx.update(OneTimeTokenEntity, { id: token.id }, { usedAt: new Date() });
      return { ok: true, value: await apply(token, tx) } as const;
    });
  }

  /** An unused, unexpired token found by its hash, without spending it (to show what an invitation is before accepting it). */
  findUsable(purpose: OneTimeTokenPurpose, tokenHash: string): Promise<OneTimeTokenEntity | null> {
    return this.db
      .getRepository(OneTimeTokenEntity)
      .createQueryBuilder('t')
      .where('t.purpose = :purpose AND t.token_hash = :tokenHash AND t.used_at IS NULL AND t.expires_at > now()', {
        purpose,
        tokenHash,
      })
      .getOne();
  }

  /** A pending invitation of this tenant. */
  async pendingInvitation(tenantId: string, id: string): Promise<OneTimeTokenEntity | null> {
    return (await this.pendingInvitations(tenantId)).find((t) => t.id === id) ?? null;
  }

  /** One attempt to mail the token: `sent`, or `failed` / `abandoned` with the server's answer. */
  async recordMailAttempt(
    id: string,
    attempt: number,
    status: Exclude<MailStatus, 'queued'>,
    error: string | null,
  ): Promise<void> {
    await this.db.getRepository(OneTimeTokenEntity).update(
      { id },
      {
        mailStatus: status,
        mailAttempts: attempt,
        mailError: error,
        ...(status === 'sent' && { mailSentAt: new Date() }),
      },
    );
  }

  findById(id: string): Promise<OneTimeTokenEntity | null> {
    return this.db.getRepository(OneTimeTokenEntity).findOne({ where: { id } });
  }

  /** Pending invitations of a tenant (not used, not expired), newest first. */
  pendingInvitations(tenantId: string): Promise<OneTimeTokenEntity[]> {
    return this.db
      .getRepository(OneTimeTokenEntity)
      .createQueryBuilder('t')
      .where(`t.tenant_id = :tenantId AND t.purpose = 'invitation' AND t.used_at IS NULL AND t.expires_at > now()`, {
        tenantId,
      })
      .orderBy('t.created_at', 'DESC')
      .getMany();
  }

  /** Withdraws a pending invitation of the tenant: its link stops working. False when there is none by that id. */
  async revokeInvitation(tenantId: string, id: string): Promise<boolean> {
    const result = await this.db
      .getRepository(OneTimeTokenEntity)
      .createQueryBuilder()
      .delete()
      .where(`id = :id AND tenant_id = :tenantId AND purpose = 'invitation' AND used_at IS NULL`, { id, tenantId })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
