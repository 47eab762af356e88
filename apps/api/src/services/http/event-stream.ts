import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { once } from 'node:events';

/** One Server-Sent Event as text: its `event` name unless `message`, its data one `data:` line per line. */
export function eventText(data: unknown, event?: string): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}${text
    .split(/\r?\n/)
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`;
}

const logger = new Logger('EventStream');

/**
 * Writes a text/event-stream answer from chunks of event text, each chunk in one write: a
 * 100,000-line log leaves in a hundred writes rather than 100,000 (Nest's @Sse writes every event
 * apart, with a promise and a tick each, which took tens of seconds for such a log). Waits when the
 * client is not reading (backpressure) and stops, ending the chunks, when it leaves.
 */
export async function writeEventStream(
  request: Request,
  response: Response,
  chunks: (isClosed: () => boolean) => AsyncIterable<string>,
): Promise<void> {
  let closed = false;
  const close = () => (closed = true);
  request.on('close', close);
  response.on('close', close);
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    Connection: 'keep-alive',
    'Cache-Control': 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform',
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  response.write('\n');
  try {
    for await (const chunk of chunks(() => closed)) {
      if (closed) break;
      if (chunk && !response.write(chunk)) await Promise.race([once(response, 'drain'), once(response, 'close')]);
    }
  } catch (error) {
    // The headers are out: the client gets an `error` event, never the stack.
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (!closed) response.write(eventText('Internal server error', 'error'));
  } finally {
    request.off('close', close);
    response.end();
  }
}
