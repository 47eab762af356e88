/**
 * Templates render in a real sandbox process (the runner built with esbuild, Nunjucks inside it),
 * asking the parent for XCom over IPC; a template that breaks out into JavaScript stays inside
 * the same walls as tenant code.
 */
import { build } from 'esbuild';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareScratch } from './isolation';
import type { PlatformCall, TemplateContext } from './protocol';
import { runInSandbox } from './sandbox-process';

jest.setTimeout(30_000);

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');
const context: TemplateContext = {
  dagId: 'etl',
  taskId: 'load',
  operator: 'bash',
  runId: 'manual__1',
  logicalDate: '2024-03-05T06:00:00.000Z',
  ds: '2024-03-05',
  dataIntervalStart: '2024-03-05T06:00:00.000Z',
  dataIntervalEnd: '2024-03-05T06:00:00.000Z',
  tryNumber: 1,
  mapIndex: -1,
  params: { region: 'eu' },
  conf: {},
  triggeringAssetEvents: {},
};

let base: string;
let runnerPath: string;
let n = 0;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'updraft-render-'));
  await chmod(base, 0o755);
  runnerPath = join(base, 'runner', 'sandbox-runner.js');
  await build({
    entryPoints: [join(WORKSPACE_ROOT, 'libs/sandbox/src/runner/sandbox-runner.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: join(WORKSPACE_ROOT, 'tsconfig.base.json'),
    outfile: runnerPath,
    logLevel: 'error',
  });
});

afterAll(() => rm(base, { recursive: true, force: true }));

async function render(fields: Record<string, unknown>, onCall?: (call: PlatformCall) => Promise<unknown>) {
  const scratch = join(base, `scratch-${n++}`);
  await prepareScratch(scratch);
  return runInSandbox(
    { kind: 'render', fields, context },
    {
      runnerPath,
      readable: [],
      scratchDir: scratch,
      memoryMb: 128,
      timeoutMs: 20_000,
      isolateNetwork: true,
      allowCodeGeneration: true,
      onOutput: () => undefined,
      onCall,
    },
  );
}

describe('render requests', () => {
  it('render templates with XCom fetched from the parent', async () => {
    const calls: PlatformCall[] = [];
    const result = await render(
      {
        command: 'echo {{ ds }} {{ params.region }} {{ ti.xcomPull("extract").rows }}',
        env: { AT: '{{ ts_nodash }}' },
      },
      async (call) => {
        calls.push(call);
        return { rows: 42 };
      },
    );
    expect(result).toEqual({ rendered: { command: 'echo 2024-03-05 eu 42', env: { AT: '20240305T060000' } } });
    expect(calls).toEqual([{ method: 'xcomPull', taskId: 'extract', key: 'return_value' }]);
  });

  it('fail naming the field when a template is broken', async () => {
    expect(await render({ url: '{% if %}' })).toEqual({
      outcome: 'fail',
      message: expect.stringMatching(/^template in 'url': /),
    });
  });

  it('keep a template that escapes into JavaScript away from the platform environment and files', async () => {
    process.env['UPDRAFT_RENDER_CANARY'] = 'platform-secret';
    try {
      const result = await render({
        env: '{{ "".constructor.constructor("return JSON.stringify(process.env)")() }}',
        file: "{{ \"\".constructor.constructor(\"try { return process.getBuiltinModule('fs').readFileSync('/etc/hostname', 'utf8') } catch (e) { return e.code }\")() }}",
      });
      expect(result).toEqual({
        rendered: { env: expect.not.stringContaining('platform-secret'), file: 'ERR_ACCESS_DENIED' },
      });
    } finally {
      delete process.env['UPDRAFT_RENDER_CANARY'];
    }
  });
});
