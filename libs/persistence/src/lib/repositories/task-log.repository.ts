import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LOG_TRUNCATED, MAX_LOG_PAGE_LINES, storableText } from '@updraft/domain';
import { DataSource } from 'typeorm';
import type { LogStream } from '../entities/task-log.entity';

export interface LogLine {
  timestamp: Date;
  stream: LogStream;
  message: string;
}

export type StoredLogLine = LogLine & { id: string };

export interface LogPage {
  lines: StoredLogLine[];
  /** The `afterId` of the following page; null when this page reaches the end of what is stored. */
  next: string | null;
}

export interface TryLogLines {
  tenantId: string;
  taskInstanceId: string;
  tryNumber: number;
  lines: LogLine[];
}

/**
 * The six arrays of an `unnest` into task_log's columns (tenant_id, task_instance_id, try_number, timestamp, stream, message).
 * A NUL or lone surrogate in a line shows as U+FFFD: the line is kept, and the batch it rides in never fails for it.
 */
export function logRowValues(batches: TryLogLines[]): [string[], string[], number[], Date[], string[], string[]] {
  const rows = batches.flatMap((b) => b.lines.map((line) => ({ ...b, line })));
  return [
    rows.map((r) => r.tenantId),
    rows.map((r) => r.taskInstanceId),
    rows.map((r) => r.tryNumber),
    rows.map((r) => r.line.timestamp),
    rows.map((r) => r.line.stream),
    rows.map((r) => storableText(r.line.message)),
  ];
}

@Injectable()
export class TaskLogRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async append(tenantId: string, taskInstanceId: string, tryNumber: number, lines: LogLine[]): Promise<void> {
    await this.appendMany([{ tenantId, taskInstanceId, tryNumber, lines }]);
  }

  /** Several tries' lines in one statement. */
  async appendMany(batches: TryLogLines[]): Promise<void> {
    const values = logRowValues(batches);
    if (values[0].length === 0) return;
    await this.db.query(
      `INSERT INTO task_log (tenant_id, task_instance_id, try_number, timestamp, stream, message)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[], $5::text[], $6::text[])`,
      values,
    );
  }

  /** Up to `limit` lines after the line `afterId` (ids only grow), in the order they were written. */
  async read(
    tenantId: string,
    taskInstanceId: string,
    tryNumber: number,
    afterId = '0',
    limit = MAX_LOG_PAGE_LINES,
  ): Promise<StoredLogLine[]> {
    return this.db.query(
      `SELECT id, timestamp, stream, message FROM task_log WHERE tenant_id = $1 AND task_instance_id = $2 AND try_number = $3 AND id > $4 ORDER BY id LIMIT $5`,
      [tenantId, taskInstanceId, tryNumber, afterId, limit],
    );
  }

  /** One page of a try's log, and where the next one starts: never a silent cut. */
  async page(
    tenantId: string,
    taskInstanceId: string,
    tryNumber: number,
    afterId = '0',
    limit = MAX_LOG_PAGE_LINES,
  ): Promise<LogPage> {
    const lines = await this.read(tenantId, taskInstanceId, tryNumber, afterId, limit + 1);
    if (lines.length <= limit) return { lines, next: null };
    lines.length = limit;
    return { lines, next: lines[limit - 1].id };
  }

  /** Whether the worker cut the try's output (it then stored a notice where it stopped keeping it). */
  async truncated(tenantId: string, taskInstanceId: string, tryNumber: number): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM task_log WHERE tenant_id = $1 AND task_instance_id = $2 AND try_number = $3 AND stream = 'system' AND starts_with(message, $4)) AS truncated`,
      [tenantId, taskInstanceId, tryNumber, LOG_TRUNCATED],
    );
    return row.truncated;
  }
}
