// Jest reporter registered in jest.preset.js: writes each run's counts to a JSON file so that
// tools/test/run-all.mjs can total real per-test numbers across every runner.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const workspaceRoot = join(__dirname, '..', '..');

class JsonResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.UPDRAFT_TEST_RESULTS_DIR || join(workspaceRoot, 'test-output', 'results');
    const project = relative(workspaceRoot, this.rootDir) || '.';
    const suiteErrors = results.testResults
      .filter((suite) => suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0))
      .map((suite) => ({
        file: relative(workspaceRoot, suite.testFilePath),
        message: firstLine(suite.testExecError?.message || suite.failureMessage),
      }));
    const failures = results.testResults.flatMap((suite) =>
      suite.testResults
        .filter((t) => t.status === 'failed')
        .map((t) => `${relative(workspaceRoot, suite.testFilePath)} › ${t.fullName}`),
    );
    const report = {
      runner: 'jest',
      project,
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      // A suite that cannot run (syntax or type error, failing beforeAll) has no failed test to count.
      failedSuites: suiteErrors.length,
      failures,
      suiteErrors,
    };
    mkdirSync(dir, { recursive: true });
    const name = `jest-${project.replace(/[^a-z0-9]+/gi, '_')}-${process.pid}-${Date.now()}.json`;
    writeFileSync(join(dir, name), JSON.stringify(report, null, 2));
  }
}

function firstLine(text) {
  return String(text || '')
    .replace(/\x1b\[[0-9;]*m/g, '')
    .trim()
    .split('\n')
    .slice(0, 3)
    .join(' ')
    .slice(0, 300);
}

module.exports = JsonResultsReporter;
