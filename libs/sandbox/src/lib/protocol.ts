import type { SerializedDag, TaskContext } from '@updraft/sdk';

/** What the worker asks of a sandbox process (over Node's IPC channel only). */
export type SandboxRequest =
  | { kind: 'parse'; root: string; files: string[] }
  | { kind: 'run'; root: string; file: string; dagId: string; taskId: string; context: Omit<TaskContext, 'log'> };

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
  | { kind: 'log'; message: string }
  | { kind: 'parsed'; files: ParsedFile[]; problems: CodeProblem[] }
  | { kind: 'done'; outcome: 'success'; valueJson: string | null }
  | { kind: 'done'; outcome: 'fail' | 'skip' | 'error'; message: string };
