-- updraft_dispatch($1 platform dispatch slots, $2 default_pool's slots, $3 a tenant's default limit,
--                  $4 how many to claim for worker $5 (0 or NULL $5: none))
--
-- Decides: what starts now. It takes the snapshot (updraft_dispatch_snapshot), lets
-- updraft_select_sharing_headroom choose in order, claims the first $4 for the calling worker
-- (updraft_claim from 'scheduled') and marks the rest queued for Bull. Returns them in order:
-- (ord, claimed, instance): a claimed row is the whole instance, a queued one its id and tenant.
-- Why: the whole dispatch is one round trip, so the dispatch lock is held only while the server
-- works; a worker that ended a try runs its own next task without a trip through Redis.
-- Its choice is modelled by selectSharingHeadroom in libs/domain (dispatch-selection.ts).
CREATE OR REPLACE FUNCTION updraft_dispatch(int, int, int, int, text) RETURNS TABLE (ord int, claimed boolean, instance json)
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
DECLARE
  snapshot record; ids uuid[]; tenant_ids uuid[]; claiming int;
BEGIN
  SELECT * INTO snapshot FROM updraft_dispatch_snapshot($1, $2);
  SELECT array_agg(s.id ORDER BY s.ord), array_agg(s.tenant_id ORDER BY s.ord) INTO ids, tenant_ids
    FROM updraft_select_sharing_headroom(snapshot.free_slots, snapshot.usage_rows, snapshot.candidate_rows, $3, $2, $1) s;
  IF ids IS NULL THEN RETURN; END IF;
  claiming := CASE WHEN $5 IS NULL THEN 0 ELSE LEAST(GREATEST($4, 0), array_length(ids, 1)) END;
  IF claiming > 0 THEN
    RETURN QUERY SELECT array_position(ids, c.id), true, row_to_json(c) FROM updraft_claim(tenant_ids[1:claiming], ids[1:claiming], $5, 'scheduled') c;
  END IF;
  RETURN QUERY
    WITH moved AS (
      UPDATE task_instance ti SET state = 'queued', queued_at = now()
        FROM unnest(tenant_ids[claiming + 1:], ids[claiming + 1:]) AS c(tenant_id, id)
       WHERE ti.tenant_id = c.tenant_id AND ti.id = c.id AND ti.state = 'scheduled' RETURNING ti.id, ti.tenant_id
    )
    SELECT array_position(ids, m.id), false, json_build_object('id', m.id, 'tenant_id', m.tenant_id) FROM moved m;
END
$fn$;
