import type { SerializedDag, TaskContext } from '@updraft/sdk';

/** What the worker asks of a sandbox process (over Node's IPC channel only). */
export type SandboxRequest =
  | { kind: 'parse'; root: string; files: string[] }
  | { kind: 'run'; root: string; file: string; dagId: string; taskId: string; context: Omit<TaskContext, 'log' | 'ti'> };

/** What tenant code may ask its worker for while it runs; the worker answers for its own run only. */
export type PlatformCall =
  | { method: 'xcomPull'; taskId: string; key: string }
  /** A tenant variable by key (secret ones decrypted only here, for this call). */
  | { method: 'getVariable'; key: string }
  /** A tenant connection by id, password decrypted only for this call. */
  | { method: 'getConnection'; connId: string };

/** The worker's answer to a platform call. */
export type SandboxReply = { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; error: string };

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
  | { kind: 'call'; id: number; call: PlatformCall }
  | { kind: 'parsed'; files: ParsedFile[]; problems: CodeProblem[] }
  | { kind: 'done'; outcome: 'success'; valueJson: string | null }
  | { kind: 'done'; outcome: 'fail' | 'skip' | 'error'; message: string };
