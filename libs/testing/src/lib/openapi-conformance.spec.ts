import { OpenApiConformance } from './openapi-conformance';

const json = 'application/json; charset=utf-8';
const run = {
  runId: 'manual__2024-01-01T00:00:00.000+00:00',
  dagId: 'etl',
  state: 'queued',
  runType: 'manual',
  logicalDate: '2024-01-01T00:00:00.000Z',
  dataIntervalStart: '2024-01-01T00:00:00.000Z',
  dataIntervalEnd: '2024-01-01T00:00:00.000Z',
  conf: {},
  queuedAt: '2024-01-01T00:00:00.000Z',
  startDate: null,
  endDate: null,
};
const runPath = '/api/v1/tenants/acme/dags/etl/dagRuns/manual__2024-01-01T00%3A00%3A00.000%2B00%3A00';

describe('OpenApiConformance (against the committed document)', () => {
  const conformance = new OpenApiConformance();

  it('accepts an answer on its schema, and null where a nested object is nullable', () => {
    expect(conformance.problems('GET', runPath, 200, json, run)).toEqual([]);
    const dag = {
      dagId: 'etl',
      description: null,
      schedule: null,
      assetSchedule: null,
      timezone: 'UTC',
      startDate: null,
      catchup: false,
      tags: [],
      team: null,
      owners: [],
      recentRuns: [],
      slaMisses: 0,
      isPaused: false,
      isActive: true,
      bundleName: 'b',
      bundleVersion: 1,
      lastRun: null,
      nextRunAt: null,
    };
    expect(
      conformance.problems('GET', '/api/v1/tenants/acme/dags', 200, json, {
        items: [dag],
        total: 1,
        limit: 50,
        offset: 0,
      }),
    ).toEqual([]);
  });

  it('refuses a field the document does not declare, a missing one, and a wrong type', () => {
    expect(conformance.problems('GET', runPath, 200, json, { ...run, secret: 1 })).toEqual([
      expect.stringMatching(/dagRuns_get.*must NOT have additional properties.*secret/),
    ]);
    const withoutDagId: Partial<typeof run> = { ...run };
    delete withoutDagId.dagId;
    expect(conformance.problems('GET', runPath, 200, json, withoutDagId)).toEqual([
      expect.stringMatching(/must have required property 'dagId'/),
    ]);
    expect(conformance.problems('GET', runPath, 200, json, { ...run, state: 'lost' })).toEqual([
      expect.stringMatching(/state must be equal to one of the allowed values/),
    ]);
  });

  it('refuses a status the operation does not declare, and an operation the document does not have', () => {
    expect(conformance.problems('GET', runPath, 418, json, {})).toEqual([
      expect.stringMatching(/status 418 is not declared for dagRuns_get/),
    ]);
    expect(conformance.problems('DELETE', runPath, 204, null, null)).toEqual([
      expect.stringMatching(/no operation in the OpenAPI document/),
    ]);
  });

  it('checks errors against the common error shape', () => {
    expect(
      conformance.problems('GET', runPath, 404, json, {
        statusCode: 404,
        error: 'Not Found',
        message: "run 'x' not found",
      }),
    ).toEqual([]);
    expect(conformance.problems('GET', runPath, 404, json, { message: 'no' })).not.toEqual([]);
  });
});
