/** A duration: milliseconds as a number, or a string like `'30s'`, `'15m'`, `'1h30m'`, `'2d'`. */
export type Duration = number | string;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/y;

/**
 * Parses a duration into milliseconds.
 * @throws Error naming the bad value when it is not a non-negative number or a sequence of `<n><unit>`.
 */
export function parseDuration(value: Duration): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`invalid duration ${value}: expected a non-negative number of milliseconds`);
    return value;
  }
  const text = String(value).trim();
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (!match || match.index !== start) {
      throw new Error(`invalid duration '${value}': expected e.g. '30s', '15m', '1h30m' or '2d'`);
    }
    total += Number(match[1]) * UNIT_MS[match[2]];
  }
  if (text.length === 0) throw new Error(`invalid duration '${value}': expected e.g. '30s', '15m', '1h30m' or '2d'`);
  return total;
}
