import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role, TokenScope } from '@updraft/domain';
import { DataSource, IsNull } from 'typeorm';
import { ApiTokenEntity } from '../entities/api-token.entity';
import { TenantEntity } from '../entities/tenant.entity';

/** A live token with what the guard needs: its tenant and its creator's current role there. */
export interface ActiveApiToken {
  token: ApiTokenEntity;
  tenant: TenantEntity;
  creatorRole: Role;
  creatorEmail: string;
}

const LAST_USED_GRANULARITY = `interval '1 minute'`;

@Injectable()
export class ApiTokenRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  create(
    tenantId: string,
    input: {
      createdBy: string;
      name: string;
      tokenHash: string;
      tokenHint: string;
      scopes: TokenScope[];
      expiresAt: Date | null;
    },
  ): Promise<ApiTokenEntity> {
    return this.db.getRepository(ApiTokenEntity).save({ tenantId, ...input });
  }

  /** The tenant's unrevoked tokens, or only those `createdBy` made. */
  list(tenantId: string, createdBy?: string): Promise<ApiTokenEntity[]> {
    return this.db.getRepository(ApiTokenEntity).find({
      where: { tenantId, revokedAt: IsNull(), ...(createdBy ? { createdBy } : {}) },
      order: { createdAt: 'DESC' },
    });
  }

  async revoke(tenantId: string, id: string, createdBy?: string): Promise<boolean> {
    const [, count] = await this.db.query(
      `UPDATE api_token SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL AND ($3::uuid IS NULL OR created_by = $3)`,
      [tenantId, id, createdBy ?? null],
    );
    return count > 0;
  }

  /** The unrevoked, unexpired token with this hash whose creator is still a member; marks it used. */
  async findActive(tokenHash: string): Promise<ActiveApiToken | null> {
    const rows = await this.db.query(
      `SELECT k.*, t.slug, t.name AS tenant_name, t.created_at AS tenant_created_at, m.role, u.email
         FROM api_token k
         JOIN tenant t ON t.id = k.tenant_id
         JOIN membership m ON m.tenant_id = k.tenant_id AND m.user_id = k.created_by
         JOIN app_user u ON u.id = k.created_by
        WHERE k.token_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
      [tokenHash],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    // Recorded at most once a minute so a busy CI token does not write on every request.
    await this.db.query(
      `UPDATE api_token SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - ${LAST_USED_GRANULARITY})`,
      [r.id],
    );
    const token = Object.assign(new ApiTokenEntity(), {
      id: r.id,
      tenantId: r.tenant_id,
      createdBy: r.created_by,
      name: r.name,
      tokenHash: r.token_hash,
      tokenHint: r.token_hint,
      scopes: r.scopes,
      expiresAt: r.expires_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
      createdAt: r.created_at,
    });
    const tenant = Object.assign(new TenantEntity(), {
      id: r.tenant_id,
      slug: r.slug,
      name: r.tenant_name,
      createdAt: r.tenant_created_at,
    });
    return { token, tenant, creatorRole: r.role, creatorEmail: r.email };
  }
}
