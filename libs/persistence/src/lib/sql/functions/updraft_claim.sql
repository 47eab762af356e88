-- updraft_claim($1 tenant ids, $2 instance ids, $3 the worker's hostname, $4 the state claimed from)
--
-- Decides: which of the given instances a worker now runs. An instance is claimed only while it
-- is still in state $4 ('queued' for a worker's Bull jobs, 'scheduled' for what the dispatch
-- claims for its own worker), so two workers never start the same try; the claim begins the
-- next try (try_number + 1) and writes its task_try row. Returns the claimed instances.
-- Why: the claim is the one place a try begins, in one statement, so a lost race reads as "not
-- claimed" rather than as an error; a generic plan because its arrays re-planned on every call.
-- Pure model: claimTries in libs/domain (try-policy.ts); property test: sql/try-policy.int-spec.ts.
CREATE OR REPLACE FUNCTION updraft_claim(uuid[], uuid[], text, text) RETURNS SETOF task_instance
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
BEGIN
  RETURN QUERY
    WITH claimed AS (
      UPDATE task_instance ti SET state = 'running', queued_at = CASE WHEN $4 = 'scheduled' THEN now() ELSE ti.queued_at END,
             try_number = ti.try_number + 1, start_date = now(), end_date = NULL,
             hostname = $3, heartbeat_at = now(), first_poke_at = COALESCE(ti.first_poke_at, now())
        FROM unnest($1, $2) AS c(tenant_id, id)
       WHERE ti.tenant_id = c.tenant_id AND ti.id = c.id AND ti.state = $4 RETURNING ti.*
    ), tries AS (
      INSERT INTO task_try (tenant_id, task_instance_id, try_number, hostname, start_date) SELECT tenant_id, id, try_number, $3, now() FROM claimed
      ON CONFLICT (task_instance_id, try_number) DO UPDATE SET hostname = EXCLUDED.hostname, start_date = now(), end_date = NULL, state = NULL, exit_reason = NULL
    )
    SELECT * FROM claimed;
END
$fn$;
