import { resolveParams } from './params';

describe('resolveParams', () => {
  const declared = {
    region: { type: 'string' as const, default: 'eu', enum: ['eu', 'us'] },
    limit: { type: 'integer' as const, default: 10 },
    dryRun: { type: 'boolean' as const },
  };

  it('fills defaults and keeps undeclared conf', () => {
    expect(resolveParams(declared, { dryRun: true, extra: 1 })).toEqual({
      params: { region: 'eu', limit: 10, dryRun: true, extra: 1 },
      problems: [],
    });
  });

  it.each([
    [{ dryRun: 'yes' }, 'conf.dryRun must be a boolean'],
    [{ dryRun: true, limit: 1.5 }, 'conf.limit must be an integer'],
    [{ dryRun: true, region: 'mars' }, 'conf.region must be one of "eu", "us"'],
    [{}, 'conf.dryRun is required (the DAG declares it without a default)'],
  ])('names the field for %j', (conf, message) => {
    expect(resolveParams(declared, conf).problems.flatMap((p) => p.problems)).toEqual([message]);
  });
});
