export type TokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'plain';
export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set(
  (
    'import export from default const let var function return async await if else for while of in new class extends ' +
    'true false null undefined try catch finally throw typeof interface type as'
  ).split(' '),
);
const TOKEN =
  /(\/\/.*$|\/\*.*?\*\/)|('(?:\\.|[^'\\])*'?|"(?:\\.|[^"\\])*"?|`(?:\\.|[^`\\])*`?)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_$][\w$]*)/g;

/**
 * Splits one line of TypeScript or JavaScript into coloured tokens. Line by line, so a comment
 * or template string spanning lines is coloured on its first line only: enough for reading a DAG.
 */
export function highlightLine(line: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const match of line.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > at) tokens.push({ kind: 'plain', text: line.slice(at, index) });
    const [text, comment, string, number, word] = match;
    const kind: TokenKind = comment
      ? 'comment'
      : string
        ? 'string'
        : number
          ? 'number'
          : word && KEYWORDS.has(word)
            ? 'keyword'
            : 'plain';
    tokens.push({ kind, text });
    at = index + text.length;
  }
  if (at < line.length) tokens.push({ kind: 'plain', text: line.slice(at) });
  return tokens;
}
