import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { storableText } from '@updraft/domain';
import { DataSource } from 'typeorm';
import type { LogStream } from '../entities/task-log.entity';

export interface LogLine {
  timestamp: Date;
  stream: LogStream;
  message: string;
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
  return [rows.map((r) => r.tenantId), rows.map((r) => r.taskInstanceId), rows.map((r) => r.tryNumber), rows.map((r) => r.line.timestamp),
    rows.map((r) => r.line.stream), rows.map((r) => storableText(r.line.message))];
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

  async read(tenantId: string, taskInstanceId: string, tryNumber: number, afterId = '0', limit = 10_000): Promise<(LogLine & { id: string })[]> {
    const rows = await this.db.query(
      `SELECT id, timestamp, stream, message FROM task_log WHERE tenant_id = $1 AND task_instance_id = $2 AND try_number = $3 AND id > $4 ORDER BY id LIMIT $5`,
      [tenantId, taskInstanceId, tryNumber, afterId, limit],
    );
    return rows;
  }
}
