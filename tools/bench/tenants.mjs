// Many tenants for the scale benches: one tenant signs up and uploads its bundle over the API (so
// its DAGs are parsed the real way); the others are copies of it made by SQL in one transaction
// (their own tenant, bundle version, DAG versions and DAGs), which takes seconds, not the minutes
// a hundred uploads would.

/** INSERT INTO `table` a copy of the rows `from` selects, with the columns named in `set` replaced by SQL expressions. */
async function copyRows(client, table, set, from, params) {
  const { rows } = await client.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  const columns = rows.map((r) => r.column_name);
  const values = columns.map((c) => (c in set ? set[c] : `s.${c}`));
  const result = await client.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} ${from}`,
    params,
  );
  return result.rowCount;
}

/**
 * Makes `count - 1` copies of the tenant `sourceSlug` with its DAGs (slugs `<prefix>-2` ...),
 * gives the source's members the owner role in each (so the bench's token reaches them all), and
 * returns every tenant's id and slug, the source first. DAGs are copied unpaused with no next run
 * time, as a fresh upload leaves them.
 */
export async function cloneTenants(client, { sourceSlug, count, prefix }) {
  const [{ id: sourceTenantId }] = (await client.query(`SELECT id FROM tenant WHERE slug = $1`, [sourceSlug])).rows;
  await client.query('BEGIN');
  try {
    const { rows: made } = await client.query(
      `INSERT INTO tenant (slug, name) SELECT $1 || '-' || g, 'Bench ' || g FROM generate_series(2, $2) g RETURNING id, slug`,
      [prefix, count],
    );
    await client.query(
      `CREATE TEMP TABLE clone_tenant ON COMMIT DROP AS SELECT id AS tenant_id FROM tenant WHERE id = ANY($1::uuid[])`,
      [made.map((t) => t.id)],
    );
    await client.query(
      `CREATE TEMP TABLE clone_bv ON COMMIT DROP AS
         SELECT s.id AS old_id, c.tenant_id, gen_random_uuid() AS new_id FROM bundle_version s CROSS JOIN clone_tenant c WHERE s.tenant_id = $1`,
      [sourceTenantId],
    );
    await copyRows(
      client,
      'bundle_version',
      { id: 'x.new_id', tenant_id: 'x.tenant_id', created_by: 'NULL' },
      'FROM bundle_version s JOIN clone_bv x ON x.old_id = s.id',
    );
    await client.query(
      `CREATE TEMP TABLE clone_dv ON COMMIT DROP AS
         SELECT s.id AS old_id, x.tenant_id, x.new_id AS bv_id, gen_random_uuid() AS new_id
           FROM dag_version s JOIN clone_bv x ON x.old_id = s.bundle_version_id`,
    );
    await copyRows(
      client,
      'dag_version',
      { id: 'x.new_id', tenant_id: 'x.tenant_id', bundle_version_id: 'x.bv_id' },
      'FROM dag_version s JOIN clone_dv x ON x.old_id = s.id',
    );
    const dags = await copyRows(
      client,
      'dag',
      { tenant_id: 'x.tenant_id', current_version_id: 'x.new_id', next_dagrun_at: 'NULL', is_paused: 'false' },
      'FROM dag s JOIN clone_dv x ON x.old_id = s.current_version_id',
    );
    await client.query(
      `INSERT INTO membership (tenant_id, user_id, role)
       SELECT c.tenant_id, m.user_id, 'owner' FROM clone_tenant c CROSS JOIN membership m WHERE m.tenant_id = $1`,
      [sourceTenantId],
    );
    await client.query('COMMIT');
    const { rows: source } = await client.query(`SELECT id, slug FROM tenant WHERE id = $1`, [sourceTenantId]);
    return { tenants: [...source, ...made], copiedDags: dags };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
