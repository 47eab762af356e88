-- updraft_record_incident_signals($1 look-back (ms), $2 at most this many signals)
--
-- Decides: what opens or joins an incident. An SLA or deadline miss (sla_miss) of a run whose DAG
-- version has `incidents` set, and a failed run of a DAG version marked `critical`, each become
-- one incident_signal row (constraint incident_signal_once, so concurrent schedulers record it
-- once); the scheduler then handles each signal under a row lock (IncidentRepository).
-- Why: misses are read through sla_miss_detected_idx and failures through
-- dag_run_recently_ended_idx, so a check costs the last look-back window, not the history.
-- Cases: apps/scheduler/src/app/incidents/incidents.int-spec.ts.
CREATE OR REPLACE FUNCTION updraft_record_incident_signals(double precision, int) RETURNS SETOF incident_signal
LANGUAGE sql AS $fn$
  WITH since AS (SELECT now() - make_interval(secs => $1 / 1000) AS at),
  candidates AS (
    SELECT m.tenant_id, m.dag_id, m.dag_run_id, CASE WHEN m.task_id IS NULL THEN 'deadline' ELSE 'sla' END AS rule, m.task_id,
           CASE WHEN m.task_id IS NULL THEN 'run ' || r.run_id || ' missed the DAG''s deadline (due ' || to_char(m.expected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')'
                ELSE 'task ' || m.task_id || ' missed its SLA in run ' || r.run_id || ' (due ' || to_char(m.expected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')' END AS detail
      FROM sla_miss m
      JOIN dag_run r ON r.id = m.dag_run_id
      JOIN dag_version v ON v.id = r.dag_version_id
     WHERE m.detected_at > (SELECT at FROM since) AND jsonb_typeof(v.serialized->'incidents') = 'object'
    UNION ALL
    SELECT r.tenant_id, r.dag_id, r.id, 'failure', NULL, 'run ' || r.run_id || ' failed'
      FROM dag_run r
      JOIN dag_version v ON v.id = r.dag_version_id
     WHERE r.end_date IS NOT NULL AND r.end_date > (SELECT at FROM since) AND r.state = 'failed'
       AND v.serialized->'critical' = 'true'::jsonb
  )
  INSERT INTO incident_signal (tenant_id, dag_id, dag_run_id, rule, task_id, detail)
  SELECT c.* FROM candidates c
   WHERE NOT EXISTS (SELECT 1 FROM incident_signal s WHERE s.dag_run_id = c.dag_run_id AND s.rule = c.rule AND s.task_id IS NOT DISTINCT FROM c.task_id)
   LIMIT $2
  ON CONFLICT ON CONSTRAINT incident_signal_once DO NOTHING
  RETURNING *
$fn$;
