import type { Request } from 'express';

const MAX_FORM_BYTES = 16 * 1024;

/** The raw body of a request the JSON parser left alone (a form post), up to 16 KiB. */
export async function readRawBody(req: Request): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One field of an `application/x-www-form-urlencoded` body ('' when absent), parsed here unless a body parser did it already. */
export async function readFormField(req: Request, field: string): Promise<string> {
  const parsed = (req.body as Record<string, unknown> | undefined)?.[field];
  if (typeof parsed === 'string') return parsed;
  if (req.readableEnded) return '';
  return new URLSearchParams(await readRawBody(req)).get(field) ?? '';
}
