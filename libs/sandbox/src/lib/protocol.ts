import type { PlatformCall, TemplateContext } from '@updraft/operators';
import type { SerializedDag, TaskContext } from '@updraft/sdk';

export type { PlatformCall, TemplateContext } from '@updraft/operators';

/** What the worker asks of a sandbox process (over Node's IPC channel only). */
export type SandboxRequest =
  | { kind: 'parse'; root: string; files: string[] }
  | {
      kind: 'run';
      root: string;
      file: string;
      dagId: string;
      taskId: string;
      context: Omit<TaskContext, 'log' | 'ti' | 'var' | 'conn' | 'setOutletExtra'>;
      warm?: WarmTry;
    }
  /** Renders a task's templated config fields (templates are tenant input, so they render only here). */
  | { kind: 'render'; fields: Record<string, unknown>; context: TemplateContext };

/** Set when the process is kept for further tries: it stays connected and marks where each try ends. */
export interface WarmTry {
  /** Tags this try's messages and output, so nothing a try left behind is taken for the next one's. */
  tryId: string;
  /** The try's own folder inside the process's writable root; becomes cwd, HOME and TMPDIR. */
  scratchDir: string;
}

/** Written to stdout and stderr after a warm try, so the worker knows it has all of that try's output. */
export const tryEndMarker = (tryId: string) => `\u0000updraft-try-end:${tryId}\n`;

/** The worker's answer to a platform call. */
export type SandboxReply =
  { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; error: string };

export interface ParsedFile {
  file: string;
  dags: SerializedDag[];
}

export interface CodeProblem {
  file: string;
  line?: number;
  message: string;
}

/** What a sandbox process answers. */
export type SandboxMessage =
  | { kind: 'log'; message: string; tryId?: string }
  | { kind: 'call'; id: number; call: PlatformCall; tryId?: string }
  | { kind: 'parsed'; files: ParsedFile[]; problems: CodeProblem[] }
  | { kind: 'rendered'; fields: Record<string, unknown> }
  | ({ kind: 'done'; outcome: 'success'; valueJson: string | null } & Reuse)
  | ({ kind: 'done'; outcome: 'fail' | 'skip' | 'error'; message: string } & Reuse);

/** After a warm try: whether the process is fit for another try, and if not, why. */
interface Reuse {
  retire?: string;
}
