-- updraft_select_for_dispatch(free slots, usage json, candidates json, a tenant's default limit, default_pool's slots)
--
-- Decides: which ready instances take the free slots, in order. Each turn goes to the tenant
-- with the fewest instances queued or running (fair share: a tenant with a long backlog never
-- holds back another tenant's ready task for more than one turn), ties to the tenant whose best
-- candidate has waited longest; within the tenant, to its best candidate (priorityWeight, then
-- the longest waiting, then id) that fits its pool's free slots and its DAG's maxActiveTasks.
-- Nothing is taken past the free slots or a tenant's limit; priority weights never cross tenants.
-- Why: fairness between tenants comes before priority within one; capacity only shrinks during
-- one dispatch, so a candidate that does not fit is skipped for good (one pass per tenant queue).
-- Pure model: selectForDispatch in libs/domain (dispatch-selection.ts); both are run on random
-- snapshots by dispatch-policy.int-spec.ts in libs/persistence.
CREATE OR REPLACE FUNCTION updraft_select_for_dispatch(p_free int, p_usage json, p_candidates json, p_tenant_limit int, p_default_pool_slots int)
RETURNS TABLE (ord int, id uuid, tenant_id uuid) LANGUAGE plpgsql IMMUTABLE AS $fn$
#variable_conflict use_column
DECLARE
  c_id uuid[]; c_tenant uuid[]; c_pool text[]; c_pool_slots int[]; c_dag text[]; c_max_active int[]; c_ready timestamptz[];
  c_limit int[]; c_pool_total int[];
  t_head int[] := '{}'; t_end int[] := '{}'; t_active int[] := '{}'; t_limit int[] := '{}'; t_open boolean[] := '{}';
  tenant_active jsonb := '{}'; pool_used jsonb := '{}'; pool_free jsonb := '{}'; dag_active jsonb := '{}';
  u record; i int; t int; turn int; k text; free int := p_free; taken int := 0; tenants int := 0;
BEGIN
  FOR u IN SELECT * FROM json_to_recordset(p_usage) AS x(kind text, tenant_id uuid, name text, used int) LOOP
    IF u.kind = 'tenant' THEN tenant_active := tenant_active || jsonb_build_object(u.tenant_id::text, u.used);
    ELSIF u.kind = 'pool' THEN pool_used := pool_used || jsonb_build_object(u.tenant_id::text || '/' || u.name, u.used);
    ELSE dag_active := dag_active || jsonb_build_object(u.tenant_id::text || '/' || u.name, u.used);
    END IF;
  END LOOP;
  -- One sort; array_agg keeps the order of the sorted subquery it reads.
  SELECT array_agg(x.id), array_agg(x.tenant_id), array_agg(x.pool), array_agg(x.pool_slots), array_agg(x.dag_id), array_agg(x.max_active_tasks),
         array_agg(x.ready_at), array_agg(x.tenant_limit), array_agg(x.pool_total)
    INTO c_id, c_tenant, c_pool, c_pool_slots, c_dag, c_max_active, c_ready, c_limit, c_pool_total
    FROM (SELECT r.*, COALESCE(r.scheduled_at, 'epoch') AS ready_at, COALESCE(r.max_running_tasks, p_tenant_limit) AS tenant_limit
            FROM json_to_recordset(p_candidates) AS r(id uuid, tenant_id uuid, pool text, pool_slots int, priority_weight int, scheduled_at timestamptz,
                                                      dag_id text, max_active_tasks int, max_running_tasks int, pool_total int)
           ORDER BY r.tenant_id, r.priority_weight DESC, ready_at, r.id) x;
  IF c_id IS NULL OR free <= 0 THEN RETURN; END IF;
  -- One queue per tenant (a run of the sorted candidates), and each pool's free slots.
  FOR i IN 1..array_length(c_id, 1) LOOP
    IF i = 1 OR c_tenant[i] <> c_tenant[i - 1] THEN
      tenants := tenants + 1;
      t_head[tenants] := i;
      t_active[tenants] := COALESCE((tenant_active ->> c_tenant[i]::text)::int, 0);
      t_open[tenants] := true;
    END IF;
    t_end[tenants] := i;
    t_limit[tenants] := c_limit[i];
    k := c_tenant[i]::text || '/' || c_pool[i];
    pool_free := pool_free || jsonb_build_object(k,
      COALESCE(c_pool_total[i], CASE WHEN c_pool[i] = 'default_pool' THEN p_default_pool_slots ELSE 0 END) - COALESCE((pool_used ->> k)::int, 0));
  END LOOP;
  WHILE free > 0 LOOP
    turn := 0;
    FOR t IN 1..tenants LOOP
      CONTINUE WHEN NOT t_open[t];
      -- Capacity only shrinks during one dispatch, so what does not fit now never will: skip it.
      WHILE t_head[t] <= t_end[t]
        AND NOT (COALESCE((pool_free ->> (c_tenant[t_head[t]]::text || '/' || c_pool[t_head[t]]))::int, 0) >= c_pool_slots[t_head[t]]
                 AND COALESCE((dag_active ->> (c_tenant[t_head[t]]::text || '/' || c_dag[t_head[t]]))::int, 0) < c_max_active[t_head[t]]) LOOP
        t_head[t] := t_head[t] + 1;
      END LOOP;
      IF t_head[t] > t_end[t] OR t_active[t] >= t_limit[t] THEN
        t_open[t] := false;
        CONTINUE;
      END IF;
      IF turn = 0 OR t_active[t] < t_active[turn] OR (t_active[t] = t_active[turn] AND c_ready[t_head[turn]] > c_ready[t_head[t]]) THEN
        turn := t;
      END IF;
    END LOOP;
    EXIT WHEN turn = 0;
    i := t_head[turn];
    taken := taken + 1;
    ord := taken;
    id := c_id[i];
    tenant_id := c_tenant[i];
    RETURN NEXT;
    free := free - 1;
    t_head[turn] := i + 1;
    t_active[turn] := t_active[turn] + 1;
    k := c_tenant[i]::text || '/' || c_pool[i];
    pool_free := jsonb_set(pool_free, ARRAY[k], to_jsonb((pool_free ->> k)::int - c_pool_slots[i]));
    k := c_tenant[i]::text || '/' || c_dag[i];
    dag_active := jsonb_set(dag_active, ARRAY[k], to_jsonb(COALESCE((dag_active ->> k)::int, 0) + 1));
  END LOOP;
END
$fn$;
