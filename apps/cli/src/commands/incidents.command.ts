import type { Command } from 'commander';
import type { Incident, IncidentDetail } from '../api-types';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { formatDate, formatTable } from '../output';

interface ListOptions extends JsonOption {
  state?: 'open' | 'acknowledged' | 'resolved' | 'unresolved';
  dag?: string;
  severity?: 'critical' | 'high' | 'low';
  limit: string;
}

interface ResolveOptions extends JsonOption {
  note?: string;
}

export function registerIncidentsCommand(program: Command, ctx: CliContext): void {
  const incidents = program
    .command('incidents')
    .description(
      'incidents opened by missed SLAs and deadlines and failed critical runs: list, show, ack, resolve, note',
    );

  incidents
    .command('list')
    .description('list incidents, unresolved first')
    .option('--state <state>', 'open, acknowledged, resolved or unresolved')
    .option('--dag <dagId>', 'only this DAG')
    .option('--severity <severity>', 'critical, high or low')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'machine-readable output')
    .action(async (options: ListOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const page = await client.call('get', '/api/v1/tenants/{tenant}/incidents', {
        params: { tenant },
        query: { state: options.state, dagId: options.dag, severity: options.severity, limit: Number(options.limit) },
      });
      outputFor(ctx, options).result(page, () => formatIncidentList(page.items));
    });

  incidents
    .command('show')
    .description('an incident with the runs it concerns and its timeline')
    .argument('<id>', 'the incident id')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const incident = await client.call('get', '/api/v1/tenants/{tenant}/incidents/{incidentId}', {
        params: { tenant, incidentId: id },
      });
      outputFor(ctx, options).result(incident, () => formatIncident(incident));
    });

  incidents
    .command('ack')
    .description('acknowledge an open incident (it stops escalating)')
    .argument('<id>', 'the incident id')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const incident = await client.call('post', '/api/v1/tenants/{tenant}/incidents/{incidentId}/acknowledge', {
        params: { tenant, incidentId: id },
      });
      outputFor(ctx, options).result(incident, () => `acknowledged ${incident.title} (${incident.id})`);
    });

  incidents
    .command('resolve')
    .description('resolve an incident by hand')
    .argument('<id>', 'the incident id')
    .option('--note <text>', 'why or how, for the timeline')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: ResolveOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const incident = await client.call('post', '/api/v1/tenants/{tenant}/incidents/{incidentId}/resolve', {
        params: { tenant, incidentId: id },
        json: options.note ? { note: options.note } : {},
      });
      outputFor(ctx, options).result(incident, () => `resolved ${incident.title} (${incident.id})`);
    });

  incidents
    .command('note')
    .description("add a note to an incident's timeline")
    .argument('<id>', 'the incident id')
    .argument('<text>', 'the note')
    .option('--json', 'machine-readable output')
    .action(async (id: string, text: string, options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const incident = await client.call('post', '/api/v1/tenants/{tenant}/incidents/{incidentId}/notes', {
        params: { tenant, incidentId: id },
        json: { text },
      });
      outputFor(ctx, options).result(incident, () => formatIncident(incident));
    });
}

export function formatIncidentList(incidents: readonly Incident[]): string {
  return formatTable(incidents, [
    { header: 'ID', value: (i) => i.id },
    { header: 'STATE', value: (i) => i.state },
    { header: 'SEVERITY', value: (i) => i.severity },
    { header: 'DAG', value: (i) => i.dagId },
    { header: 'RULE', value: (i) => i.rule },
    { header: 'SEEN', value: (i) => `${i.occurrences}×` },
    { header: 'OPENED', value: (i) => formatDate(i.openedAt) },
  ]);
}

export function formatIncident(incident: IncidentDetail): string {
  const lines = [
    `${incident.title}  [${incident.severity}, ${incident.state}]`,
    `id ${incident.id}; opened ${formatDate(incident.openedAt)}; ${incident.occurrences} occurrence(s)`,
    `runs: ${incident.runs.map((r) => `${r.runId} (${r.state})`).join(', ') || '(none)'}`,
    '',
  ];
  for (const event of incident.timeline)
    lines.push(
      `${formatDate(event.at)}  ${event.kind.padEnd(12)} ${event.actor ?? event.via ?? ''}${event.text ? `  ${event.text}` : ''}`,
    );
  return lines.join('\n');
}
