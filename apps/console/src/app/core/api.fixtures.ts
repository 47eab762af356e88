import { DagRun, LoginResponse, TaskInstance } from './api.types';

export const LOGIN_RESPONSE: LoginResponse = {
  accessToken: 'token-1',
  expiresIn: 900,
  refreshToken: 'refresh-1',
  user: { id: 'u1', email: 'ada@example.com' },
  tenants: [
    { slug: 'acme', name: 'Acme Corp', role: 'owner' },
    { slug: 'globex', name: 'Globex', role: 'viewer' },
  ],
};

export function aRun(overrides: Partial<DagRun> = {}): DagRun {
  return {
    runId: 'manual__2024-01-01T00:00:00.000+00:00',
    dagId: 'etl',
    state: 'success',
    runType: 'manual',
    logicalDate: '2024-01-01T00:00:00.000Z',
    dataIntervalStart: '2024-01-01T00:00:00.000Z',
    dataIntervalEnd: '2024-01-01T00:00:00.000Z',
    conf: {},
    queuedAt: '2024-01-01T00:00:00.000Z',
    startDate: '2024-01-01T00:00:01.000Z',
    endDate: '2024-01-01T00:00:05.000Z',
    ...overrides,
  };
}

export function aTaskInstance(overrides: Partial<TaskInstance> = {}): TaskInstance {
  return {
    taskId: 'extract',
    mapIndex: -1,
    operator: 'BashOperator',
    state: 'success',
    tryNumber: 1,
    maxTries: 1,
    queuedAt: null,
    startDate: null,
    endDate: null,
    durationMs: 1200,
    hostname: 'worker-1',
    error: null,
    ...overrides,
  };
}

export function page<T>(items: T[]) {
  return { items, total: items.length, limit: 100, offset: 0 };
}
