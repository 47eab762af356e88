import { MigrationInterface, QueryRunner } from 'typeorm';

const STATES_BEFORE = `'none', 'scheduled', 'queued', 'running', 'success', 'failed', 'skipped', 'upstream_failed', 'up_for_retry', 'up_for_reschedule', 'removed'`;

/**
 * Approval steps: a task instance waiting for a person's answer is `awaiting_input` (it holds no
 * worker or pool slot; `next_try_at` is its timeout), and its question, assignees and answer are an
 * `approval_request` row (one per task instance), answered once by a conditional update.
 */
export class Approvals1734210000000 implements MigrationInterface {
  name = 'Approvals1734210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE task_instance DROP CONSTRAINT task_instance_state_check;
      ALTER TABLE task_instance ADD CONSTRAINT task_instance_state_check CHECK (state IN (${STATES_BEFORE}, 'awaiting_input'));

      CREATE TABLE approval_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        task_instance_id uuid NOT NULL UNIQUE REFERENCES task_instance(id) ON DELETE CASCADE,
        dag_run_id uuid NOT NULL REFERENCES dag_run(id) ON DELETE CASCADE,
        dag_id text NOT NULL,
        task_id text NOT NULL,
        map_index int NOT NULL DEFAULT -1,
        subject text NOT NULL,
        body text NOT NULL DEFAULT '',
        options jsonb NOT NULL,
        form jsonb NOT NULL DEFAULT '{}',
        assignee_ids uuid[] NOT NULL DEFAULT '{}',
        channels jsonb NOT NULL DEFAULT '[]',
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'answered', 'timed_out')),
        timeout_at timestamptz NOT NULL,
        on_timeout text NOT NULL,
        option text,
        form_values jsonb,
        answered_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        answered_by_email text,
        answered_via text CHECK (answered_via IN ('console', 'api', 'email', 'slack', 'timeout')),
        answered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX approval_request_pending ON approval_request (tenant_id, created_at DESC) WHERE state = 'pending';
      CREATE INDEX approval_request_run ON approval_request (tenant_id, dag_run_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE approval_request;
      UPDATE task_instance SET state = 'failed' WHERE state = 'awaiting_input';
      ALTER TABLE task_instance DROP CONSTRAINT task_instance_state_check;
      ALTER TABLE task_instance ADD CONSTRAINT task_instance_state_check CHECK (state IN (${STATES_BEFORE}));
    `);
  }
}
