import { timetableOf } from '@updraft/sdk';
import { DataInterval, isDue, nextDataInterval, ScheduleSpec } from './schedule';

const iso = (i: DataInterval | null) => (i ? [i.start.toISOString(), i.end.toISOString()] : null);
const spec = (over: Partial<ScheduleSpec>): ScheduleSpec => ({
  schedule: '@daily',
  startDate: '2024-01-01T00:00:00Z',
  endDate: null,
  timezone: 'UTC',
  catchup: true,
  ...over,
});

describe('timetableOf', () => {
  it.each([
    ['@daily', 'cron'],
    ['*/5 * * * *', 'cron'],
    ['@once', 'once'],
    ['15m', 'delta'],
    ['1h30m', 'delta'],
  ])('%s is a %s timetable', (schedule, kind) => expect(timetableOf(schedule).kind).toBe(kind));
  it('reads null as manual only', () => expect(timetableOf(null).kind).toBe('manual'));
  it.each([
    ['@sometimes', /unknown preset/],
    ['* * * *', /5 fields/],
    ['61 * * * *', /invalid schedule '61 \* \* \* \*'/],
    ['0m', /longer than zero/],
  ])('rejects %s', (schedule, message) => expect(() => timetableOf(schedule)).toThrow(message));
});

describe('nextDataInterval', () => {
  const now = new Date('2024-01-05T10:00:00Z');

  it('starts at the first interval on or after the start date, with catchup', () => {
    expect(iso(nextDataInterval(spec({}), null, now))).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-02T00:00:00.000Z',
    ]);
  });

  it('follows the last interval', () => {
    const last = { start: new Date('2024-01-01T00:00:00Z'), end: new Date('2024-01-02T00:00:00Z') };
    expect(iso(nextDataInterval(spec({}), last, now))).toEqual([
      '2024-01-02T00:00:00.000Z',
      '2024-01-03T00:00:00.000Z',
    ]);
  });

  it('without catchup, jumps to the latest complete interval', () => {
    expect(iso(nextDataInterval(spec({ catchup: false }), null, now))).toEqual([
      '2024-01-04T00:00:00.000Z',
      '2024-01-05T00:00:00.000Z',
    ]);
  });

  it('is not due before the interval ends', () => {
    const last = { start: new Date('2024-01-04T00:00:00Z'), end: new Date('2024-01-05T00:00:00Z') };
    const next = nextDataInterval(spec({ catchup: false }), last, now) as DataInterval;
    expect(iso(next)).toEqual(['2024-01-05T00:00:00.000Z', '2024-01-06T00:00:00.000Z']);
    expect(isDue(next, now)).toBe(false);
  });

  it('keeps local midnight across a DST change', () => {
    const amsterdam = spec({ startDate: '2024-03-29T00:00:00+01:00', timezone: 'Europe/Amsterdam' });
    let last: DataInterval | null = null;
    const starts: string[] = [];
    for (let i = 0; i < 5; i++) {
      last = nextDataInterval(amsterdam, last, new Date('2024-04-10T00:00:00Z')) as DataInterval;
      starts.push(last.start.toISOString());
    }
    expect(starts).toEqual([
      '2024-03-28T23:00:00.000Z',
      '2024-03-29T23:00:00.000Z',
      '2024-03-30T23:00:00.000Z',
      '2024-03-31T22:00:00.000Z',
      '2024-04-01T22:00:00.000Z',
    ]);
  });

  it('handles fixed durations, @once, manual and the end date', () => {
    expect(iso(nextDataInterval(spec({ schedule: '6h' }), null, now))).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T06:00:00.000Z',
    ]);
    expect(iso(nextDataInterval(spec({ schedule: '6h', catchup: false }), null, now))).toEqual([
      '2024-01-05T00:00:00.000Z',
      '2024-01-05T06:00:00.000Z',
    ]);
    expect(iso(nextDataInterval(spec({ schedule: '@once' }), null, now))).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000Z',
    ]);
    expect(nextDataInterval(spec({ schedule: '@once' }), { start: new Date(0), end: new Date(0) }, now)).toBeNull();
    expect(nextDataInterval(spec({ schedule: null }), null, now)).toBeNull();
    expect(nextDataInterval(spec({ endDate: '2023-12-31T00:00:00Z' }), null, now)).toBeNull();
  });
});
