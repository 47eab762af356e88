-- updraft_dispatch_snapshot($1 platform dispatch slots, $2 slots of a default_pool without a row)
--
-- Decides: how many slots the dispatch may fill now, and what it chooses among.
-- Returns one row:
--   free_slots     the live workers' slots (within DISPATCH_SLOTS) plus their headroom
--                  (reserved_slots), minus every instance queued or running;
--   usage_rows     what is queued or running per tenant, per pool (with its slots) and per DAG
--                  (with its maxActiveTasks);
--   candidate_rows each tenant's best ready instances (priorityWeight, then the longest waiting,
--                  then id), as many as there are free slots, leaving out pools and DAGs already
--                  full so they cannot crowd out the rest.
-- Why this shape: one call in the same round trip as the dispatch lock; tenants are found by a
-- skip scan of the dispatch index (one probe per tenant, however long its backlog); the generic
-- plan runs in ~0.4 ms where custom plans cost 1.5-2 ms for each connection's first five calls.
-- Pure model of what it feeds: selectSharingHeadroom in libs/domain (dispatch-selection.ts).
CREATE OR REPLACE FUNCTION updraft_dispatch_snapshot(int, int) RETURNS TABLE (free_slots int, usage_rows json, candidate_rows json)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $fn$
BEGIN
  RETURN QUERY
    WITH RECURSIVE active AS (
      SELECT ti.tenant_id, ti.pool, ti.pool_slots, r.dag_id, r.max_active_tasks
        FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id
       WHERE ti.state IN ('queued', 'running')
    ), usage AS (
      SELECT 'tenant' AS kind, tenant_id, NULL::text AS name, count(*)::int AS used, NULL::int AS total FROM active GROUP BY tenant_id
      UNION ALL
      SELECT 'pool', a.tenant_id, a.pool, sum(a.pool_slots)::int, max(p.slots)
        FROM active a LEFT JOIN pool p ON p.tenant_id = a.tenant_id AND p.name = a.pool GROUP BY a.tenant_id, a.pool
      UNION ALL
      SELECT 'dag', tenant_id, dag_id, count(*)::int, max(max_active_tasks) FROM active GROUP BY tenant_id, dag_id
    ), full_keys AS (
      SELECT tenant_id::text || '/' || kind || '/' || name AS key FROM usage
       WHERE kind <> 'tenant' AND used >= COALESCE(total, CASE WHEN kind = 'pool' AND name = 'default_pool' THEN $2 ELSE 0 END)
    ), free AS (
      SELECT GREATEST(LEAST($1, (SELECT COALESCE(sum(slots), 0) FROM worker WHERE expires_at > now()))
                      + (SELECT COALESCE(sum(reserved_slots), 0) FROM worker WHERE expires_at > now())
                      - (SELECT count(*) FROM active), 0)::int AS n
    ), tenants AS (
      (SELECT tenant_id FROM task_instance WHERE state = 'scheduled' ORDER BY tenant_id LIMIT 1)
      UNION ALL
      SELECT (SELECT ti.tenant_id FROM task_instance ti WHERE ti.state = 'scheduled' AND ti.tenant_id > t.tenant_id ORDER BY ti.tenant_id LIMIT 1)
        FROM tenants t WHERE t.tenant_id IS NOT NULL
    ), candidates AS (
      SELECT c.*, tn.max_running_tasks, p.slots AS pool_total
        FROM tenants s
        JOIN tenant tn ON tn.id = s.tenant_id
        CROSS JOIN LATERAL (
          SELECT ti.id, ti.tenant_id, ti.pool, ti.pool_slots, ti.priority_weight, ti.scheduled_at, r.dag_id, r.max_active_tasks
            FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id
           WHERE ti.tenant_id = s.tenant_id AND ti.state = 'scheduled'
             AND ti.tenant_id::text || '/pool/' || ti.pool NOT IN (SELECT key FROM full_keys)
             AND ti.tenant_id::text || '/dag/' || r.dag_id NOT IN (SELECT key FROM full_keys)
           ORDER BY ti.priority_weight DESC, ti.scheduled_at, ti.id
           LIMIT (SELECT n FROM free)
        ) c
        LEFT JOIN pool p ON p.tenant_id = c.tenant_id AND p.name = c.pool
    )
    SELECT (SELECT n FROM free),
           (SELECT COALESCE(json_agg(usage), '[]') FROM usage),
           (SELECT COALESCE(json_agg(candidates), '[]') FROM candidates);
END
$fn$;
