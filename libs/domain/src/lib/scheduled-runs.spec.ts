import { planScheduledRuns, SchedulingState } from './scheduled-runs';

const limits = { maxRuns: 50, recheckBlockedMs: 5_000 };
const state = (over: Partial<SchedulingState['spec']>, rest: Partial<SchedulingState> = {}): SchedulingState => ({
  spec: {
    schedule: '* * * * *',
    startDate: '2024-01-01T00:00:00Z',
    endDate: null,
    timezone: 'UTC',
    catchup: false,
    maxActiveRuns: 16,
    ...over,
  },
  last: null,
  activeRuns: 0,
  ...rest,
});
const starts = (plan: ReturnType<typeof planScheduledRuns>) => plan.intervals.map((i) => i.start.toISOString());

describe('planScheduledRuns', () => {
  const now = new Date('2024-01-05T10:00:00.040Z');

  it('creates the interval that ended a moment ago and looks again when the next one ends', () => {
    const plan = planScheduledRuns(state({}), now, limits);
    expect(starts(plan)).toEqual(['2024-01-05T09:59:00.000Z']);
    expect(plan.nextCheckAt?.toISOString()).toBe('2024-01-05T10:01:00.000Z');
  });

  it('with catchup, every missed interval in order, at most maxRuns at a time, then looks again at once', () => {
    const last = { start: new Date('2024-01-05T09:55:00Z'), end: new Date('2024-01-05T09:56:00Z') };
    expect(starts(planScheduledRuns(state({ catchup: true }, { last }), now, limits))).toEqual([
      '2024-01-05T09:56:00.000Z',
      '2024-01-05T09:57:00.000Z',
      '2024-01-05T09:58:00.000Z',
      '2024-01-05T09:59:00.000Z',
    ]);
    const capped = planScheduledRuns(state({ catchup: true }, { last }), now, { ...limits, maxRuns: 2 });
    expect([starts(capped), capped.nextCheckAt]).toEqual([
      ['2024-01-05T09:56:00.000Z', '2024-01-05T09:57:00.000Z'],
      now,
    ]);
  });

  it('holds maxActiveRuns and rechecks a blocked DAG after the recheck delay', () => {
    const plan = planScheduledRuns(state({ catchup: true, maxActiveRuns: 2 }, { activeRuns: 1 }), now, limits);
    expect(plan.intervals).toHaveLength(1);
    expect(plan.nextCheckAt).toEqual(new Date(now.getTime() + 5_000));
  });

  it('never schedules a manual DAG again', () => {
    expect(planScheduledRuns(state({ schedule: null }), now, limits)).toEqual({ intervals: [], nextCheckAt: null });
  });
});
