import { MigrationInterface, QueryRunner } from 'typeorm';
import { dispatchSnapshotSql } from './1732490000000-worker-capacity';
import { updraftDispatchSql } from './1732500000000-dispatch-in-one-round-trip';

const LIVE_HEADROOM = '(SELECT COALESCE(sum(reserved_slots), 0) FROM worker WHERE expires_at > now())';

/**
 * Headroom for other tenants. Each worker keeps `reserved_slots` (WORKER_RESERVED_SLOTS) beyond
 * its `slots`, and the dispatch gives them only to a tenant below its fair share of the live
 * workers' slots (those slots over the tenants with work queued, running or ready, rounded up).
 * A tenant alone uses every regular slot, as before, and never the headroom; a tenant whose long
 * tasks hold every regular slot cannot keep another tenant's ready task waiting: the next dispatch
 * (the other tenant's trigger, any try's end or a worker's heartbeat) starts it in the headroom.
 *
 * `updraft_select_sharing_headroom` wraps `updraft_select_for_dispatch`: while regular slots are
 * free it chooses among them as before; once none is, it chooses in the headroom with each
 * tenant's limit lowered to its fair share. Its pure model is `selectSharingHeadroom` in
 * libs/domain (dispatch-selection.ts); the cases of both are in dispatch-selection.int-spec.ts.
 */
export class HeadroomForOtherTenants1732520000000 implements MigrationInterface {
  name = 'HeadroomForOtherTenants1732520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE worker ADD COLUMN reserved_slots int NOT NULL DEFAULT 0 CHECK (reserved_slots >= 0)`);
    // The snapshot's free slots (and the candidates it reads per tenant) count the headroom too.
    await q.query(dispatchSnapshotSql(` + ${LIVE_HEADROOM}`));
    // p_free: the snapshot's free slots, headroom included; p_platform_slots: DISPATCH_SLOTS.
    await q.query(`
      CREATE FUNCTION updraft_select_sharing_headroom(p_free int, p_usage json, p_candidates json, p_tenant_limit int, p_default_pool_slots int, p_platform_slots int)
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
    `);
    await q.query(
      updraftDispatchSql(
        'updraft_select_sharing_headroom(snapshot.free_slots, snapshot.usage_rows, snapshot.candidate_rows, $3, $2, $1)',
        ' SET plan_cache_mode = force_generic_plan',
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(updraftDispatchSql(undefined, ' SET plan_cache_mode = force_generic_plan'));
    await q.query(`DROP FUNCTION updraft_select_sharing_headroom(int, json, json, int, int, int)`);
    await q.query(dispatchSnapshotSql());
    await q.query(`ALTER TABLE worker DROP COLUMN reserved_slots`);
  }
}
