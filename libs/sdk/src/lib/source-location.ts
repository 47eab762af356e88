const SDK_FRAME = /sdk[\\/]src[\\/]lib[\\/][\w-]+\.[jt]s:|@updraft[\\/]sdk[\\/]|sandbox-runner\.js:/;

/** The `file:line` of the first stack frame outside the SDK: where the user declared something. */
export function callerLocation(): string | null {
  const stack = new Error().stack?.split('\n').slice(1) ?? [];
  for (const frame of stack) {
    if (SDK_FRAME.test(frame) || frame.includes('node:internal')) continue;
    const match = /\(?((?:file:\/\/)?[^()\s]+):(\d+):\d+\)?\s*$/.exec(frame);
    if (match) return `${match[1].replace(/^file:\/\//, '')}:${match[2]}`;
  }
  return null;
}
