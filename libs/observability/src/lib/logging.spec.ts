import { ConsoleLogger, Logger } from '@nestjs/common';
import { Writable } from 'node:stream';
import { createLogger, idsFromPath, installLogger, NestPinoLogger, withLogContext } from './logging';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, stream };
}

describe('logging', () => {
  it("writes Nest's log calls as JSON lines at LOG_LEVEL, with their context, and nothing below the level", () => {
    const { lines, stream } = capture();
    const logger = new NestPinoLogger(createLogger({ logLevel: 'info', logFormat: 'json' }, 'api', stream));
    logger.log('Mapped {/api/v1/health, GET} route', 'RouterExplorer');
    logger.debug('not shown', 'Api');
    logger.error('boom', 'a stack', 'Api');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        app: 'api',
        context: 'RouterExplorer',
        msg: 'Mapped {/api/v1/health, GET} route',
      }),
      expect.objectContaining({ level: 'error', context: 'Api', stack: 'a stack', msg: 'boom' }),
    ]);
    expect(typeof lines[0]['time']).toBe('string');
  });

  it('gives every line logged inside a job or request the ids it is about', () => {
    const { lines, stream } = capture();
    installLogger({ logLevel: 'debug', logFormat: 'json' }, 'worker', stream);
    try {
      withLogContext({ tenant: 't1', taskInstanceId: 'ti-1', dagId: undefined }, () =>
        new Logger('TaskRunner').log('started'),
      );
      new Logger('TaskRunner').log('outside');
    } finally {
      Logger.overrideLogger(new ConsoleLogger());
    }
    expect(lines[0]).toMatchObject({ msg: 'started', context: 'TaskRunner', tenant: 't1', taskInstanceId: 'ti-1' });
    expect(lines[0]).not.toHaveProperty('dagId');
    expect(lines[1]).not.toHaveProperty('tenant');
  });

  it('reads the tenant, DAG, run and task from a route path', () => {
    expect(
      idsFromPath(
        '/api/v1/tenants/acme/dags/etl/dagRuns/manual__2024-01-01T00%3A00%3A00/taskInstances/load/logs/1?x=1',
      ),
    ).toEqual({
      tenant: 'acme',
      dagId: 'etl',
      runId: 'manual__2024-01-01T00:00:00',
      taskId: 'load',
    });
    expect(idsFromPath('/api/v1/auth/login')).toEqual({});
  });
});
