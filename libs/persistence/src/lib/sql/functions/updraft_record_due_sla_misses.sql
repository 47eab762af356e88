-- updraft_record_due_sla_misses($1 look-back for runs that ended lately (ms), $2 at most this many misses)
--
-- Decides: which task SLAs and DAG deadlines were missed. A task's slaMs and a DAG's deadlineMs
-- count from the data interval end for scheduled runs and from the queued time otherwise. A
-- point is missed once it is due (expected_at <= now) and the task (every instance of it in the
-- run, mapped ones included) or the run had not ended by then; a task or run that ended before
-- its expected time misses nothing. Each miss is recorded once (constraint sla_miss_once, so
-- concurrent checkers insert it once); returns the misses this call inserted.
-- Why: runs still going are found through dag_run_unfinished_idx, runs that ended lately through
-- dag_run_recently_ended_idx, so a check costs what is live, not the history.
-- No pure model yet (open in issue 19); its cases: apps/scheduler/src/app/sla/sla.int-spec.ts.
CREATE OR REPLACE FUNCTION updraft_record_due_sla_misses(double precision, int) RETURNS SETOF sla_miss
LANGUAGE sql AS $fn$
  WITH runs AS (
    SELECT id, tenant_id, dag_id, dag_version_id, end_date, CASE WHEN run_type = 'scheduled' THEN data_interval_end ELSE queued_at END AS base
      FROM dag_run WHERE state IN ('queued', 'running')
    UNION ALL
    SELECT id, tenant_id, dag_id, dag_version_id, end_date, CASE WHEN run_type = 'scheduled' THEN data_interval_end ELSE queued_at END
      FROM dag_run WHERE end_date IS NOT NULL AND end_date > now() - make_interval(secs => $1 / 1000) AND state NOT IN ('queued', 'running')
  ), versions AS (
    SELECT id, serialized FROM dag_version WHERE id IN (SELECT dag_version_id FROM runs)
  ), points AS (
    SELECT v.id AS dag_version_id, t->>'taskId' AS task_id, (t->>'slaMs')::double precision AS ms
      FROM versions v CROSS JOIN LATERAL jsonb_array_elements(v.serialized->'tasks') t WHERE jsonb_typeof(t->'slaMs') = 'number'
    UNION ALL
    SELECT id, NULL, (serialized->>'deadlineMs')::double precision FROM versions WHERE jsonb_typeof(serialized->'deadlineMs') = 'number'
  ), due AS (
    SELECT runs.*, points.task_id, runs.base + make_interval(secs => points.ms / 1000) AS expected_at
      FROM runs JOIN points USING (dag_version_id)
  ), judged AS (
    SELECT due.tenant_id, due.dag_id, due.id AS dag_run_id, due.task_id, due.expected_at,
           CASE WHEN due.task_id IS NULL THEN due.end_date
                WHEN ti.unfinished = 0 AND ti.instances > 0 THEN ti.last_end
                ELSE due.end_date END AS finished_at
      FROM due
      LEFT JOIN LATERAL (
        SELECT count(*) AS instances, count(*) FILTER (WHERE end_date IS NULL) AS unfinished, max(end_date) AS last_end
          FROM task_instance WHERE dag_run_id = due.id AND task_id = due.task_id
      ) ti ON due.task_id IS NOT NULL
     WHERE due.expected_at <= now()
       AND NOT EXISTS (SELECT 1 FROM sla_miss m WHERE m.dag_run_id = due.id AND m.task_id IS NOT DISTINCT FROM due.task_id)
  )
  INSERT INTO sla_miss (tenant_id, dag_id, dag_run_id, task_id, expected_at, finished_at)
  SELECT tenant_id, dag_id, dag_run_id, task_id, expected_at, finished_at FROM judged
   WHERE finished_at IS NULL OR finished_at > expected_at
   LIMIT $2
  ON CONFLICT ON CONSTRAINT sla_miss_once DO NOTHING
  RETURNING *
$fn$;
