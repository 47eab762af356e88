import { join } from 'node:path';

/** The sandbox runner is bundled on its own (target build-sandbox-runner), next to the worker's build. */
export const SANDBOX_RUNNER_PATH = join(__dirname, '..', 'worker-sandbox', 'sandbox-runner.js');
