interface StreamedBody {
  getReader(): { read(): Promise<{ value?: Uint8Array; done: boolean }>; cancel(): Promise<void> };
}

/** The part of a fetch Response (global or undici) the operators read. */
export interface FetchedResponse {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  body: StreamedBody | null;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  redirect: 'follow' | 'manual';
  signal: AbortSignal;
}

/** Makes one request; throws DestinationRefusedError for a destination it may not reach. */
export type Fetcher = (url: URL, init: FetchInit) => Promise<FetchedResponse>;

/** Reads at most `maxBytes` of a response body; `truncated` says whether there was more. */
export async function readBodyCapped(
  response: { body: StreamedBody | null },
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { text: '', truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done || !value) break;
    chunks.push(value);
    size += value.length;
    if (size >= maxBytes) {
      truncated = size > maxBytes || !(await reader.read()).done;
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { text: new TextDecoder().decode(bytes), truncated };
}
