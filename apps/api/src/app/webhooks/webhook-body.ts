import type { NextFunction, Request, Response } from 'express';

/** A webhook call's body as received: its bytes (the signature is over them), or how many there were past the limit. */
export type WebhookBody = { bytes: Buffer; tooLarge: false } | { bytes: null; tooLarge: true; length: number };

export type WebhookRequest = Request & { webhookBody?: WebhookBody };

/**
 * Reads a webhook call's body raw (before the JSON parser, which would lose the exact bytes the
 * signature covers), up to `limit` bytes; past it the rest is read and dropped so the refusal can
 * still be answered and logged.
 */
export function webhookBody(limit: number) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      (req as WebhookRequest).webhookBody =
        length > limit ? { bytes: null, tooLarge: true, length } : { bytes: Buffer.concat(chunks), tooLarge: false };
      // body-parser skips a request whose body was read.
      (req as Request & { _body?: boolean })._body = true;
      next();
    });
    req.on('error', next);
  };
}
