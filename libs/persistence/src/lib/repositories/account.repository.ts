import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@updraft/domain';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipEntity } from '../entities/membership.entity';
import { TenantEntity } from '../entities/tenant.entity';
import { UserEntity } from '../entities/user.entity';

export interface TenantMembership {
  tenant: TenantEntity;
  role: Role;
}

export interface TenantMember {
  userId: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

/** An invitation accepted (`claimed`: an unverified account was taken over by the address's owner), or why a password is needed first. */
export type JoinOutcome =
  | { user: UserEntity; created: boolean; claimed: boolean; alreadyMember: boolean }
  | { user: null; passwordNeeded: 'no_account' | 'unverified_account' };

/** Why a membership change was refused. */
export type MembershipChangeRefusal = 'not_a_member' | 'last_owner';

export class DuplicateAccountError extends Error {
  constructor(readonly field: 'email' | 'tenantSlug') {
    super(field === 'email' ? 'an account with this email already exists' : 'this tenant slug is taken');
  }
}

@Injectable()
export class AccountRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates a tenant and its owner in one transaction; nothing is left behind on failure. */
  async createTenantWithOwner(input: {
    email: string;
    passwordHash: string;
    tenantSlug: string;
    tenantName: string;
  }): Promise<{ user: UserEntity; tenant: TenantEntity }> {
    try {
      return await this.db.transaction(async (tx) => {
        const user = await tx.save(tx.create(UserEntity, { email: input.email, passwordHash: input.passwordHash }));
        const tenant = await tx.save(tx.create(TenantEntity, { slug: input.tenantSlug, name: input.tenantName }));
        await tx.save(tx.create(MembershipEntity, { tenantId: tenant.id, userId: user.id, role: 'owner' }));
        return { user, tenant };
      });
    } catch (error) {
      const pg = error as { code?: string; detail?: string; constraint?: string };
      if (pg.code === '23505')
        throw new DuplicateAccountError(/email/.test(`${pg.constraint} ${pg.detail}`) ? 'email' : 'tenantSlug');
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
    return {
      tenant: Object.assign(new TenantEntity(), { id: r.id, slug: r.slug, name: r.name, createdAt: r.created_at }),
      role: r.role,
    };
  }

  async markEmailVerified(userId: string, tx: EntityManager = this.db.manager): Promise<void> {
    await tx.query(`UPDATE app_user SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1`, [
      userId,
    ]);
  }

  async setPassword(userId: string, passwordHash: string, tx: EntityManager = this.db.manager): Promise<void> {
    await tx.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [userId, passwordHash]);
  }

  /**
   * Adds the user with this email to the tenant, creating the account (email verified, since
   * the invitation reached it) when there is none. An account whose address was never verified
   * does not own it: whoever signed it up may not be the mailbox's owner, so the invited owner
   * must set a new password, which claims the account (verified; the caller ends its earlier
   * sessions). An existing membership keeps its role.
   */
  async joinTenant(
    input: { email: string; tenantId: string; role: Role; passwordHash: () => Promise<string | null> },
    tx: EntityManager,
  ): Promise<JoinOutcome> {
    let user = await tx.findOneBy(UserEntity, { email: input.email });
    let created = false;
    let claimed = false;
    if (!user || user.emailVerifiedAt === null) {
      const passwordHash = await input.passwordHash();
      if (!passwordHash) return { user: null, passwordNeeded: user ? 'unverified_account' : 'no_account' };
      if (user) {
        await tx.query(`UPDATE app_user SET password_hash = $2, email_verified_at = now() WHERE id = $1`, [
          user.id,
          passwordHash,
        ]);
        user = Object.assign(user, { passwordHash, emailVerifiedAt: new Date() });
        claimed = true;
      } else {
        user = await tx.save(tx.create(UserEntity, { email: input.email, passwordHash, emailVerifiedAt: new Date() }));
        created = true;
      }
    }
    const inserted = await tx.query(
      `INSERT INTO membership (tenant_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, user_id) DO NOTHING RETURNING user_id`,
      [input.tenantId, user.id, input.role],
    );
    return { user, created, claimed, alreadyMember: inserted.length === 0 };
  }

  findTenantById(id: string): Promise<TenantEntity | null> {
    return this.db.getRepository(TenantEntity).findOneBy({ id });
  }

  members(tenantId: string): Promise<TenantMember[]> {
    return this.membersOf(this.db.manager, tenantId);
  }

  /** Changes a member's role; refused when it would leave the tenant without an owner. */
  changeRole(tenantId: string, userId: string, role: Role): Promise<TenantMember | MembershipChangeRefusal> {
    return this.changeMembership(tenantId, userId, role !== 'owner', async (tx) => {
      await tx.query(`UPDATE membership SET role = $3 WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId, role]);
    });
  }

  /** Removes a member (their team roles and API tokens go with the membership); refused for the last owner. */
  removeMember(tenantId: string, userId: string): Promise<TenantMember | MembershipChangeRefusal> {
    return this.changeMembership(tenantId, userId, true, async (tx) => {
      await tx.query(`DELETE FROM membership WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId]);
    });
  }

  /** Runs a change with the tenant's memberships locked, so two concurrent changes cannot remove the last two owners. */
  private changeMembership(
    tenantId: string,
    userId: string,
    losesOwnership: boolean,
    change: (tx: EntityManager) => Promise<void>,
  ): Promise<TenantMember | MembershipChangeRefusal> {
    return this.db.transaction(async (tx) => {
      const rows: { user_id: string; role: Role }[] = await tx.query(
        `SELECT user_id, role FROM membership WHERE tenant_id = $1 ORDER BY user_id FOR UPDATE`,
        [tenantId],
      );
      const target = rows.find((row) => row.user_id === userId);
      if (!target) return 'not_a_member';
      if (losesOwnership && target.role === 'owner' && rows.filter((row) => row.role === 'owner').length === 1)
        return 'last_owner';
      const [before] = (await this.membersOf(tx, tenantId, userId)) as TenantMember[];
      await change(tx);
      const [after] = await this.membersOf(tx, tenantId, userId);
      return after ?? before;
    });
  }

  private async membersOf(tx: EntityManager, tenantId: string, userId?: string): Promise<TenantMember[]> {
    const rows: { user_id: string; email: string; role: Role; created_at: Date }[] = await tx.query(
      `SELECT m.user_id, u.email, m.role, m.created_at FROM membership m JOIN app_user u ON u.id = m.user_id
       WHERE m.tenant_id = $1 AND ($2::uuid IS NULL OR m.user_id = $2) ORDER BY u.email`,
      [tenantId, userId ?? null],
    );
    return rows.map((row) => ({ userId: row.user_id, email: row.email, role: row.role, joinedAt: row.created_at }));
  }
}
