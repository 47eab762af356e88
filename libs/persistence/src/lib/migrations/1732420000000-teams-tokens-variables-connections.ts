import { MigrationInterface, QueryRunner } from 'typeorm';

export class TeamsTokensVariablesConnections1732420000000 implements MigrationInterface {
  name = 'TeamsTokensVariablesConnections1732420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE membership DROP CONSTRAINT membership_role_check;
      ALTER TABLE membership ADD CONSTRAINT membership_role_check CHECK (role IN ('owner', 'admin', 'editor', 'viewer', 'member'));

      CREATE TABLE team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name),
        UNIQUE (tenant_id, id)
      );
      -- A team role lives only as long as the tenant membership it refines.
      CREATE TABLE team_member (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        user_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('editor', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, user_id),
        FOREIGN KEY (tenant_id, team_id) REFERENCES team(tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, user_id) REFERENCES membership(tenant_id, user_id) ON DELETE CASCADE
      );
      CREATE INDEX team_member_user_idx ON team_member (tenant_id, user_id);

      -- Team assigned through the API; when null the DAG's own \`team\` (from the SDK) applies.
      ALTER TABLE dag ADD COLUMN team text;

      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        created_by uuid NOT NULL,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        token_hint text NOT NULL,
        scopes text[] NOT NULL,
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, created_by) REFERENCES membership(tenant_id, user_id) ON DELETE CASCADE
      );
      CREATE INDEX api_token_tenant_idx ON api_token (tenant_id, created_at);

      CREATE TABLE variable (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        key text NOT NULL,
        value text NOT NULL,
        is_secret boolean NOT NULL DEFAULT false,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, key)
      );

      CREATE TABLE connection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        conn_id text NOT NULL,
        conn_type text NOT NULL,
        description text,
        host text,
        port int,
        login text,
        password text,
        schema text,
        extra jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, conn_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE connection, variable, api_token, team_member, team;
      ALTER TABLE dag DROP COLUMN team;
      DELETE FROM membership WHERE role = 'member';
      ALTER TABLE membership DROP CONSTRAINT membership_role_check;
      ALTER TABLE membership ADD CONSTRAINT membership_role_check CHECK (role IN ('owner', 'admin', 'editor', 'viewer'));
    `);
  }
}
