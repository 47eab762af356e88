import { bundleNameFrom, checkManifest } from '@updraft/contracts';
import type { Command } from 'commander';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { outputFor, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';
import { EXAMPLE_DAG_FILE, EXAMPLE_DAG_ID, projectFiles } from '../scaffold/project-files';
import { vendorPackages } from '../scaffold/vendor';

interface InitOptions extends JsonOption {
  name?: string;
}

export function registerInitCommand(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('start a DAG bundle project in a new or empty folder')
    .argument('[dir]', 'the folder to create the project in', '.')
    .option('--name <name>', 'the bundle name: letters, digits, _ . - (default: made from the folder name)')
    .option('--json', 'machine-readable output')
    .action((dir: string, options: InitOptions) => init(ctx, dir, options));
}

async function init(ctx: CliContext, dir: string, options: InitOptions): Promise<void> {
  const root = resolve(dir);
  const name = bundleName(options.name, root);
  ensureEmptyFolder(dir, root);
  const vendored = await vendorPackages(ctx.installDir, root);
  const files = projectFiles(name, vendored);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content, { flag: 'wx' });
  }
  const created = { dir: root, name, files: [...Object.keys(files), vendored.cli, vendored.sdk].sort() };
  outputFor(ctx, options).result(created, () =>
    [
      `Created bundle project ${name} in ${root}:`,
      ...created.files.map((file) => `  ${file}`),
      '',
      'Next:',
      ...(dir === '.' ? [] : [`  cd ${dir}`]),
      '  npm install         (the SDK and this CLI come from vendor/, no registry needed for them)',
      "  npm run typecheck   (tsc with the SDK's types)",
      `  npm test            (updraft dags test ${EXAMPLE_DAG_FILE} ${EXAMPLE_DAG_ID}: runs it here, no server needed)`,
      '  npx updraft deploy  (type-checks, then uploads it, after `npx updraft login`)',
      '',
    ].join('\n'),
  );
}

/** `--name` as given (the platform's rule applies), else one made from the folder's name. */
function bundleName(given: string | undefined, root: string): string {
  if (given === undefined) return bundleNameFrom(basename(root));
  const { problems } = checkManifest({ name: given, entries: [EXAMPLE_DAG_FILE] });
  if (problems.length > 0) throw new CliError(`--name: ${problems.join('; ')}`);
  return given;
}

function ensureEmptyFolder(dir: string, root: string): void {
  let entries: string[];
  try {
    if (!statSync(root).isDirectory())
      throw new CliError(`${dir} is a file: \`updraft init\` needs a new or empty folder`);
    entries = readdirSync(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(root, { recursive: true });
    return;
  }
  if (entries.length > 0) {
    throw new CliError(
      `${dir} is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}): \`updraft init\` needs a new or empty folder`,
    );
  }
}
