/** How every notice of a cut log begins: the worker writes it, readers look for it. */
export const LOG_TRUNCATED = 'log truncated:';

/** The most lines one read of a try's log returns; `next` says where the following page starts. */
export const MAX_LOG_PAGE_LINES = 10_000;

/** The notice written where a process's output stops being kept. */
export function logTruncatedNotice(limit: string): string {
  return `${LOG_TRUNCATED} output exceeded ${limit}; further output is discarded`;
}
