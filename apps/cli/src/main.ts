import { colourWanted, loadConfig } from './config';
import { run } from './program';
import { prompt } from './prompt';

run(process.argv.slice(2), {
  streams: { stdout: process.stdout, stderr: process.stderr },
  loadConfig: () => loadConfig(),
  prompt: (question, options) => prompt(question, options),
  installDir: __dirname,
  colour: colourWanted(process.stdout.isTTY),
}).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
