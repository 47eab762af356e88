import { loadConfig } from './config';
import { run } from './program';
import { prompt } from './prompt';

run(process.argv.slice(2), {
  streams: { stdout: process.stdout, stderr: process.stderr },
  loadConfig: () => loadConfig(),
  prompt: (question, options) => prompt(question, options),
  installDir: __dirname,
}).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
