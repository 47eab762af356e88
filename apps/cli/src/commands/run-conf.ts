import { CliError } from '../errors';

/** Reads `--conf`: a JSON object, or nothing. */
export function parseConf(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let conf: unknown;
  try {
    conf = JSON.parse(text);
  } catch (err) {
    throw new CliError(`--conf is not valid JSON: ${(err as Error).message}`);
  }
  if (!conf || typeof conf !== 'object' || Array.isArray(conf)) {
    throw new CliError('--conf must be a JSON object, e.g. \'{"region":"eu"}\'');
  }
  return conf as Record<string, unknown>;
}
