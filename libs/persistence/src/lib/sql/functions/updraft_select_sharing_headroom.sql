-- updraft_select_sharing_headroom(free slots incl. headroom, usage json, candidates json, a tenant's default limit,
--                                 default_pool's slots, the platform's DISPATCH_SLOTS)
--
-- Decides: who may use the headroom. Each worker keeps reserved_slots (WORKER_RESERVED_SLOTS)
-- beyond its slots. While regular slots are free, the choice is updraft_select_for_dispatch's
-- over them and the headroom is left alone; once none is, the headroom goes only to tenants below
-- their fair share of the live workers' regular slots (those slots over the tenants with work
-- queued, running or ready, rounded up). A tenant alone never takes it.
-- Why: a tenant whose long tasks hold every regular slot cannot keep another tenant's ready task
-- waiting: the next dispatch starts it in the headroom.
-- Pure model: selectSharingHeadroom in libs/domain (dispatch-selection.ts).
CREATE OR REPLACE FUNCTION updraft_select_sharing_headroom(p_free int, p_usage json, p_candidates json, p_tenant_limit int, p_default_pool_slots int, p_platform_slots int)
RETURNS TABLE (ord int, id uuid, tenant_id uuid) LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  regular int; headroom int; tenants int; share int;
BEGIN
  SELECT LEAST(p_platform_slots, COALESCE(sum(w.slots), 0))::int, COALESCE(sum(w.reserved_slots), 0)::int INTO regular, headroom
    FROM worker w WHERE w.expires_at > now();
  IF p_free > headroom THEN
    RETURN QUERY SELECT * FROM updraft_select_for_dispatch(p_free - headroom, p_usage, p_candidates, p_tenant_limit, p_default_pool_slots);
    RETURN;
  END IF;
  SELECT count(*) INTO tenants FROM (
    SELECT u.tenant_id FROM json_to_recordset(p_usage) AS u(kind text, tenant_id uuid) WHERE u.kind = 'tenant'
    UNION SELECT c.tenant_id FROM json_to_recordset(p_candidates) AS c(tenant_id uuid)
  ) t;
  IF tenants < 2 THEN RETURN; END IF;
  share := ceil(regular::numeric / tenants)::int;
  RETURN QUERY SELECT * FROM updraft_select_for_dispatch(p_free, p_usage,
    (SELECT COALESCE(json_agg(c::jsonb || jsonb_build_object('max_running_tasks', LEAST(COALESCE((c ->> 'max_running_tasks')::int, p_tenant_limit), share))), '[]')
       FROM json_array_elements(p_candidates) c),
    p_tenant_limit, p_default_pool_slots);
END
$fn$;
