import { Logger } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { UpdraftMetrics } from './metrics';

/** A reason the process is not ready, or null when it is. */
export type ReadinessCheck = () => Promise<string | null>;

/**
 * The worker's and scheduler's small HTTP port: `/metrics` (Prometheus), `/health/live` (the
 * process answers) and `/health/ready` (503 with the reason while not ready, e.g. draining).
 */
export async function startOpsServer(
  port: number,
  metrics: UpdraftMetrics,
  ready: ReadinessCheck,
  host = '0.0.0.0',
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const answer = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    if (req.method !== 'GET') return answer(405, JSON.stringify({ status: 'error', error: 'method not allowed' }));
    if (path === '/metrics')
      return void metrics.text().then(
        (text) => answer(200, text, metrics.contentType),
        (error: Error) => answer(500, JSON.stringify({ status: 'error', error: error.message })),
      );
    if (path === '/health/live') return answer(200, JSON.stringify({ status: 'ok' }));
    if (path === '/health/ready')
      return void ready().then(
        (reason) =>
          reason === null
            ? answer(200, JSON.stringify({ status: 'ok' }))
            : answer(503, JSON.stringify({ status: 'error', error: reason })),
        (error: Error) => answer(503, JSON.stringify({ status: 'error', error: error.message })),
      );
    answer(404, JSON.stringify({ status: 'error', error: 'not found' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/**
 * Starts the ops port of a worker or scheduler (0: none). A port already taken is logged, not
 * fatal: the app's work matters more than its metrics, and the probes will say the port is missing.
 */
export async function openOpsPort(
  app: string,
  port: number,
  metrics: UpdraftMetrics,
  ready: ReadinessCheck,
): Promise<Server | null> {
  if (port === 0) return null;
  try {
    const server = await startOpsServer(port, metrics, ready);
    Logger.log(`metrics at http://127.0.0.1:${port}/metrics, health at /health/live and /health/ready`, app);
    return server;
  } catch (error) {
    Logger.error(
      `metrics and health port ${port} unavailable (${(error as Error).message}): running without them`,
      app,
    );
    return null;
  }
}
