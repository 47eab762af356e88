import { backfillIntervals } from './backfill';
import { ScheduleSpec } from './schedule';

const spec = (over: Partial<ScheduleSpec>): ScheduleSpec => ({
  schedule: '@daily',
  startDate: '2024-06-01T00:00:00Z',
  endDate: null,
  timezone: 'UTC',
  catchup: false,
  ...over,
});
const now = new Date('2024-06-01T12:00:00Z');
const starts = (result: ReturnType<typeof backfillIntervals>) =>
  'error' in result ? result : result.map((i) => i.start.toISOString());

describe('backfillIntervals', () => {
  it.each<[string, Partial<ScheduleSpec>, string, string, unknown]>([
    [
      'every day in the range, both ends included, whatever startDate and catchup say',
      {},
      '2024-01-02',
      '2024-01-04',
      ['2024-01-02T00:00:00.000Z', '2024-01-03T00:00:00.000Z', '2024-01-04T00:00:00.000Z'],
    ],
    [
      'only intervals that have ended',
      {},
      '2024-05-30',
      '2024-06-20',
      ['2024-05-30T00:00:00.000Z', '2024-05-31T00:00:00.000Z'],
    ],
    [
      'the first schedule point on or after from',
      { schedule: '0 6 * * *' },
      '2024-01-02T07:00:00Z',
      '2024-01-04T00:00:00Z',
      ['2024-01-03T06:00:00.000Z'],
    ],
    [
      'a fixed duration from from',
      { schedule: '12h' },
      '2024-01-02T00:00:00Z',
      '2024-01-03T00:00:00Z',
      ['2024-01-02T00:00:00.000Z', '2024-01-02T12:00:00.000Z', '2024-01-03T00:00:00.000Z'],
    ],
    [
      'local midnights across the spring DST change',
      { timezone: 'Europe/Berlin' },
      '2024-03-29T00:00:00+01:00',
      '2024-04-01T00:00:00+02:00',
      ['2024-03-28T23:00:00.000Z', '2024-03-29T23:00:00.000Z', '2024-03-30T23:00:00.000Z', '2024-03-31T22:00:00.000Z'],
    ],
    [
      'a manual DAG',
      { schedule: null },
      '2024-01-01',
      '2024-01-02',
      { error: "the DAG's schedule (null) has no intervals to backfill" },
    ],
    [
      '@once',
      { schedule: '@once' },
      '2024-01-01',
      '2024-01-02',
      { error: "the DAG's schedule (@once) has no intervals to backfill" },
    ],
    ['a reversed range', {}, '2024-01-05', '2024-01-02', { error: 'from must not be after to' }],
    [
      'too many runs',
      { schedule: '1m' },
      '2024-01-01',
      '2024-01-02',
      { error: 'the range holds more than 1000 runs; backfill it in parts' },
    ],
  ])('%s', (_case, over, from, to, expected) => {
    expect(starts(backfillIntervals(spec(over), new Date(from), new Date(to), now))).toEqual(expected);
  });
});
