import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';

/** Lines `new Function` puts before the body: `function anonymous(args\n) {\n`. */
export const FUNCTION_HEADER_LINES = 2;

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

type CallSite = NodeJS.CallSite;
type PrepareStackTrace = (error: Error, frames: CallSite[]) => unknown;
const errorClass = Error as { prepareStackTrace?: PrepareStackTrace };

/**
 * Makes stack traces of bundled DAG code point at the user's own files and lines while a local
 * run is under way, and leaves out the frames of the cli's own bundle. The SDK finds where a task
 * was declared from the first stack frame that is not its own, and inside the built cli its
 * frames are the cli's, so without this every DAG would seem to be declared in the cli.
 */
export class StackMapper {
  private readonly map: SourceMap;
  private readonly mapDir: string;
  private readonly userFrames = new WeakMap<object, SourcePosition>();
  private previous: PrepareStackTrace | undefined;
  private installed = false;

  constructor(
    readonly bundleName: string,
    payload: SourceMapPayload,
    private readonly ownFiles: ReadonlySet<string>,
  ) {
    this.map = new SourceMap(payload);
    this.mapDir = dirname(bundleName);
  }

  install(): void {
    if (this.installed) return;
    this.installed = true;
    this.previous = errorClass.prepareStackTrace;
    errorClass.prepareStackTrace = (error, frames) => this.format(error, frames);
  }

  uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    errorClass.prepareStackTrace = this.previous;
  }

  /** Where in the user's code (outside node_modules) an error was thrown, when it was. */
  userPosition(error: unknown): SourcePosition | undefined {
    if (!error || typeof error !== 'object') return undefined;
    void (error as { stack?: unknown }).stack;
    return this.userFrames.get(error);
  }

  private format(error: Error, frames: CallSite[]): string {
    const lines: string[] = [];
    let userFrame: SourcePosition | undefined;
    for (const frame of frames) {
      const file = frame.getScriptNameOrSourceURL() ?? frame.getFileName();
      if (file && this.ownFiles.has(file)) continue;
      const position = file === this.bundleName ? this.original(frame) : undefined;
      if (position && !userFrame && !position.file.includes('/node_modules/')) userFrame = position;
      const where = position
        ? `${position.file}:${position.line}:${position.column}`
        : `${file ?? '<anonymous>'}:${frame.getLineNumber() ?? 0}:${frame.getColumnNumber() ?? 0}`;
      const name = frame.getFunctionName() ?? frame.getMethodName();
      lines.push(`    at ${name ? `${name} (${where})` : where}`);
    }
    if (userFrame) this.userFrames.set(error, userFrame);
    return [describeError(error), ...lines].join('\n');
  }

  private original(frame: CallSite): SourcePosition | undefined {
    const line = (frame.getLineNumber() ?? 0) - FUNCTION_HEADER_LINES;
    const column = frame.getColumnNumber() ?? 0;
    if (line < 1) return undefined;
    const entry = this.map.findEntry(line - 1, column - 1) as Partial<{
      originalSource: string;
      originalLine: number;
      originalColumn: number;
    }>;
    if (!entry.originalSource || entry.originalLine === undefined) return undefined;
    return {
      file: resolve(this.mapDir, entry.originalSource),
      line: entry.originalLine + 1,
      column: (entry.originalColumn ?? 0) + 1,
    };
  }
}

function describeError(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}
