export interface WaitForOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Named in the timeout error, with the last value seen. */
  what: string;
}

/**
 * Polls `probe` until `done` accepts its value; on timeout the error names the last value seen,
 * so a stuck run says where it was stuck.
 */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  options: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const seen = lastError ? `last error: ${String(lastError)}` : `last seen: ${JSON.stringify(last)}`;
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}; ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
