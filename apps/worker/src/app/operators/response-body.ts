interface StreamedBody {
  getReader(): { read(): Promise<{ value?: Uint8Array; done: boolean }>; cancel(): Promise<void> };
}

/** Reads at most `maxBytes` of a response body (global or undici fetch); `truncated` says whether there was more. */
export async function readBodyCapped(response: { body: StreamedBody | null }, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
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
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}
