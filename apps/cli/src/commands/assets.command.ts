import { InvalidArgumentError, type Command } from 'commander';
import type { Schemas } from '@updraft/api-client';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { formatDate, formatTable } from '../output';

type Asset = Schemas['Asset'];
type AssetEvent = Schemas['AssetEvent'];

interface EventsOptions extends JsonOption {
  limit: number;
}

interface EmitOptions extends JsonOption {
  extra?: Record<string, unknown>;
}

export function registerAssetsCommand(program: Command, ctx: CliContext): void {
  const assets = program
    .command('assets')
    .description("the tenant's assets: what produces and consumes them, their events, and emitting one by hand");

  assets
    .command('list')
    .description('list assets with their producing tasks and consuming DAGs')
    .option('--json', 'machine-readable output')
    .action(async (options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const { items } = await client.call('get', '/api/v1/tenants/{tenant}/assets', { params: { tenant } });
      outputFor(ctx, options).result(items, () => formatAssets(items));
    });

  assets
    .command('events')
    .description("list an asset's events, newest first")
    .argument('<uri>', 'the asset URI, e.g. s3://lake/orders')
    .option('--limit <n>', 'how many (default 20)', parseLimit, 20)
    .option('--json', 'machine-readable output')
    .action(async (uri: string, options: EventsOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const page = await client.call('get', '/api/v1/tenants/{tenant}/assets/events', {
        params: { tenant },
        query: { uri, limit: options.limit, offset: 0 },
      });
      outputFor(ctx, options).result(page, () => formatEvents(page.items, page.total));
    });

  assets
    .command('emit')
    .description('record an event of an asset by hand: DAGs scheduled on it see an update')
    .argument('<uri>', 'the asset URI')
    .option('--extra <json>', 'a JSON object the consuming runs see with the event', parseExtra)
    .option('--json', 'machine-readable output')
    .action(async (uri: string, options: EmitOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const created = await client.call('post', '/api/v1/tenants/{tenant}/assets/events', {
        params: { tenant },
        json: { uri, ...(options.extra ? { extra: options.extra } : {}) },
      });
      outputFor(ctx, options).result(
        created,
        () =>
          `Recorded event ${created.event.id} of ${uri}\n` +
          (created.queuedFor.length > 0
            ? `Queued for ${created.queuedFor.join(', ')}\n`
            : 'No DAG is scheduled on this asset.\n'),
      );
    });
}

function formatAssets(items: Asset[]): string {
  return formatTable(
    items,
    [
      { header: 'URI', value: (a) => a.uri },
      { header: 'PRODUCERS', value: (a) => a.producers.map((p) => `${p.dagId}.${p.taskId}`).join(', ') },
      {
        header: 'CONSUMERS',
        value: (a) => a.consumers.map((c) => `${c.dagId}${c.queuedUris.length > 0 ? ' (waiting)' : ''}`).join(', '),
      },
      { header: 'EVENTS', value: (a) => a.eventCount },
      { header: 'LAST EVENT', value: (a) => formatDate(a.lastEventAt) },
    ],
    'No assets yet: declare outlets on tasks or schedule a DAG on an asset.',
  );
}

function formatEvents(items: AssetEvent[], total: number): string {
  const source = (e: AssetEvent) =>
    e.sourceKind === 'task'
      ? `${e.sourceDagId}.${e.sourceTaskId} (${e.sourceRunId})`
      : `${e.sourceKind} ${e.createdBy ?? ''}`.trim();
  return (
    formatTable(
      items,
      [
        { header: 'ID', value: (e) => e.id },
        { header: 'TIME', value: (e) => formatDate(e.createdAt) },
        { header: 'SOURCE', value: source },
        { header: 'EXTRA', value: (e) => (Object.keys(e.extra).length > 0 ? JSON.stringify(e.extra) : '') },
      ],
      'No events.',
    ) + (total > items.length ? `(${items.length} of ${total})\n` : '')
  );
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new InvalidArgumentError('expected a whole number from 1 to 500');
  return n;
}

function parseExtra(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('expected a JSON object, e.g. \'{"rows": 42}\'');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InvalidArgumentError('expected a JSON object, e.g. \'{"rows": 42}\'');
  return parsed as Record<string, unknown>;
}
