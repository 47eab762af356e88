import { and, asset, assetOrTime, bash, conditionMet, dag, definedDags, describeCondition, empty, or } from '../index';

describe('assets', () => {
  beforeEach(() => definedDags().splice(0));
  const orders = asset('s3://bucket/orders');
  const customers = asset('s3://bucket/customers', { name: 'customers', group: 'crm' });

  it('serializes outlets and an asset schedule; name defaults to the URI and group to asset', () => {
    const d = dag('consumer', { schedule: orders }, () => {
      bash('publish', { command: 'echo', outlets: [customers, customers] });
    });
    const s = d.serialize();
    expect(s.schedule).toBeNull();
    expect(s.assetCondition).toEqual({
      kind: 'asset',
      uri: 's3://bucket/orders',
      name: 's3://bucket/orders',
      group: 'asset',
    });
    expect(s.tasks[0].outlets).toEqual([{ uri: 's3://bucket/customers', name: 'customers', group: 'crm' }]);
  });

  it('reads a list as all of its assets, and nests and()/or()', () => {
    const c = asset('s3://c');
    const list = dag('list', { schedule: [orders, customers] }, () => empty('e')).serialize();
    expect(list.assetCondition?.kind).toBe('all');
    const nested = dag('nested', { schedule: or(and(orders, customers), c) }, () => empty('e')).serialize();
    expect(describeCondition(nested.assetCondition!)).toBe('((s3://bucket/orders & s3://bucket/customers) | s3://c)');
    expect(conditionMet(nested.assetCondition!, new Set(['s3://c']))).toBe(true);
    expect(conditionMet(nested.assetCondition!, new Set(['s3://bucket/orders']))).toBe(false);
    expect(conditionMet(nested.assetCondition!, new Set(['s3://bucket/orders', 's3://bucket/customers']))).toBe(true);
  });

  it('keeps the time part of assetOrTime as the schedule', () => {
    const s = dag('both', { schedule: assetOrTime('@daily', [orders]), startDate: '2024-01-01' }, () =>
      empty('e'),
    ).serialize();
    expect(s.schedule).toBe('@daily');
    expect(s.assetCondition).toEqual({ kind: 'all', of: [expect.objectContaining({ uri: 's3://bucket/orders' })] });
  });

  it('names what is wrong', () => {
    expect(() => asset('')).toThrow('an asset URI must be a non-empty string');
    expect(() => asset('s3://a b')).toThrow("asset URI 's3://a b' may hold printable ASCII only, without spaces");
    expect(() => asset('updraft://x')).toThrow("reserved scheme 'updraft:'");
    expect(() => and()).toThrow('and() needs at least one asset or condition');
    expect(() => or(orders, 's3://x' as never)).toThrow('or(): item 2 is "s3://x", not an asset or a condition');
    expect(() => dag('bad_time', { schedule: assetOrTime('@sometimes', orders) }, () => empty('e'))).toThrow(
      "DAG 'bad_time'",
    );
    expect(() => dag('bad_schedule', { schedule: 42 as never }, () => empty('e'))).toThrow(
      /DAG 'bad_schedule'.*schedule must be a cron, preset or duration string, null, an asset/,
    );
    expect(() => dag('bad_outlet', {}, () => bash('t', { command: 'x', outlets: ['s3://x' as never] }))).toThrow(
      /DAG 'bad_outlet', task 't'.*outlets\[0\] is "s3:\/\/x", not an asset made with asset\(\)/,
    );
    expect(() =>
      dag('two_names', { schedule: asset('s3://x', { name: 'one' }) }, () =>
        bash('t', { command: 'x', outlets: [asset('s3://x', { name: 'two' })] }),
      ),
    ).toThrow("asset 's3://x' is declared as name 'one', group 'asset' and as name 'two', group 'asset'");
  });
});
