import { createInterface } from 'node:readline';
import { CliError } from './errors';

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** Asks on stderr; hides what is typed on a terminal, reads one line when stdin is piped. */
export function prompt(
  question: string,
  options: { hidden: boolean },
  input: Input = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  if (options.hidden && input.isTTY && input.setRawMode) return readHidden(question, input, output);
  return readLine(question, input, output);
}

function readLine(question: string, input: Input, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output: input.isTTY ? output : undefined, terminal: Boolean(input.isTTY) });
    let answered = false;
    if (input.isTTY) output.write(question);
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) resolve('');
    });
  });
}

function readHidden(question: string, input: Input, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    output.write(question);
    input.setRawMode?.(true);
    input.setEncoding('utf8');
    input.resume();
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new CliError('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    input.on('data', onData);
  });
}
