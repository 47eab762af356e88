import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Serves the built console at `/`, with the SPA's index.html for its client-side routes. */
export function serveConsole(app: INestApplication, consoleDir: string): boolean {
  const index = join(consoleDir, 'index.html');
  if (!existsSync(index)) return false;
  app.use(express.static(consoleDir, { index: false, maxAge: '1h' }));
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || /^\/(health|metrics)(\/|$)/.test(req.path))
      return next();
    res.sendFile(index);
  });
  return true;
}
