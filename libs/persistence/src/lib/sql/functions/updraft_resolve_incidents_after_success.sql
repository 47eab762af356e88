-- updraft_resolve_incidents_after_success()
--
-- Decides: which unresolved incidents a later run closed. An incident is resolved automatically
-- when a run of its DAG with a later logical date than every run the incident concerns has
-- succeeded; the resolution and its timeline event are one statement, and the update re-checks
-- the state, so two schedulers resolve it once. Returns the incidents it resolved.
-- Why: only unresolved incidents are read (incident_unresolved_idx), and each looks up its DAG's
-- runs through dag_run_listing_idx.
-- Cases: apps/scheduler/src/app/incidents/incidents.int-spec.ts.
CREATE OR REPLACE FUNCTION updraft_resolve_incidents_after_success() RETURNS TABLE (incident_id uuid, tenant_id uuid, run_id text)
LANGUAGE sql AS $fn$
  WITH closing AS (
    SELECT i.id, later.id AS dag_run_id, later.run_id
      FROM incident i
      CROSS JOIN LATERAL (
        SELECT max(r.logical_date) AS last_date FROM incident_run ir JOIN dag_run r ON r.id = ir.dag_run_id WHERE ir.incident_id = i.id
      ) concerned
      JOIN LATERAL (
        SELECT r.id, r.run_id FROM dag_run r
         WHERE r.tenant_id = i.tenant_id AND r.dag_id = i.dag_id AND r.logical_date > concerned.last_date AND r.state = 'success'
         ORDER BY r.logical_date LIMIT 1
      ) later ON true
     WHERE i.state <> 'resolved'
  ), resolved AS (
    UPDATE incident i SET state = 'resolved', resolved_at = now(), resolved_by = NULL
      FROM closing c
     WHERE i.id = c.id AND i.state <> 'resolved'
    RETURNING i.id, i.tenant_id, c.dag_run_id, c.run_id
  ), events AS (
    INSERT INTO incident_event (tenant_id, incident_id, kind, via, text, dag_run_id)
    SELECT r.tenant_id, r.id, 'resolved', 'scheduler', 'resolved automatically: run ' || r.run_id || ' succeeded', r.dag_run_id FROM resolved r
  )
  SELECT id, tenant_id, run_id FROM resolved
$fn$;
