import { join } from 'node:path';

export const SANDBOX_RUNNER = Symbol('SANDBOX_RUNNER');

/** The sandbox runner is bundled on its own (target build-sandbox-runner), next to the worker's build. */
export const BUILT_SANDBOX_RUNNER_PATH = join(__dirname, '..', 'worker-sandbox', 'sandbox-runner.js');
