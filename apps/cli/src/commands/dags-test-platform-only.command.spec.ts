import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../testing/stand-in-api';

describe('updraft dags test with what only the platform runs (mapped tasks, sensors)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => dir = makeTempDir());
  afterEach(() => dir.remove());

  it('fails a mapped task and a sensor with a message saying to deploy, instead of running them wrongly', async () => {
    mkdirSync(join(dir.path, 'dags'));
    const file = join(dir.path, 'dags', 'platform.ts');
    writeFileSync(file, `import { dag, dateTimeSensor, task } from '@updraft/sdk';
      export default dag('platform_only', {}, () => {
        task('double', async (_ctx, { n }: { n: number }) => n * 2).expand({ n: [1, 2] });
        dateTimeSensor('wait', { targetTime: '2000-01-01T00:00:00Z' });
      });`);

    const result = await runCli(['dags', 'test', file, 'platform_only'], {});

    expect(result.code).toBe(1);
    expect(result.stdout).toContain("[double] failed: 'double' is a mapped task (expand), which cannot run locally yet; deploy the DAG to run it on the platform");
    expect(result.stdout).toContain("[wait] failed: operator 'date_time_sensor' cannot run locally yet; deploy the DAG to run it on the platform");
  });
});
