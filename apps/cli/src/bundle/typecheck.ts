import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type * as TypeScript from 'typescript';
import { CliError } from '../errors';

export interface TypeProblem {
  /** `file:line:column` relative to the project, or the compiler's option name for a global problem. */
  where: string;
  message: string;
}

/** What a project's tsconfig.json would say if it had none (the one `updraft init` writes). */
const DEFAULT_OPTIONS = {
  target: 'es2022',
  lib: ['es2022'],
  module: 'commonjs',
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
};

/**
 * Type-checks a bundle project with the TypeScript it installed (so the check is the one
 * `npm run typecheck` runs): its tsconfig.json when it has one, else the entries with strict
 * options. Returns the errors, each with where it is, or null for a project whose package.json
 * does not name typescript (a plain folder of DAG files, which deploy packs with the CLI's SDK).
 */
export function typecheckProject(dir: string, entries: string[]): TypeProblem[] | null {
  if (!declaresTypeScript(dir)) return null;
  const ts = loadTypeScript(dir);
  const configPath = join(dir, 'tsconfig.json');
  let options: TypeScript.CompilerOptions;
  let rootNames: string[];
  if (existsSync(configPath)) {
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    if (read.error) return [describe(ts, dir, read.error)];
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir, undefined, configPath);
    if (parsed.errors.length > 0) return parsed.errors.map((d) => describe(ts, dir, d));
    options = parsed.options;
    rootNames = [...new Set([...parsed.fileNames, ...entries.map((entry) => join(dir, entry))])];
  } else {
    options = ts.convertCompilerOptionsFromJson(DEFAULT_OPTIONS, dir).options;
    rootNames = entries.map((entry) => join(dir, entry));
  }
  const program = ts.createProgram({ rootNames, options: { ...options, noEmit: true } });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => describe(ts, dir, d));
}

function declaresTypeScript(dir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    return ['dependencies', 'devDependencies'].some((field) => pkg[field]?.['typescript'] !== undefined);
  } catch {
    return false;
  }
}

function loadTypeScript(dir: string): typeof TypeScript {
  try {
    return createRequire(join(dir, 'package.json'))('typescript') as typeof TypeScript;
  } catch {
    throw new CliError(
      `cannot type-check: typescript is not installed in ${dir} (run \`npm install\`, or deploy with --no-typecheck)`,
    );
  }
}

function describe(ts: typeof TypeScript, dir: string, diagnostic: TypeScript.Diagnostic): TypeProblem {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (!diagnostic.file || diagnostic.start === undefined) return { where: 'tsconfig.json', message };
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return { where: `${relative(dir, diagnostic.file.fileName)}:${line + 1}:${character + 1}`, message };
}
