import { DataInterval, nextDataInterval, ScheduleSpec } from './schedule';

/** Five consecutive intervals from `startDate`, as [start, end] in UTC. */
function five(over: Partial<ScheduleSpec>): [string, string][] {
  const spec: ScheduleSpec = {
    schedule: '@daily',
    startDate: null,
    endDate: null,
    timezone: 'Europe/Berlin',
    catchup: true,
    ...over,
  };
  const out: [string, string][] = [];
  let last: DataInterval | null = null;
  for (let i = 0; i < 5; i++) {
    last = nextDataInterval(spec, last, new Date('2025-01-01T00:00:00Z')) as DataInterval;
    out.push([last.start.toISOString(), last.end.toISOString()]);
  }
  return out;
}

describe('schedules across DST changes (Europe/Berlin)', () => {
  it.each<[string, Partial<ScheduleSpec>, [string, string][]]>([
    [
      '@daily over the last Sunday of March: local midnight, the short day is 23 h',
      { startDate: '2024-03-29T00:00:00+01:00' },
      [
        ['2024-03-28T23:00:00.000Z', '2024-03-29T23:00:00.000Z'],
        ['2024-03-29T23:00:00.000Z', '2024-03-30T23:00:00.000Z'],
        ['2024-03-30T23:00:00.000Z', '2024-03-31T22:00:00.000Z'],
        ['2024-03-31T22:00:00.000Z', '2024-04-01T22:00:00.000Z'],
        ['2024-04-01T22:00:00.000Z', '2024-04-02T22:00:00.000Z'],
      ],
    ],
    [
      '@daily over the last Sunday of October: the long day is 25 h',
      { startDate: '2024-10-25T00:00:00+02:00' },
      [
        ['2024-10-24T22:00:00.000Z', '2024-10-25T22:00:00.000Z'],
        ['2024-10-25T22:00:00.000Z', '2024-10-26T22:00:00.000Z'],
        ['2024-10-26T22:00:00.000Z', '2024-10-27T23:00:00.000Z'],
        ['2024-10-27T23:00:00.000Z', '2024-10-28T23:00:00.000Z'],
        ['2024-10-28T23:00:00.000Z', '2024-10-29T23:00:00.000Z'],
      ],
    ],
    [
      '06:30 local every day keeps its wall-clock time in spring',
      { schedule: '30 6 * * *', startDate: '2024-03-29T00:00:00+01:00' },
      [
        ['2024-03-29T05:30:00.000Z', '2024-03-30T05:30:00.000Z'],
        ['2024-03-30T05:30:00.000Z', '2024-03-31T04:30:00.000Z'],
        ['2024-03-31T04:30:00.000Z', '2024-04-01T04:30:00.000Z'],
        ['2024-04-01T04:30:00.000Z', '2024-04-02T04:30:00.000Z'],
        ['2024-04-02T04:30:00.000Z', '2024-04-03T04:30:00.000Z'],
      ],
    ],
    [
      'a fixed duration ignores DST (every 24 h of real time)',
      { schedule: '24h', startDate: '2024-03-30T00:00:00+01:00' },
      [
        ['2024-03-29T23:00:00.000Z', '2024-03-30T23:00:00.000Z'],
        ['2024-03-30T23:00:00.000Z', '2024-03-31T23:00:00.000Z'],
        ['2024-03-31T23:00:00.000Z', '2024-04-01T23:00:00.000Z'],
        ['2024-04-01T23:00:00.000Z', '2024-04-02T23:00:00.000Z'],
        ['2024-04-02T23:00:00.000Z', '2024-04-03T23:00:00.000Z'],
      ],
    ],
  ])('%s', (_case, over, expected) => {
    expect(five(over)).toEqual(expected);
  });

  it('an hourly schedule has 23 runs on the spring-forward day and 25 on the fall-back day', () => {
    const count = (from: string, to: string) => {
      const spec: ScheduleSpec = {
        schedule: '@hourly',
        startDate: from,
        endDate: to,
        timezone: 'Europe/Berlin',
        catchup: true,
      };
      let n = 0;
      for (
        let i = nextDataInterval(spec, null, new Date('2025-01-01'));
        i && i.start < new Date(to);
        i = nextDataInterval(spec, i, new Date('2025-01-01'))
      )
        n++;
      return n;
    };
    expect(count('2024-03-31T00:00:00+01:00', '2024-04-01T00:00:00+02:00')).toBe(23);
    expect(count('2024-10-27T00:00:00+02:00', '2024-10-28T00:00:00+01:00')).toBe(25);
  });
});
