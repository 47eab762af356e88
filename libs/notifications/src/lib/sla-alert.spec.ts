import type { SlaMissEntity } from '@updraft/persistence';
import { formatLateness, slaMissMessage } from './sla-alert';

const base = {
  tenantSlug: 'acme',
  runId: 'scheduled__2024-05-02T02:00:00.000+00:00',
  runType: 'scheduled' as const,
  runState: 'running' as const,
  taskState: 'running' as const,
  slaChannels: null,
  deadlineChannels: null,
};

function miss(taskId: string | null, finishedAt: Date | null): SlaMissEntity {
  return {
    id: 'm1',
    tenantId: 't',
    dagId: 'sales',
    dagRunId: 'r',
    taskId,
    expectedAt: new Date('2024-05-02T02:30:00Z'),
    detectedAt: new Date('2024-05-02T02:34:12.400Z'),
    finishedAt,
    notifiedAt: null,
  };
}

describe('SLA alert text', () => {
  it.each([
    [3_240, '3.2 s'],
    [42_000, '42 s'],
    [252_000, '4 min 12 s'],
    [7_500_000, '2 h 5 min'],
  ])('says %i ms as %s', (ms, text) => {
    expect(formatLateness(ms)).toBe(text);
  });

  it('says what missed, by how much, from when, and links to the run', () => {
    const message = slaMissMessage({ ...base, miss: miss('load', null) }, 'https://updraft.example.com/');
    expect(message.subject).toBe('[Updraft] SLA missed: sales.load by 4 min 12 s');
    expect(message.text).toContain(
      'Task load of DAG sales missed its SLA in run scheduled__2024-05-02T02:00:00.000+00:00 by 4 min 12 s.',
    );
    expect(message.text).toContain('counted from the end of its data interval');
    expect(message.text).toContain('It was still running 4 min 12 s after it was due.');
    expect(message.link).toBe(
      'https://updraft.example.com/dags/sales?tenant=acme&run=scheduled__2024-05-02T02%3A00%3A00.000%2B00%3A00',
    );
  });

  it('measures a task that finished late by when it finished, and names a deadline miss', () => {
    expect(
      slaMissMessage({ ...base, miss: miss('load', new Date('2024-05-02T02:31:00Z')) }, 'http://x').text,
    ).toContain('It finished 1 min late');
    const deadline = slaMissMessage({ ...base, runType: 'manual', miss: miss(null, null) }, 'http://x');
    expect(deadline.subject).toBe('[Updraft] Deadline missed: sales by 4 min 12 s');
    expect(deadline.text).toContain('counted from when the run was queued');
  });
});
