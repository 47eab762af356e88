import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Action links (approve from an email, acknowledge from Slack) are signed, not stored: a link is
 * recorded here when it is used, in the transaction that acts on it, so a second use (a replay, a
 * mail scanner that posts) finds the row and does nothing.
 */
export class ActionLinks1734200000000 implements MigrationInterface {
  name = 'ActionLinks1734200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE action_link_use (
        link_id text PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        subject_kind text NOT NULL,
        subject_id text NOT NULL,
        user_id uuid NOT NULL,
        action text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz NOT NULL DEFAULT now(),
        ip text
      );
      CREATE INDEX action_link_use_subject ON action_link_use (tenant_id, subject_kind, subject_id);
      CREATE INDEX action_link_use_expires ON action_link_use (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE action_link_use`);
  }
}
