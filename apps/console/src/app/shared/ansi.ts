/** A run of text in one style, from a line with ANSI SGR escape codes. */
export interface AnsiSegment {
  text: string;
  /** CSS classes: `ansi-fg-N`, `ansi-bg-N` (N 0–15), `ansi-bold`. */
  classes: string;
}

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[([0-9;]*)m/g;
// eslint-disable-next-line no-control-regex
const ANY_ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** The text without escape codes (what search and download use). */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANY_ESCAPE, '') : text;
}

/** Splits a line into styled segments; only the 16 basic colours and bold are kept. */
export function parseAnsi(text: string): AnsiSegment[] {
  if (!text.includes('\x1b')) return [{ text, classes: '' }];
  const segments: AnsiSegment[] = [];
  let fg: number | null = null;
  let bg: number | null = null;
  let bold = false;
  let last = 0;
  const push = (chunk: string) => {
    const clean = stripAnsi(chunk);
    if (!clean) return;
    const classes = [fg !== null ? `ansi-fg-${fg}` : '', bg !== null ? `ansi-bg-${bg}` : '', bold ? 'ansi-bold' : '']
      .filter(Boolean)
      .join(' ');
    segments.push({ text: clean, classes });
  };
  for (const match of text.matchAll(SGR)) {
    push(text.slice(last, match.index));
    last = (match.index ?? 0) + match[0].length;
    const codes = match[1] === '' ? [0] : match[1].split(';').map(Number);
    for (const code of codes) {
      if (code === 0) [fg, bg, bold] = [null, null, false];
      else if (code === 1) bold = true;
      else if (code === 22) bold = false;
      else if (code >= 30 && code <= 37) fg = code - 30;
      else if (code >= 90 && code <= 97) fg = code - 90 + 8;
      else if (code === 39) fg = null;
      else if (code >= 40 && code <= 47) bg = code - 40;
      else if (code >= 100 && code <= 107) bg = code - 100 + 8;
      else if (code === 49) bg = null;
    }
  }
  push(text.slice(last));
  return segments;
}
