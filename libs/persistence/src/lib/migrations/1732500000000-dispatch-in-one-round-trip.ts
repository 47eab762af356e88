import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole dispatch in PostgreSQL, so it is one round trip and the dispatch lock is held only
 * while the server works:
 * - `updraft_claim`: claims instances for a worker (the next try begins, with its try row); used
 *   by a worker for its Bull jobs and by the dispatch for what it claims for its own worker.
 * - `updraft_select_for_dispatch`: chooses what to queue from the snapshot, in order. Each turn
 *   goes to the tenant with the fewest task instances queued or running (fair share: a tenant with
 *   a long backlog never holds back another tenant's ready task for more than one turn), ties to
 *   the tenant whose best candidate has waited longest; within the tenant, to its best candidate
 *   (priorityWeight, then the longest waiting, then id) that fits its pool's free slots and its
 *   DAG's maxActiveTasks. Nothing is taken past the free slots or a tenant's limit. Priority
 *   weights never cross tenants.
 * - `updraft_dispatch`: the snapshot, the choice, then claiming the first ones for the calling
 *   worker and marking the rest queued (for Bull); returns them in order.
 */
/**
 * `updraft_dispatch`, choosing with `selection` (a call over the snapshot's columns and $1-$3);
 * `settings`, its SET clauses (a later migration's).
 */
export function updraftDispatchSql(
  selection = 'updraft_select_for_dispatch(snapshot.free_slots, snapshot.usage_rows, snapshot.candidate_rows, $3, $2)',
  settings = '',
): string {
  return `
      CREATE OR REPLACE FUNCTION updraft_dispatch(int, int, int, int, text) RETURNS TABLE (ord int, claimed boolean, instance json) LANGUAGE plpgsql${settings} AS $fn$
      #variable_conflict use_column
      DECLARE
        snapshot record; ids uuid[]; tenant_ids uuid[]; claiming int;
      BEGIN
        SELECT * INTO snapshot FROM updraft_dispatch_snapshot($1, $2);
        SELECT array_agg(s.id ORDER BY s.ord), array_agg(s.tenant_id ORDER BY s.ord) INTO ids, tenant_ids
          FROM ${selection} s;
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
`;
}

export class DispatchInOneRoundTrip1732500000000 implements MigrationInterface {
  name = 'DispatchInOneRoundTrip1732500000000';

  async up(q: QueryRunner): Promise<void> {
    // $1 tenant ids, $2 ids, $3 the worker's hostname, $4 the state claimed from ('queued', or 'scheduled' for the dispatch's own claims).
    await q.query(`
      CREATE FUNCTION updraft_claim(uuid[], uuid[], text, text) RETURNS SETOF task_instance LANGUAGE plpgsql AS $fn$
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
    `);
    await q.query(`
      CREATE FUNCTION updraft_select_for_dispatch(p_free int, p_usage json, p_candidates json, p_tenant_limit int, p_default_pool_slots int)
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
    `);
    // $1 platform dispatch slots, $2 default_pool slots, $3 a tenant's default limit, $4 how many to claim for worker $5 (0 and NULL: none).
    await q.query(updraftDispatchSql());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION updraft_dispatch(int, int, int, int, text)`);
    await q.query(`DROP FUNCTION updraft_select_for_dispatch(int, json, json, int, int)`);
    await q.query(`DROP FUNCTION updraft_claim(uuid[], uuid[], text, text)`);
  }
}
