import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpdraftMetrics } from './metrics';

const root = join(__dirname, '..', '..', '..', '..');

describe('metrics', () => {
  const metrics = new UpdraftMetrics('api');
  const names = new Set(metrics.registry.getMetricsAsArray().map((metric) => metric.name));
  const used = (text: string) =>
    [...new Set(text.match(/\b(airflow|updraft)_[a-z_]+/g) ?? [])].map((name) =>
      name.replace(/_(bucket|count|sum)$/, ''),
    );

  it('names the Airflow counterparts in Prometheus form', () => {
    expect([...names]).toEqual(
      expect.arrayContaining([
        'airflow_ti_finish_total',
        'airflow_task_queued_duration_seconds',
        'airflow_scheduler_scheduler_loop_duration_seconds',
        'airflow_dagrun_schedule_delay_seconds',
        'airflow_sla_missed_total',
        'updraft_http_request_duration_seconds',
      ]),
    );
  });

  it('gives no metric a tenant label', () => {
    for (const metric of metrics.registry.getMetricsAsArray()) {
      expect([metric.name, (metric as unknown as { labelNames?: string[] }).labelNames ?? []]).not.toEqual([
        metric.name,
        expect.arrayContaining(['tenant']),
      ]);
    }
  });

  it('has every metric the Grafana dashboard queries (those read from PostgreSQL and Redis once watched)', () => {
    metrics.watchQueues([]);
    metrics.watchDatabase({ query: async () => [] } as never, 32, 128);
    metrics.watchSandboxes({ idleCount: 0, busyCount: 0, processesStarted: 0 }, { network: true });
    const all = new Set(metrics.registry.getMetricsAsArray().map((metric) => metric.name));
    const dashboard = readFileSync(join(root, 'deploy', 'grafana', 'updraft.json'), 'utf8');
    const missing = used(dashboard).filter((name) => !all.has(name));
    expect(missing).toEqual([]);
    const documented = readFileSync(join(root, 'docs', 'operations.md'), 'utf8');
    expect(used(documented).filter((name) => !all.has(name) && !name.startsWith('updraft_process'))).toEqual([]);
  });
});
