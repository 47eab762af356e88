export interface TextSink {
  write(text: string): unknown;
}

export interface OutputStreams {
  stdout: TextSink;
  stderr: TextSink;
}

export type Cell = string | number | boolean | null | undefined;

export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
}

const STATE_COLOURS: Record<string, number> = {
  success: 32,
  failed: 31,
  upstream_failed: 31,
  up_for_retry: 33,
  running: 33,
  queued: 36,
  scheduled: 36,
  restarting: 33,
  skipped: 35,
  removed: 90,
  none: 90,
};

/** Results go to stdout (JSON with --json, text otherwise); progress notes go to stderr. */
export class Output {
  constructor(
    private readonly streams: OutputStreams,
    readonly json: boolean,
    /** ANSI colours: only on a terminal, never with NO_COLOR or --json. */
    readonly colour = false,
  ) {}

  /** A task or run state, coloured by what it means when colour is on. */
  paint(state: string): string {
    const code = STATE_COLOURS[state];
    return this.colour && code ? `\x1b[${code}m${state}\x1b[39m` : state;
  }

  result(data: unknown, human: () => string): void {
    const text = this.json ? formatJson(data) : human();
    this.streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  note(message: string): void {
    if (!this.json) this.streams.stderr.write(`${message}\n`);
  }
}

export function formatJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Text length as seen on a terminal (without colour codes). */
const COLOUR_CODE = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');
const visibleLength = (text: string) => text.replace(COLOUR_CODE, '').length;

export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[], empty = '(none)'): string {
  if (rows.length === 0) return `${empty}\n`;
  const cells = rows.map((row) => columns.map((column) => formatCell(column.value(row))));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((r) => visibleLength(r[i]))));
  const line = (values: string[]) =>
    values
      .map((value, i) =>
        i === values.length - 1 ? value : value + ' '.repeat(Math.max(widths[i] - visibleLength(value), 0)),
      )
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

export function formatFields(fields: ReadonlyArray<[string, Cell]>): string {
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  return fields.map(([label, value]) => `${`${label}:`.padEnd(width)} ${formatCell(value)}`).join('\n') + '\n';
}

export function formatCell(value: Cell): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value).replace(/\s+/g, ' ');
}

/** ISO timestamps shown in UTC without milliseconds: 2024-01-01 00:00:00. */
export function formatDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');
}

export function formatDuration(ms: number | null | undefined): string | undefined {
  if (ms === null || ms === undefined) return undefined;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${Math.floor(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}
