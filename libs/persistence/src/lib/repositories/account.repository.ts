import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@updraft/domain';
import { DataSource } from 'typeorm';
import { MembershipEntity } from '../entities/membership.entity';
import { TenantEntity } from '../entities/tenant.entity';
import { UserEntity } from '../entities/user.entity';

export interface TenantMembership {
  tenant: TenantEntity;
  role: Role;
}

export class DuplicateAccountError extends Error {
  constructor(readonly field: 'email' | 'tenantSlug') {
    super(field === 'email' ? 'an account with this email already exists' : 'this tenant slug is taken');
  }
}

@Injectable()
export class AccountRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates a tenant and its owner in one transaction; nothing is left behind on failure. */
  async createTenantWithOwner(input: { email: string; passwordHash: string; tenantSlug: string; tenantName: string }): Promise<{ user: UserEntity; tenant: TenantEntity }> {
    try {
      return await this.db.transaction(async (tx) => {
        const user = await tx.save(tx.create(UserEntity, { email: input.email, passwordHash: input.passwordHash }));
        const tenant = await tx.save(tx.create(TenantEntity, { slug: input.tenantSlug, name: input.tenantName }));
        await tx.save(tx.create(MembershipEntity, { tenantId: tenant.id, userId: user.id, role: 'owner' }));
        return { user, tenant };
      });
    } catch (error) {
      const pg = error as { code?: string; detail?: string; constraint?: string };
      if (pg.code === '23505') throw new DuplicateAccountError(/email/.test(`${pg.constraint} ${pg.detail}`) ? 'email' : 'tenantSlug');
      throw error;
    }
  }

  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ email });
  }

  findUserById(id: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ id });
  }

  async membershipsOf(userId: string): Promise<TenantMembership[]> {
    const rows = await this.db.query(
      `SELECT t.id, t.slug, t.name, t.created_at, m.role FROM membership m JOIN tenant t ON t.id = m.tenant_id WHERE m.user_id = $1 ORDER BY t.slug`,
      [userId],
    );
    return rows.map((r: { id: string; slug: string; name: string; created_at: Date; role: Role }) => ({
      tenant: Object.assign(new TenantEntity(), { id: r.id, slug: r.slug, name: r.name, createdAt: r.created_at }),
      role: r.role,
    }));
  }

  /** The user's membership of the tenant with this slug, or null (also when the tenant does not exist). */
  async membership(userId: string, tenantSlug: string): Promise<TenantMembership | null> {
    const rows = await this.db.query(
      `SELECT t.id, t.slug, t.name, t.created_at, m.role FROM tenant t JOIN membership m ON m.tenant_id = t.id AND m.user_id = $1 WHERE t.slug = $2`,
      [userId, tenantSlug],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return { tenant: Object.assign(new TenantEntity(), { id: r.id, slug: r.slug, name: r.name, createdAt: r.created_at }), role: r.role };
  }
}
