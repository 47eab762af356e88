import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';

const MiB = 1024 * 1024;

export interface StreamedUpload {
  status: number;
  body: { message: string; details?: unknown };
  retryAfter?: string;
  /** Highest growth of `memory()` seen while the upload was under way (MiB). */
  peakMemoryGrowthMiB: number;
}

/** What to send in the multipart field `file`: an archive, or `zeroBytes` made as they are sent (never held by the client), with or without a Content-Length. */
export type UploadContent = { archive: Buffer } | { zeroBytes: number; declareLength: boolean };

/** A process's resident memory in bytes (Linux /proc), e.g. an api started by startStack. */
export function residentBytesOf(pid: number): number {
  const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib ?? 0) * 1024;
}

/**
 * Uploads a bundle as multipart/form-data over plain HTTP, stopping as soon as the api answers
 * (an api that cuts the upload off answers before the client has sent it all), and samples
 * `memory` every 5 ms meanwhile.
 */
export async function streamBundleUpload(
  baseUrl: string,
  tenant: string,
  token: string,
  content: UploadContent,
  memory: () => number = () => 0,
): Promise<StreamedUpload> {
  const boundary = 'updraft-stream-upload-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bundle.tar.gz"\r\nContent-Type: application/gzip\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = 'archive' in content ? content.archive.length : content.zeroBytes;
  const declare = 'archive' in content || content.declareLength;
  const baseline = memory();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, memory())), 5);
  const req = httpRequest(`${baseUrl}/api/v1/tenants/${tenant}/bundles`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(declare && { 'content-length': head.length + size + tail.length }),
    },
  });
  req.on('error', () => undefined);
  const answered = once(req, 'response').then(async ([res]) => {
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return { res, text: Buffer.concat(chunks).toString('utf8') };
  });
  let done = false;
  void answered.then(() => (done = true));
  const closed = once(req, 'close').catch(() => undefined);
  try {
    req.write(head);
    if ('archive' in content) req.write(content.archive);
    else {
      const chunk = Buffer.alloc(MiB);
      for (let sent = 0; sent < size && !done && !req.destroyed; sent += chunk.length) {
        if (!req.write(chunk)) await Promise.race([once(req, 'drain'), answered, closed]);
      }
    }
    if (!done && !req.destroyed) req.end(tail);
    const { res, text } = await answered;
    return {
      status: res.statusCode ?? 0,
      body: JSON.parse(text),
      retryAfter: res.headers['retry-after'] as string | undefined,
      peakMemoryGrowthMiB: (peak - baseline) / MiB,
    };
  } finally {
    req.destroy();
    clearInterval(sampler);
  }
}
