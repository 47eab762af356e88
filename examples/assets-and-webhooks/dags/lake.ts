import { and, asset, assetOrTime, bash, dag, or, task } from '@updraft/sdk';

// Assets are URIs of the data a task updates; they belong to your tenant only.
const orders = asset('s3://lake/orders', { group: 'sales' });
const customers = asset('s3://lake/customers', { name: 'customers', group: 'crm' });
const refunds = asset('s3://lake/refunds', { group: 'sales' });

// The producer: each success of a task with outlets records one event per outlet.
dag('ingest', { schedule: '@hourly', startDate: '2024-01-01', catchup: false }, () => {
  const loadOrders = task(
    'load_orders',
    async (ctx) => {
      const rows = 1250;
      // The event's `extra`: consumers see it in ctx.triggeringAssetEvents and in templates.
      await ctx.setOutletExtra(orders, { rows, hour: ctx.logicalDate });
      return rows;
    },
    { outlets: [orders] },
  );
  loadOrders.then(bash('load_customers', { command: 'echo customers loaded', outlets: [customers] }));
});

// Runs once both assets have been updated since its last run (a list means the same: [orders, customers]).
dag('join_orders_customers', { schedule: and(orders, customers) }, () => {
  task('join', async (ctx) => {
    const [latest] = ctx.triggeringAssetEvents['s3://lake/orders'] ?? [];
    ctx.log(`joining ${latest?.extra['rows']} order rows from run ${latest?.sourceRunId}`);
    return Object.keys(ctx.triggeringAssetEvents).sort();
  });
});

// Runs when either asset is updated; `refunds` is updated by a webhook (see docs/scheduling.md).
dag('audit_sales', { schedule: or(orders, refunds) }, () => {
  bash('audit', {
    command: "echo 'audit after {{ triggering_asset_events | length }} updated asset(s)'",
  });
});

// Runs every day at 06:00, and also whenever refunds change.
dag('refund_report', { schedule: assetOrTime('0 6 * * *', refunds), startDate: '2024-01-01', catchup: false }, () => {
  bash('report', { command: 'echo report for {{ ds }}' });
});
