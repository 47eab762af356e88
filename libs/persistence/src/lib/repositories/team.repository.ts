import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TeamRole } from '@updraft/domain';
import { DataSource } from 'typeorm';
import { TeamEntity } from '../entities/team.entity';
import { isUniqueViolation } from './unique-violation';

export interface TeamMemberRow {
  userId: string;
  email: string;
  role: TeamRole;
}

export class DuplicateTeamError extends Error {
  constructor(readonly teamName: string) {
    super(`a team named '${teamName}' already exists`);
  }
}

@Injectable()
export class TeamRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(tenantId: string): Promise<TeamEntity[]> {
    return this.db.getRepository(TeamEntity).find({ where: { tenantId }, order: { name: 'ASC' } });
  }

  find(tenantId: string, name: string): Promise<TeamEntity | null> {
    return this.db.getRepository(TeamEntity).findOneBy({ tenantId, name });
  }

  async create(tenantId: string, input: { name: string; description: string | null }): Promise<TeamEntity> {
    try {
      return await this.db.getRepository(TeamEntity).save({ tenantId, ...input });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateTeamError(input.name);
      throw error;
    }
  }

  /** Renames a team and the DAG assignments that name it, in one transaction. */
  async update(
    tenantId: string,
    name: string,
    changes: { name?: string; description?: string | null },
  ): Promise<TeamEntity | null> {
    try {
      return await this.db.transaction(async (tx) => {
        const team = await tx.getRepository(TeamEntity).findOneBy({ tenantId, name });
        if (!team) return null;
        if (changes.name !== undefined && changes.name !== name) {
          await tx.query(`UPDATE dag SET team = $3 WHERE tenant_id = $1 AND team = $2`, [tenantId, name, changes.name]);
        }
        return tx.getRepository(TeamEntity).save(Object.assign(team, changes));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateTeamError(changes.name ?? name);
      throw error;
    }
  }

  async remove(tenantId: string, name: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query(`UPDATE dag SET team = NULL WHERE tenant_id = $1 AND team = $2`, [tenantId, name]);
      const [, count] = await tx.query(`DELETE FROM team WHERE tenant_id = $1 AND name = $2`, [tenantId, name]);
      return count > 0;
    });
  }

  async members(tenantId: string, teamId: string): Promise<TeamMemberRow[]> {
    const rows = await this.db.query(
      `SELECT tm.user_id, u.email, tm.role FROM team_member tm JOIN app_user u ON u.id = tm.user_id
        WHERE tm.tenant_id = $1 AND tm.team_id = $2 ORDER BY u.email`,
      [tenantId, teamId],
    );
    return rows.map((r: { user_id: string; email: string; role: TeamRole }) => ({
      userId: r.user_id,
      email: r.email,
      role: r.role,
    }));
  }

  /** Adds or changes a member's team role; false when the user is not a member of the tenant. */
  async setMember(tenantId: string, teamId: string, userId: string, role: TeamRole): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO team_member (tenant_id, team_id, user_id, role)
       SELECT $1, $2, m.user_id, $4 FROM membership m WHERE m.tenant_id = $1 AND m.user_id = $3
       ON CONFLICT (team_id, user_id) DO UPDATE SET role = EXCLUDED.role RETURNING user_id`,
      [tenantId, teamId, userId, role],
    );
    return rows.length > 0;
  }

  async removeMember(tenantId: string, teamId: string, userId: string): Promise<boolean> {
    const [, count] = await this.db.query(
      `DELETE FROM team_member WHERE tenant_id = $1 AND team_id = $2 AND user_id = $3`,
      [tenantId, teamId, userId],
    );
    return count > 0;
  }

  /** The user's role in each team of the tenant, by team name. */
  async rolesOf(tenantId: string, userId: string): Promise<Record<string, TeamRole>> {
    const rows = await this.db.query(
      `SELECT t.name, tm.role FROM team_member tm JOIN team t ON t.id = tm.team_id WHERE tm.tenant_id = $1 AND tm.user_id = $2`,
      [tenantId, userId],
    );
    return Object.fromEntries(rows.map((r: { name: string; role: TeamRole }) => [r.name, r.role]));
  }
}
