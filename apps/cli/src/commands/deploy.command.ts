import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import type { Bundle } from '../api-types';
import { buildBundle } from '../bundle/bundle';
import { readManifest } from '../bundle/manifest';
import { typecheckProject } from '../bundle/typecheck';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';
import { formatFields } from '../output';

export function registerDeployCommand(program: Command, ctx: CliContext): void {
  program
    .command('deploy')
    .description('pack a bundle folder (with its updraft.json) and upload it as a new version')
    .argument('[dir]', 'the bundle folder', '.')
    .option('--no-typecheck', 'upload without type-checking the project first')
    .option('--json', 'machine-readable output')
    .action((dir: string, options: DeployOptions) => deploy(ctx, dir, options));
}

interface DeployOptions extends JsonOption {
  typecheck: boolean;
}

async function deploy(ctx: CliContext, dir: string, options: DeployOptions): Promise<void> {
  const out = outputFor(ctx, options);
  const { client, tenant } = tenantSession(ctx);
  const root = resolve(dir);
  if (options.typecheck) {
    const problems = typecheckProject(root, readManifest(root).entries);
    if (problems === null)
      out.note(`Not type-checked: ${join(root, 'package.json')} names no typescript (\`updraft init\` projects do).`);
    for (const problem of problems ?? []) ctx.streams.stderr.write(`${problem.where} - error: ${problem.message}\n`);
    if (problems?.length) {
      throw new CliError(
        `${problems.length} type ${problems.length === 1 ? 'error' : 'errors'}: nothing uploaded (fix ${problems.length === 1 ? 'it' : 'them'}, or deploy with --no-typecheck)`,
      );
    }
  }
  const bundle = await buildBundle(root);
  out.note(`Uploading ${bundle.fileName} (${formatBytes(bundle.archive.length)}) to tenant ${tenant}…`);

  const bar = !options.json && (ctx.streams.stderr as { isTTY?: boolean }).isTTY ? uploadBar(ctx) : null;
  let result: Bundle;
  try {
    result = await client.uploadBundle(tenant, bundle.archive, bundle.fileName, bar?.progress);
  } finally {
    bar?.stop();
  }
  out.result(result, () => describeBundle(result));
  if (result.status === 'failed') {
    throw new CliError(`bundle ${result.name} v${result.version} failed to parse; the previous version stays active`);
  }
}

export function describeBundle(bundle: Bundle): string {
  const lines = [
    formatFields([
      ['Bundle', bundle.name],
      ['Version', bundle.version],
      ['Status', bundle.status],
      ['DAGs', bundle.dagIds.length ? bundle.dagIds.join(', ') : undefined],
    ]).trimEnd(),
  ];
  if (bundle.status === 'pending' || bundle.status === 'parsing') {
    lines.push('Parsing is still under way; `updraft dags list` shows the DAGs once it is done.');
  }
  if (bundle.errors.length) {
    lines.push('Errors:');
    for (const error of bundle.errors) {
      const where = error.line ? `${error.file}:${error.line}` : error.file;
      lines.push(`  ${where} ${error.message}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** A progress bar on a terminal only; --json output and pipes stay clean. */
function uploadBar(ctx: CliContext): { progress: (sent: number, total: number) => void; stop: () => void } {
  const bar = new SingleBar(
    {
      format: 'uploading {bar} {percentage}% of {totalKb} kB{phase}',
      stream: ctx.streams.stderr as unknown as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    progress: (sent, total) => {
      if (!started) bar.start(total, 0, { totalKb: Math.ceil(total / 1024), phase: '' });
      started = true;
      bar.update(sent, { phase: sent === total ? ', waiting for the parse…' : '' });
    },
    stop: () => started && bar.stop(),
  };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
