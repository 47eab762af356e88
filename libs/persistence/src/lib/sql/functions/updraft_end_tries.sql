-- updraft_end_tries: a worker's batch of ended tries, and what follows them, in one call.
--
-- $1-$6 the tries (tenant, instance, try_number, state, exit_reason, next_try_at), $7-$12 their
-- last log lines, $13-$18 their return values (XCom), $19 the tasks found ready
-- ([{tenant_id, dag_run_id, task_id, requires: [ended instance ids]}]), $20 the dispatch lock,
-- $21-$25 as updraft_dispatch's arguments (NULL $21: no hand-off).
--
-- Decides: which tries end (only a try still running with that try_number: a try ended twice,
-- or superseded, ends once; a superseded try's late end — a worker cut off, reaped as a zombie,
-- its task retried elsewhere — changes neither its try row nor the XCom), and which of the tasks found ready are scheduled: each only if
-- every end it was decided from applied here. Then, under the dispatch lock, the dispatch runs.
-- Returns rows of three kinds: 'ended' (id: an instance whose try this call ended), 'scheduled'
-- (id: the run of an instance it scheduled) and 'dispatched' (as updraft_dispatch).
-- Why: a chain's link, or a batch of parallel tasks, is one round trip; what is ready was decided
-- by libs/orchestration from the outcomes, and is applied here only if those outcomes stood.
-- Pure model: endTries in libs/domain (try-policy.ts); property test: sql/try-policy.int-spec.ts.
CREATE OR REPLACE FUNCTION updraft_end_tries(
  uuid[], uuid[], int[], text[], text[], timestamptz[],
  uuid[], uuid[], int[], timestamptz[], text[], text[],
  uuid[], uuid[], text[], int[], text[], text[],
  json, bigint, int, int, int, int, text
) RETURNS TABLE (kind text, id uuid, ord int, claimed boolean, instance json)
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
DECLARE
  ended uuid[];
BEGIN
  WITH f AS (
    SELECT * FROM unnest($1, $2, $3, $4, $5, $6) AS f(tenant_id, id, try_number, state, exit_reason, next_try_at)
  ), done AS (
    UPDATE task_instance ti SET state = f.state, end_date = now(), next_try_at = f.next_try_at, first_poke_at = NULL
      FROM f WHERE ti.tenant_id = f.tenant_id AND ti.id = f.id AND ti.try_number = f.try_number AND ti.state = 'running'
    RETURNING ti.id, ti.dag_run_id, ti.task_id, ti.map_index
  ), tries AS (
    UPDATE task_try t SET state = f.state, exit_reason = f.exit_reason, end_date = now()
      FROM f JOIN done ON done.id = f.id
     WHERE t.tenant_id = f.tenant_id AND t.task_instance_id = f.id AND t.try_number = f.try_number
  ), logs AS (
    INSERT INTO task_log (tenant_id, task_instance_id, try_number, timestamp, stream, message)
    SELECT * FROM unnest($7, $8, $9, $10, $11, $12)
  ), xcoms AS (
    INSERT INTO xcom (tenant_id, dag_run_id, task_id, map_index, key, value)
    SELECT x.tenant_id, x.dag_run_id, x.task_id, x.map_index, x.key, x.value::jsonb
      FROM unnest($13, $14, $15, $16, $17, $18) AS x(tenant_id, dag_run_id, task_id, map_index, key, value)
      JOIN done ON done.dag_run_id = x.dag_run_id AND done.task_id = x.task_id AND done.map_index = x.map_index
    ON CONFLICT (dag_run_id, task_id, map_index, key) DO UPDATE SET value = EXCLUDED.value, created_at = now()
  )
  SELECT COALESCE(array_agg(done.id), '{}') INTO ended FROM done;
  RETURN QUERY SELECT 'ended', e, NULL::int, NULL::boolean, NULL::json FROM unnest(ended) AS e;
  IF $21 IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock($20);
  RETURN QUERY
    WITH ready AS (
      SELECT * FROM json_to_recordset($19) AS r(tenant_id uuid, dag_run_id uuid, task_id text, requires uuid[])
    ), marked AS (
      UPDATE task_instance ti SET state = 'scheduled', scheduled_at = now(), next_try_at = NULL
        FROM ready r
       WHERE ti.tenant_id = r.tenant_id AND ti.dag_run_id = r.dag_run_id AND ti.task_id = r.task_id AND ti.map_index = -1
         AND ti.state = 'none' AND r.requires <@ ended
      RETURNING ti.dag_run_id
    )
    SELECT 'scheduled', m.dag_run_id, NULL::int, NULL::boolean, NULL::json FROM marked m;
  RETURN QUERY SELECT 'dispatched', NULL::uuid, d.ord, d.claimed, d.instance FROM updraft_dispatch($21, $22, $23, $24, $25) d;
END
$fn$;
