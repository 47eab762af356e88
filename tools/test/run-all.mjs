// `npm test`: every check the workspace has, in order, with real per-test counts from Jest (via
// json-results-reporter.cjs) and Vitest (its json reporter). The last line printed is
// `N passed, N failed, N skipped`; the exit code is non-zero when anything failed.
//   npm test -- --only=typecheck,lint     run some steps only
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from '../dependencies.mjs';
import { chromiumInstalled, ensureServices } from '../services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS = join(root, 'test-output', 'results');
const STEPS = ['typecheck', 'lint', 'unit', 'integration', 'api-e2e', 'console-e2e'];
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NG_CLI_ANALYTICS: 'false',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
};
const nx = [join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js')];
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const summary = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

function log(text = '') {
  process.stdout.write(`${text}\n`);
}

function run(command, args, { capture = false, extraEnv = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...env, ...extraEnv },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.once('error', (error) => resolve({ code: 127, output: String(error) }));
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

async function pool(items, size, work) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(size, queue.length) }, async () => {
      while (queue.length) await work(queue.shift());
    }),
  );
}

/** One task's part of `nx run-many --outputStyle=static` output: from its `> nx run <task>` header to the next. */
function taskOutput(output, task) {
  const start = output.indexOf(`> nx run ${task}`);
  if (start < 0) return '(no output captured)';
  const next = output.indexOf('> nx run ', start + 1);
  return output.slice(start, next < 0 ? undefined : next).trim();
}

const tail = (text, lines) => text.trimEnd().split('\n').slice(-lines).join('\n');

function record(name, started, counts, note = '') {
  const seconds = (Date.now() - started) / 1000;
  summary.push({ name, seconds, ...counts, note });
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  log(
    `■ ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${seconds.toFixed(1)} s${note ? ` (${note})` : ''}\n`,
  );
}

/** Sums the JSON files reporters wrote under dir; a project that failed without reporting counts as one failure. */
function readResults(dir) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const reported = new Set();
  const problems = [];
  const empty = [];
  if (!existsSync(dir)) return { counts, reported, problems, empty };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (data.runner === 'jest') {
      counts.passed += data.passed;
      counts.failed += data.failed + data.failedSuites;
      counts.skipped += data.skipped;
      reported.add(data.project);
      if (data.passed + data.failed + data.skipped + data.failedSuites === 0) empty.push(data.project);
      problems.push(...data.failures, ...data.suiteErrors.map((e) => `${e.file}: ${e.message}`));
    } else {
      // Vitest's json reporter (Jest-compatible shape), named vitest-<project>.json by us.
      counts.passed += data.numPassedTests;
      counts.failed +=
        data.numFailedTests + (data.numFailedTestSuites && !data.numFailedTests ? data.numFailedTestSuites : 0);
      counts.skipped += data.numPendingTests + data.numTodoTests;
      reported.add(file.replace(/^vitest-|\.json$/g, ''));
      for (const suite of data.testResults ?? []) {
        for (const t of suite.assertionResults ?? [])
          if (t.status === 'failed') problems.push(`${suite.name} › ${t.fullName}`);
      }
    }
  }
  return { counts, reported, problems, empty };
}

async function loadProjects() {
  const file = join(root, 'test-output', 'project-graph.json');
  const { code, output } = await run(process.execPath, [...nx, 'graph', `--file=${file}`], { capture: true });
  if (code !== 0) throw new Error(`nx graph failed:\n${tail(output, 30)}`);
  const nodes = JSON.parse(readFileSync(file, 'utf8')).graph.nodes;
  return Object.entries(nodes)
    .filter(([, node]) => node.data.root && node.data.root !== '.')
    .map(([name, node]) => ({ name, root: node.data.root, targets: node.data.targets ?? {} }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function prerequisites() {
  const started = Date.now();
  log('▶ prerequisites');
  try {
    if (ensureDependencies(root, log)) log('  dependencies installed');
    for (const line of await ensureServices({ log: (l) => log(`  ${l}`) })) log(`  ${line}`);
    if (!chromiumInstalled())
      log(
        '  warning: /usr/bin/chromium is missing, so the console browser test will fail (apt-get install -y chromium; .ci/run does it)',
      );
    log(`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return true;
  } catch (error) {
    log(`  ${error.message}`);
    record('prerequisites', started, { passed: 0, failed: 1, skipped: 0 });
    return false;
  }
}

async function typecheck(projects) {
  const started = Date.now();
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const withConfigs = projects
    .map((p) => ({
      ...p,
      configs: ['tsconfig.app.json', 'tsconfig.lib.json', 'tsconfig.spec.json', 'tsconfig.e2e.json'].filter((c) =>
        existsSync(join(root, p.root, c)),
      ),
    }))
    .filter((p) => p.configs.length);
  log(`▶ typecheck: tsc --noEmit, ${withConfigs.length} projects`);
  await pool(withConfigs, 2, async (project) => {
    const errors = [];
    for (const config of project.configs) {
      // Incremental build info under test-output makes a re-run check only what changed.
      const buildInfo = join(root, 'test-output', 'tsc', `${project.name}-${config.replace('.json', '')}.tsbuildinfo`);
      const { code, output } = await run(
        process.execPath,
        [tsc, '--noEmit', '--incremental', '--tsBuildInfoFile', buildInfo, '-p', join(project.root, config)],
        { capture: true },
      );
      if (code !== 0) errors.push(`  ${project.root}/${config}:\n${tail(output, 25).replace(/^/gm, '    ')}`);
    }
    if (errors.length) {
      counts.failed++;
      log(`  ✗ ${project.name}\n${errors.join('\n')}`);
    } else {
      counts.passed++;
      log(`  ✓ ${project.name}`);
    }
  });
  record('typecheck', started, counts, 'one check per project');
}

async function lint(projects) {
  const started = Date.now();
  const linted = projects.filter((p) => p.targets.lint);
  log(`▶ lint: nx run-many -t lint, ${linted.length} projects`);
  // One nx process for all projects (each nx start costs seconds); per-project verdicts come from its "Failed tasks" list.
  const { code, output } = await run(
    process.execPath,
    [
      ...nx,
      'run-many',
      '-t',
      'lint',
      '-p',
      linted.map((p) => p.name).join(','),
      '--parallel=2',
      '--outputStyle=static',
    ],
    { capture: true },
  );
  const at = output.lastIndexOf('Failed tasks:');
  const failedSection = at >= 0 ? output.slice(at) : '';
  const failed = new Set(code === 0 ? [] : [...failedSection.matchAll(/^\s*- ([^\s:]+):lint\s*$/gm)].map((m) => m[1]));
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const project of linted) {
    if (failed.has(project.name)) {
      counts.failed++;
      log(`  ✗ ${project.name}\n${taskOutput(output, `${project.name}:lint`).replace(/^/gm, '    ')}`);
    } else {
      counts.passed++;
      log(`  ✓ ${project.name}`);
    }
  }
  if (code !== 0 && failed.size === 0) {
    log(tail(output, 60).replace(/^/gm, '    '));
    counts.failed++;
  }
  const prettier = await run(
    process.execPath,
    [join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '.'],
    { capture: true },
  );
  if (prettier.code === 0) {
    counts.passed++;
    log('  ✓ formatting (prettier --check .)');
  } else {
    counts.failed++;
    log(
      `  ✗ formatting: run \`npm run format\` (prettier --write .)\n${tail(prettier.output, 30).replace(/^/gm, '    ')}`,
    );
  }
  record('lint', started, counts, 'one check per project, and one for formatting');
}

function isJest(target) {
  const command = target.options?.command ?? '';
  return target.executor === '@nx/jest:jest' || /(^|\s)jest(\s|$)/.test(command);
}

/** Runs the projects' `target` and totals what their reporters wrote; unreported failures count once. */
async function testStep(name, projects, targetName, { parallel, jestArgs = [] }) {
  const started = Date.now();
  const dir = join(RESULTS, name);
  mkdirSync(dir, { recursive: true });
  const extraEnv = { UPDRAFT_TEST_RESULTS_DIR: dir };
  const jest = projects.filter((p) => isJest(p.targets[targetName]));
  const vitest = projects.filter((p) => p.targets[targetName].executor === '@angular/build:unit-test');
  const other = projects.filter((p) => !jest.includes(p) && !vitest.includes(p));
  log(`▶ ${name}: nx ${targetName} for ${projects.map((p) => p.name).join(', ') || 'no project'}`);
  const failedProjects = new Set();
  if (jest.length) {
    const args = [
      ...nx,
      'run-many',
      '-t',
      targetName,
      '-p',
      jest.map((p) => p.name).join(','),
      '--skip-nx-cache',
      `--parallel=${parallel}`,
      '--outputStyle=static',
    ];
    const { code } = await run(process.execPath, jestArgs.length ? [...args, '--', ...jestArgs] : args, { extraEnv });
    if (code !== 0) jest.forEach((p) => failedProjects.add(p));
  }
  for (const project of vitest) {
    const outputFile = join(dir, `vitest-${project.name}.json`);
    const { code } = await run(
      process.execPath,
      [
        ...nx,
        'run',
        `${project.name}:${targetName}`,
        '--skip-nx-cache',
        '--outputStyle=static',
        '--reporters=json',
        '--reporters=default',
        `--outputFile=${outputFile}`,
      ],
      { extraEnv },
    );
    if (code !== 0) failedProjects.add(project);
  }
  const unreportedPasses = [];
  for (const project of other) {
    const { code } = await run(
      process.execPath,
      [...nx, 'run', `${project.name}:${targetName}`, '--outputStyle=static'],
      { extraEnv },
    );
    if (code !== 0) failedProjects.add(project);
    else unreportedPasses.push(project);
  }
  const { counts, reported, problems, empty } = readResults(dir);
  if (empty.length) log(`  note: no tests yet in ${empty.join(', ')}`);
  const unreported = [...failedProjects].filter((p) => !reported.has(p.root) && !reported.has(p.name));
  counts.failed += unreported.length;
  // A runner we cannot read counts (not Jest, not Vitest) passes as one check.
  const silent = unreportedPasses.filter((p) => !reported.has(p.root) && !reported.has(p.name));
  counts.passed += silent.length;
  for (const problem of problems) log(`  ✗ ${problem}`);
  for (const project of unreported) log(`  ✗ ${project.name}: failed before reporting any test (see its output above)`);
  const note = silent.length
    ? `${silent.map((p) => p.name).join(', ')} reported no per-test counts: one check each`
    : '';
  record(name, started, counts, note);
}

async function e2eStep(name, projectName, projects) {
  const project = projects.find((p) => p.name === projectName);
  if (!project?.targets.e2e) {
    const started = Date.now();
    log(`▶ ${name}\n  skipped: there is no ${projectName} project with an e2e target yet`);
    record(name, started, { passed: 0, failed: 0, skipped: 1 }, `${projectName} does not exist yet`);
    return;
  }
  // Not --skip-nx-cache: that would rebuild the apps; the e2e targets themselves are not cached.
  const started = Date.now();
  const dir = join(RESULTS, name);
  mkdirSync(dir, { recursive: true });
  log(`▶ ${name}: nx run ${projectName}:e2e`);
  const { code } = await run(process.execPath, [...nx, 'run', `${projectName}:e2e`, '--outputStyle=static'], {
    extraEnv: { UPDRAFT_TEST_RESULTS_DIR: dir },
  });
  const { counts, reported, problems } = readResults(dir);
  for (const problem of problems) log(`  ✗ ${problem}`);
  let note = '';
  if (!reported.size) {
    note = 'no per-test counts reported: counted as one check';
    if (code === 0) counts.passed++;
    else counts.failed++;
  } else if (code !== 0 && counts.failed === 0) {
    counts.failed++;
    note = 'the tests passed but the target failed';
  }
  record(name, started, counts, note);
}

async function main() {
  const runStarted = Date.now();
  const wanted = (step) => !only || only.includes(step);
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });

  if (await prerequisites()) {
    const projects = await loadProjects();
    const having = (target) => projects.filter((p) => p.targets[target]);
    if (wanted('typecheck')) await typecheck(projects);
    if (wanted('lint')) await lint(projects);
    if (wanted('unit'))
      await testStep('unit', having('test'), 'test', {
        parallel: 2,
        jestArgs: ['--maxWorkers=1', '--passWithNoTests'],
      });
    if (wanted('integration')) {
      if (having('integration').length)
        await testStep('integration', having('integration'), 'integration', { parallel: 1 });
      else log('▶ integration\n  no project has an integration target\n');
    }
    if (wanted('api-e2e')) await e2eStep('api-e2e', 'api-e2e', projects);
    if (wanted('console-e2e')) await e2eStep('console-e2e', 'console-e2e', projects);
  }

  log('step           time      passed  failed  skipped');
  for (const s of summary) {
    log(
      `${s.name.padEnd(14)} ${`${s.seconds.toFixed(1)} s`.padStart(8)}  ${String(s.passed).padStart(6)}  ${String(s.failed).padStart(6)}  ${String(s.skipped).padStart(7)}`,
    );
  }
  log(`total          ${`${((Date.now() - runStarted) / 1000).toFixed(1)} s`.padStart(8)}`);
  log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

main().catch((error) => {
  log(`run-all crashed: ${error.stack ?? error}`);
  log(`${totals.passed} passed, ${totals.failed + 1} failed, ${totals.skipped} skipped`);
  process.exitCode = 1;
});
