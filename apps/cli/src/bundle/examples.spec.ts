import { definedDags } from '@updraft/sdk';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listArchive } from '../testing/archive';
import { makeTempDir } from '../testing/stand-in-api';
import { buildBundle } from './bundle';

const EXAMPLES = join(__dirname, '..', '..', '..', '..', 'examples');

describe('the examples deploy', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
    definedDags().splice(0);
  });
  afterEach(() => dir.remove());

  it.each(readdirSync(EXAMPLES))('%s builds into a bundle whose DAGs load', async (example) => {
    const bundle = await buildBundle(join(EXAMPLES, example));
    const files = await listArchive(bundle.archive);
    const { entries } = JSON.parse(files.get('updraft.json') ?? '{}') as { entries: string[] };
    for (const entry of entries) {
      const path = join(dir.path, entry.replace(/\//g, '_'));
      writeFileSync(path, files.get(entry) ?? '');
      require(path);
    }
    expect(definedDags().length).toBeGreaterThan(0);
  });

  it('authoring-tour bundles its npm dependency and uses task groups, templates, http and triggerDagRun', async () => {
    const bundle = await buildBundle(join(EXAMPLES, 'authoring-tour'));
    const files = await listArchive(bundle.archive);
    expect(files.get('dags/tour.js')).toContain('dayjs');
    const path = join(dir.path, 'tour.js');
    writeFileSync(path, files.get('dags/tour.js') ?? '');
    require(path);
    const tour = definedDags()
      .find((d) => d.dagId === 'authoring_tour')
      ?.serialize();
    expect(tour?.tasks.map((t) => [t.taskId, t.operator, t.upstream])).toEqual([
      ['start', 'empty', []],
      ['extract.download', 'bash', ['start']],
      ['extract.weekday', 'task', ['extract.download']],
      ['check_status', 'http', ['extract.weekday']],
      ['announce', 'bash', ['extract.weekday']],
      ['trigger_report', 'trigger_dag_run', ['announce', 'check_status']],
    ]);
  });
});
