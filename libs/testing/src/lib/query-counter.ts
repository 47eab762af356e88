import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';

/**
 * Counts the SQL statements a piece of work sends (Airflow's assert_queries_count): give it to a
 * DataSource as `logger` with `logging: ['query']`, empty `statements`, do the work, count.
 */
export class QueryCounter extends AbstractLogger {
  statements: string[] = [];

  constructor() {
    super(['query']);
  }

  protected writeLog(level: LogLevel, message: LogMessage | LogMessage[]): void {
    if (level === 'query')
      this.statements.push(...(Array.isArray(message) ? message : [message]).map((m) => String(m.message)));
  }
}
