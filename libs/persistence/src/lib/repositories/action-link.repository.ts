import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@updraft/domain';
import { DataSource, EntityManager } from 'typeorm';

/** A verified action link (its claims, as the signer read them): `userId` may do `action` on the subject once, until `expiresAt`. */
export interface ActionLinkUse {
  linkId: string;
  tenantId: string;
  subjectKind: string;
  subjectId: string;
  userId: string;
  action: string;
  expiresAt: Date;
}

export interface LinkHolder {
  email: string;
  role: Role;
}

/** The single use of action links: recorded in the transaction that acts, so a link acts at most once. */
@Injectable()
export class ActionLinkRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Records the link used and runs `apply` in the same transaction: a link already used does
   * nothing (`used`), and if `apply` throws the link stays unused and nothing it did is kept.
   */
  consume<T>(
    link: ActionLinkUse,
    ip: string | null,
    apply: (tx: EntityManager) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; reason: 'used' }> {
    return this.db.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO action_link_use (link_id, tenant_id, subject_kind, subject_id, user_id, action, expires_at, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (link_id) DO NOTHING RETURNING link_id`,
        [link.linkId, link.tenantId, link.subjectKind, link.subjectId, link.userId, link.action, link.expiresAt, ip],
      );
      if (inserted.length === 0) return { ok: false, reason: 'used' } as const;
      return { ok: true, value: await apply(tx) } as const;
    });
  }

  /** Whether the link was used already (the confirmation page says so instead of asking). */
  async used(linkId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM action_link_use WHERE link_id = $1`, [linkId]);
    return rows.length > 0;
  }

  /** The link's holder as they are now: still a member of the tenant, with which role (null: not a member any more). */
  async holder(tenantId: string, userId: string): Promise<LinkHolder | null> {
    const rows: { email: string; role: Role }[] = await this.db.query(
      `SELECT u.email, m.role FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.tenant_id = $1 AND m.user_id = $2`,
      [tenantId, userId],
    );
    return rows[0] ?? null;
  }

  /** Forgets uses of links that have expired anyway (a replay after expiry is refused by the signature's time). */
  async forgetExpired(): Promise<number> {
    const [, count] = await this.db.query(`DELETE FROM action_link_use WHERE expires_at < now() - interval '1 day'`);
    return count as number;
  }
}
