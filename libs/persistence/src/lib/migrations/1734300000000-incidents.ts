import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents: what a missed SLA or deadline, or a failed run of a critical DAG, opens; acknowledged,
 * noted and resolved by people or resolved by the next successful run, with its history kept.
 * A signal is recorded once (`incident_signal_once`, like `sla_miss_once`) and handled under a
 * row lock, and a DAG has at most one unresolved incident per rule (`incident_open_once`), so any
 * number of schedulers open one incident and join each repeat to it once.
 */
export class Incidents1734300000000 implements MigrationInterface {
  name = 'Incidents1734300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_id text NOT NULL,
        rule text NOT NULL CHECK (rule IN ('sla', 'deadline', 'failure')),
        severity text NOT NULL CHECK (severity IN ('critical', 'high', 'low')),
        state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'resolved')),
        title text NOT NULL,
        occurrences int NOT NULL DEFAULT 1,
        opened_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz,
        acknowledged_by text,
        resolved_at timestamptz,
        resolved_by text,
        channels text[],
        escalate_after_ms double precision,
        escalate_to text[] NOT NULL DEFAULT '{}',
        -- Members (emails, lower case) whose alerts carry acknowledge/resolve links; empty: the owners and admins.
        responders text[] NOT NULL DEFAULT '{}',
        escalated_at timestamptz,
        notified_at timestamptz,
        FOREIGN KEY (tenant_id, dag_id) REFERENCES dag(tenant_id, dag_id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX incident_open_once ON incident (tenant_id, dag_id, rule) WHERE state <> 'resolved';
      CREATE INDEX incident_listing_idx ON incident (tenant_id, opened_at DESC);
      CREATE INDEX incident_unresolved_idx ON incident (opened_at) WHERE state <> 'resolved';
      CREATE INDEX incident_unnotified_idx ON incident (opened_at) WHERE notified_at IS NULL;

      CREATE TABLE incident_run (
        incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_run_id uuid NOT NULL REFERENCES dag_run(id) ON DELETE CASCADE,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (incident_id, dag_run_id)
      );

      CREATE TABLE incident_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL CHECK (kind IN ('opened', 'joined', 'alerted', 'escalated', 'acknowledged', 'note', 'resolved')),
        actor text,
        via text,
        text text NOT NULL DEFAULT '',
        dag_run_id uuid REFERENCES dag_run(id) ON DELETE SET NULL
      );
      CREATE INDEX incident_event_timeline_idx ON incident_event (incident_id, id);

      CREATE TABLE incident_signal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_id text NOT NULL,
        dag_run_id uuid NOT NULL REFERENCES dag_run(id) ON DELETE CASCADE,
        rule text NOT NULL CHECK (rule IN ('sla', 'deadline', 'failure')),
        task_id text,
        detail text NOT NULL,
        detected_at timestamptz NOT NULL DEFAULT now(),
        handled_at timestamptz,
        incident_id uuid REFERENCES incident(id) ON DELETE SET NULL,
        CONSTRAINT incident_signal_once UNIQUE NULLS NOT DISTINCT (dag_run_id, rule, task_id)
      );
      CREATE INDEX incident_signal_unhandled_idx ON incident_signal (detected_at) WHERE handled_at IS NULL;
      CREATE INDEX sla_miss_detected_idx ON sla_miss (detected_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP INDEX sla_miss_detected_idx; DROP TABLE incident_signal, incident_event, incident_run, incident`,
    );
  }
}
