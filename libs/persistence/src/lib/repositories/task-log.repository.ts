import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { LogStream } from '../entities/task-log.entity';

export interface LogLine {
  timestamp: Date;
  stream: LogStream;
  message: string;
}

@Injectable()
export class TaskLogRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async append(tenantId: string, taskInstanceId: string, tryNumber: number, lines: LogLine[]): Promise<void> {
    if (lines.length === 0) return;
    await this.db.query(
      `INSERT INTO task_log (tenant_id, task_instance_id, try_number, timestamp, stream, message)
       SELECT $1, $2, $3, l.ts, l.stream, l.message FROM unnest($4::timestamptz[], $5::text[], $6::text[]) AS l(ts, stream, message)`,
      [tenantId, taskInstanceId, tryNumber, lines.map((l) => l.timestamp), lines.map((l) => l.stream), lines.map((l) => l.message.replace(/\0/g, ''))],
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
