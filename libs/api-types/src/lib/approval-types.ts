/** Approval steps' questions and their answers (docs/alerts.md, "Approval steps"). */
import { PageInfo } from './api-types';

export type ApprovalState = 'pending' | 'answered' | 'timed_out';
export type ApprovalVia = 'console' | 'api' | 'email' | 'slack' | 'timeout';

export class ApprovalFormField {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  default?: unknown;
  description?: string;
  enum?: unknown[];
}

export class Approval {
  id!: string;
  dagId!: string;
  runId!: string;
  taskId!: string;
  mapIndex!: number;
  subject!: string;
  body!: string;
  /** The answers offered. */
  options!: string[];
  /** Fields to fill in with the answer, declared like DAG params. */
  form!: Record<string, ApprovalFormField>;
  /** Who must answer (any one of them). */
  assignees!: string[];
  /** Whether the caller is one of the assignees. */
  mine!: boolean;
  state!: ApprovalState;
  timeoutAt!: string;
  /** What a timeout does: `fail`, `skip` or an option taken as the answer. */
  onTimeout!: string;
  option!: string | null;
  formValues!: Record<string, unknown> | null;
  answeredBy!: string | null;
  answeredVia!: ApprovalVia | null;
  answeredAt!: string | null;
  createdAt!: string;
}

export class ApprovalPage extends PageInfo {
  items!: Approval[];
}
